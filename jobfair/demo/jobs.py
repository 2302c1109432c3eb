"""Demo data standing on the seeding day: the vacancies open now and the next job fair.

Eighty of the July 2025 fair's companies keep hiring: each posts four vacancies online over the last six weeks
(vacancies.create_draft, submit, and the office's publish, each on its own day), valid for several more weeks, with
a wage range, a work location and a minimum education (the Perpres 57/2023 fields). The office announces the next
fair three weeks ahead (fairs.create_fair); 36 of those companies take a booth (fairs.take_booth) and put two of
their vacancies in it. A few vacancies still wait for moderation and three newly registered companies wait for
verification, so the office desk has work. Everything is dated from `today`; deterministic; once per database
(demo_common.part_done).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.demo.common import (
    living_day,
    mark_done,
    month_name,
    next_weekday,
    part_done,
    wage_floor,
    wita,
)
from jobfair.demo.fair import JOB_TITLES, KECAMATAN, Progress, say, vacancy_skills
from jobfair.demo.seed import DEMO_DOMAIN
from jobfair.extensions import db
from jobfair.models import Company, JobFair, Role, User, Vacancy
from jobfair.services import audit
from jobfair.services.hiring import fairs, search, vacancies

PART = "jobs"
OPEN_COMPANIES = 80            # of the July 2025 fair's 102 companies
PER_COMPANY = 4
BOOTH_COMPANIES = 36           # the first ones of those take a booth at the next fair
FAIR_PER_BOOTH = 2             # vacancies each booth company puts in the fair
WAITING = 6                    # vacancies submitted yesterday or today, waiting for the office
POSTED_OVER_DAYS = 42          # vacancies were published over the last six weeks
EDUCATION = ("SMK", "SMA", "D3", "S1", "SMK", "SMP", "SMA", "SD", "D3", "SMK")
EMPLOYMENT = ("permanent", "contract", "contract", "daily", "part_time", "internship", "permanent")
# Companies that registered in the last days and wait for the office: (name, KBLI, kecamatan, address, contact)
NEW_COMPANIES = (
    ("PT Samudra Logistik Kariangau", "52291", "647102", "Jl. Sultan Hasanuddin No. 51, Kariangau", "Rudi Hartono"),
    ("CV Dapur Etam Catering", "56210", "647105", "Jl. MT Haryono No. 17, Damai Bahagia", "Yuliana Sari"),
    ("PT Borneo Teknik Mandiri", "33120", "647103", "Jl. Soekarno-Hatta Km 12, Karang Joang", "Fajar Nugroho"),
)
FAIR_VENUE = "BSCC Dome, Jl. Ruhui Rahayu, Balikpapan Selatan"


@dataclass(frozen=True)
class Hr:
    """A company and the HR account that acts for it (ids only: commits expire loaded objects)."""

    company_id: int
    user_id: int
    n: int

    @property
    def user(self) -> User:
        return db.session.get(User, self.user_id)


def fair_companies() -> list[Hr]:
    """The July 2025 fair's companies (NIB 9125070…) in their order, each with its first HR account."""
    rows = db.session.execute(select(Company.id, Company.nib, func.min(User.id))
                              .join(User, User.company_id == Company.id)
                              .where(Company.nib.like("9125070%"), User.role == Role.COMPANY.value)
                              .group_by(Company.id, Company.nib).order_by(Company.nib)).all()
    return [Hr(company_id, user_id, int(nib[-6:])) for company_id, nib, user_id in rows]


def next_fair_dates(today: date) -> tuple[date, date]:
    """A two-day fair on the first Wednesday at least three weeks after `today`."""
    starts = next_weekday(today + timedelta(days=21), 2)
    return starts, starts + timedelta(days=1)


def upcoming_fair(today: date) -> JobFair | None:
    """The next fair the demo announced (the first fair starting after `today`)."""
    return db.session.scalar(select(JobFair).where(JobFair.starts_on > today).order_by(JobFair.starts_on))


def vacancy_fields(index: int, n: int, *, posted: date, floor: int, fair_ends: date | None = None) -> dict:
    """The form a company fills for its index-th vacancy (n: the company number), posted on `posted`."""
    title_index = (index * 7 + n) % len(JOB_TITLES)
    title = JOB_TITLES[title_index]
    stays_open = 56 + (index * 5 + n) % 29                     # 8 to 12 weeks from the posting day
    valid_until = posted + timedelta(days=stays_open)
    if fair_ends is not None:
        valid_until = max(valid_until, fair_ends + timedelta(days=21))
    wage_min = floor + 250_000 * ((index + n) % 5)
    return dict(title=title, description=f"{title} untuk penempatan di Balikpapan. Kirim lamaran dan CV melalui "
                                         "Bursa Kerja Disnaker; seleksi berkas, tes, dan wawancara.",
                openings=1 + (index * 3 + n) % 6, valid_from=posted, valid_until=valid_until,
                education_min=EDUCATION[(index + n) % len(EDUCATION)], skills=vacancy_skills(title_index),
                experience_years=(index + n) % 4, kecamatan_code=KECAMATAN[(index * 5 + n) % 6],
                employment_type=EMPLOYMENT[(index + 2 * n) % len(EMPLOYMENT)], wage_min=wage_min,
                wage_max=wage_min + 500_000 * (1 + (index + n) % 4), age_min=18,
                age_max=(35, 40, 45, None)[(index + n) % 4], disability_friendly=(index + n) % 8 == 0)


def post_vacancy(hr_user: User, officer: User, fields: dict, *, fair_id: int | None = None,
                 publish: bool = True) -> Vacancy:
    """A company writes, submits and (the office) publishes a vacancy, all on its posting day."""
    posted = fields["valid_from"]
    vacancy = vacancies.create_draft(hr_user, today=posted, job_fair_id=fair_id, **fields)
    vacancies.submit(hr_user, vacancy.id, today=posted)
    if publish:
        vacancies.publish(officer, vacancy.id, today=posted)
    return vacancy


def _announce_fair(officer: User, today: date) -> JobFair:
    starts, ends = next_fair_dates(today)
    return fairs.create_fair(officer, name=f"Job Fair Kota Balikpapan {month_name(starts)}", starts_on=starts,
                             ends_on=ends, venue=FAIR_VENUE, booth_count=80, capacity=3000,
                             description="Bursa kerja Disnaker Kota Balikpapan. Gratis untuk pencari kerja: daftar "
                                         "daring untuk mendapat tiket, bawa KTP dan CV. Wawancara langsung di stan.")


def _posting_plan(companies: list[Hr], today: date) -> list[tuple[date, Hr, int, bool]]:
    """(posting day, company, index, in the fair) for every open vacancy, oldest posting first."""
    plan = []
    for c, hr in enumerate(companies):
        for index in range(PER_COMPANY):
            in_fair = c < BOOTH_COMPANIES and index < FAIR_PER_BOOTH
            days_ago = 1 + (c * 11 + index * 17) % POSTED_OVER_DAYS
            if in_fair:  # after the booth (taken 16 to 20 days ago)
                days_ago = min(days_ago, 15)
            plan.append((living_day(today - timedelta(days=days_ago)), hr, index, in_fair))
    plan.sort(key=lambda row: (row[0], row[1].n, row[2]))
    return plan


def _record_new_company(officer: User, n: int, row: tuple, today: date, password_hash: str) -> None:
    """A company that registered itself in the last days (the rows registration.register_company writes); its HR
    account is a record (deactivated, shared record-only hash, no e-mail), as the other demo companies'."""
    name, kbli, kecamatan, address, contact = row
    registered = wita(today - timedelta(days=len(NEW_COMPANIES) - n), 10 + n)
    company = Company(name=name, nib=f"9126110{n:06d}", kecamatan_code=kecamatan, address=address,
                      contact_name=contact, contact_phone=f"0811620{n:05d}", kbli_code=kbli,
                      headcount=15 + 40 * n, wlkp_status="reported", created_at=registered)
    user = User(role=Role.COMPANY.value, email=f"hr{n:03d}.baru@{DEMO_DOMAIN}", password_hash=password_hash,
                full_name=contact, phone=company.contact_phone, active=False, failed_login_count=0,
                session_version=1, company=company)
    db.session.add_all([company, user])
    db.session.flush()
    audit.record(user, "company.registered", company, detail={"demo": True})
    audit.record(user, "account.created", user, detail={"role": Role.COMPANY.value, "demo": True, "active": False})
    db.session.commit()


def seed_jobs(officer: User, *, today: date, password_hash: str, progress: Progress = None) -> JobFair | None:
    """Open vacancies and the next fair (once per database). Returns the next fair."""
    if part_done(PART):
        say(progress, "Lowongan aktif dan bursa kerja berikutnya sudah ada; tidak ditambahkan lagi.")
        return upcoming_fair(today)
    companies = fair_companies()[:OPEN_COMPANIES]
    if not companies:
        raise RuntimeError("seed the July 2025 fair first (its companies keep hiring)")
    floor = wage_floor(today)
    fair = _announce_fair(officer, today)
    for c, hr in enumerate(companies[:BOOTH_COMPANIES]):
        fairs.take_booth(hr.user, fair.id, today=today - timedelta(days=20 - c % 5))
    for posted, hr, index, in_fair in _posting_plan(companies, today):
        fields = vacancy_fields(index, hr.n, posted=posted, floor=floor, fair_ends=fair.ends_on if in_fair else None)
        post_vacancy(hr.user, officer, fields, fair_id=fair.id if in_fair else None)
    waiting = fair_companies()[OPEN_COMPANIES:OPEN_COMPANIES + WAITING]
    for w, hr in enumerate(waiting):
        fields = vacancy_fields(PER_COMPANY + w, hr.n, posted=today - timedelta(days=w % 2), floor=floor)
        post_vacancy(hr.user, officer, fields, publish=False)
    for n, row in enumerate(NEW_COMPANIES, start=1):
        _record_new_company(officer, n, row, today, password_hash)
    open_count = open_vacancy_count(today)
    say(progress, f"Lowongan aktif per {today:%d-%m-%Y}: {open_count} lowongan dari {len(companies)} perusahaan "
                  f"(tayang {POSTED_OVER_DAYS} hari terakhir); {len(waiting)} menunggu moderasi; "
                  f"{len(NEW_COMPANIES)} perusahaan baru menunggu verifikasi.")
    say(progress, f"{fair.name} ({fair.starts_on:%d-%m-%Y}, {fair.venue}): {BOOTH_COMPANIES} perusahaan mengambil "
                  f"stan, {BOOTH_COMPANIES * FAIR_PER_BOOTH} lowongan dipasang; pendaftaran daring dibuka.")
    mark_done(officer, PART, today, fair_id=fair.id, open_vacancies=open_count)
    return fair


def open_vacancy_count(today: date) -> int:
    return db.session.scalar(select(func.count()).select_from(search.open_vacancies(today).subquery())) or 0


def open_vacancy_rows(today: date) -> list:
    """(id, company id, education minimum, job fair id, valid from) of every vacancy open on `today`."""
    return db.session.execute(search.open_vacancies(today).with_only_columns(
        Vacancy.id, Vacancy.company_id, Vacancy.education_min, Vacancy.job_fair_id, Vacancy.valid_from)
        .order_by(Vacancy.id)).all()


def shuffled(items: list, seed: int) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items
