"""Demo data standing on the seeding day: the job seekers looking for work now.

120 seekers registered in the last months (records, not logins, like the July 2025 fair's visitors: deactivated,
one shared record-only hash) complete their profile and upload a CV through seeker_profiles; 40 hold an AK/1 card
the office issued (ak1.request_card, ak1.issue), 12 more wait for it. 100 of them apply to two or three of the
vacancies open now that their education meets (applications.apply); the companies' HR staff move each application
to its outcome (applicants.change_status, invite with an interview in the coming days, hire), the office verifies
some of the hires (placements.verify), and 80 seekers pre-register for the next fair (fairs.pre_register).
Deterministic (random.Random(2026)); once per database.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select

from jobfair.demo.common import living_day, mark_done, part_done, wita
from jobfair.demo.fair import Progress, say
from jobfair.demo.jobs import fair_companies, upcoming_fair
from jobfair.demo.people import (
    CONTRACTS,
    EDUCATION_MIX,
    FIRST_NAMES,
    LAST_NAMES,
    fill_profile,
    record_seeker_account,
)
from jobfair.demo.seed import DEMO_DOMAIN
from jobfair.extensions import db
from jobfair.models import EducationLevel, Kelurahan, User, Vacancy
from jobfair.rules.nik import FEMALE_DAY_OFFSET, parse_nik
from jobfair.services.hiring import ak1, applicants, applications, fairs, placements
from jobfair.services.privacy import data_requests

PART = "seekers"
SEEKER_COUNT = 120
WITH_CARD, CARD_REQUESTED = 40, 12
APPLYING = 100
PRE_REGISTERED = 80
HIRES, VERIFIED = 10, 4
NIK_SERIAL = 3000                    # serials 3001–3120 (fair seekers 2001–2300, SMK 4001–5999, register 6001+)
OUTCOMES = ("submitted",) * 4 + ("reviewed",) * 3 + ("shortlisted",) * 2 + ("interview",) * 2 \
    + ("rejected",) * 3 + ("withdrawn",)
INTERVIEW_PLACE = "Kantor perusahaan, ruang HRD (bawa KTP, CV, dan ijazah asli)"


def seeker_email(n: int) -> str:
    return f"pelamar{n:03d}.lowongan@{DEMO_DOMAIN}"


def living_nik(n: int, rng: random.Random, today: date) -> tuple[str, str, date]:
    """(NIK, sex, birth date) of living seeker n: a Balikpapan NIK that agrees with the declared sex and birth."""
    sex = "P" if n % 2 else "L"
    oldest, youngest = date(today.year - 42, 1, 1), date(today.year - 19, 12, 31)
    birth = oldest + timedelta(days=rng.randrange((youngest - oldest).days))
    day = birth.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    nik = f"6471{n % 6 + 1:02d}{day:02d}{birth:%m}{birth.year % 100:02d}{NIK_SERIAL + n:04d}"
    parse_nik(nik, today=today)  # the rules check it like a typed NIK (raises on a bad one)
    return nik, sex, birth


def record_seeker(n: int, rng: random.Random, today: date, password_hash: str) -> User:
    """The rows registration.register_seeker writes (person by NIK, user, empty profile, audit row), as a record:
    deactivated with the shared record-only hash, so no argon2 round and no e-mail."""
    nik, sex, birth = living_nik(n, rng, today)
    name = f"{rng.choice(FIRST_NAMES[sex])} {rng.choice(LAST_NAMES)}"
    return record_seeker_account(n, parse_nik(nik, today=today), email=seeker_email(n), name=name, sex=sex,
                                 birth=birth, phone=f"0812{6_000_000 + n}", password_hash=password_hash)


def complete_profile(user: User, n: int, kelurahan: dict[str, list[str]], rng: random.Random, today: date) -> str:
    """The seeker fills the profile (what the AK/1 card needs) and uploads a CV; returns the education level."""
    education = rng.choice(EDUCATION_MIX)
    kecamatan = f"6471{n % 6 + 1:02d}"
    years = rng.randrange(0, 8)
    # graduated last year or this one after `years` of work (never in the future: years >= 0)
    fill_profile(user, n, rng, street="Demo Pelamar", education=education, years=years, kecamatan=kecamatan,
                 kelurahan=kelurahan, graduated=(today.year - 1 - years, 2), has_disability=n % 20 == 0, today=today)
    return education


def kelurahan_by_kecamatan() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    rows = db.session.execute(select(Kelurahan.code, Kelurahan.kecamatan_code).order_by(Kelurahan.code))
    for code, kecamatan in rows:
        found.setdefault(kecamatan, []).append(code)
    return found


def issue_cards(officer: User, users: list[User], today: date, *, issued: int, requested: int) -> None:
    """The first `issued` seekers asked for the AK/1 card in the last months and the office issued it two days later;
    the next `requested` asked in the last days and wait in the office's queue."""
    for n, user in enumerate(users[:issued]):
        asked = living_day(today - timedelta(days=100 - 2 * n))
        card = ak1.request_card(user, today=asked)
        ak1.issue(officer, card.id, today=asked + timedelta(days=2))
    for n, user in enumerate(users[issued:issued + requested]):
        ak1.request_card(user, today=today - timedelta(days=n % 4))


def open_vacancies_by_level(today: date, exclude_company: int | None = None) -> dict[str, list]:
    """{education level: open vacancies whose minimum it meets} (rows with what applying and hiring need)."""
    from jobfair.services.hiring import search

    ranks = dict(db.session.execute(select(EducationLevel.code, EducationLevel.rank)).all())
    rows = db.session.execute(search.open_vacancies(today).with_only_columns(
        Vacancy.id, Vacancy.company_id, Vacancy.education_min, Vacancy.valid_from, Vacancy.openings,
        Vacancy.employment_type, Vacancy.wage_min).order_by(Vacancy.id)).all()
    rows = [r for r in rows if r.company_id != exclude_company]
    return {level: [r for r in rows if r.education_min is None or ranks[r.education_min] <= ranks[level]]
            for level in ranks}


def carry_out(company: User, seeker: User, application_id: int, vacancy, outcome: str, step: int,
              today: date):
    """Move one application to `outcome` the way the company and the seeker would. Returns a placement or None."""
    if outcome == "withdrawn":
        applications.withdraw(seeker, application_id, note="Sudah mendapat pekerjaan lain.")
        return None
    if outcome in ("reviewed", "rejected") and step % 2 == 0:
        applicants.change_status(company, application_id, "reviewed")
    if outcome == "rejected":
        applicants.change_status(company, application_id, "rejected", note="Kualifikasi belum sesuai kebutuhan.")
    if outcome in ("shortlisted", "interview", "hired"):
        applicants.change_status(company, application_id, "shortlisted", note="Lolos seleksi berkas.")
    if outcome == "interview":
        applicants.invite(company, application_id, place=INTERVIEW_PLACE, now=wita(today, 7),
                          scheduled_at=wita(today + timedelta(days=1 + step % 9), 9 + step % 6),
                          note="Konfirmasi kehadiran lewat telepon HRD.")
    if outcome == "hired":
        return applicants.hire(company, application_id, start_date=today + timedelta(days=7 + step % 14),
                               contract_type=CONTRACTS[vacancy.employment_type], wage=vacancy.wage_min)
    return None


def _apply_and_decide(officer: User, people: list[tuple[User, str]], today: date, rng: random.Random) -> tuple:
    hr_of = {hr.company_id: hr.user_id for hr in fair_companies()}
    by_level = open_vacancies_by_level(today)
    to_hire = set(rng.sample(range(APPLYING), HIRES))
    done, hired, placement_ids = 0, {}, []
    for i, (seeker, level) in enumerate(people[:APPLYING]):
        chosen = rng.sample(by_level[level], 2 + i % 2)
        for k, vacancy in enumerate(chosen):
            applied_on = max(vacancy.valid_from, today - timedelta(days=12 - (i + k) % 12))
            application = applications.apply(seeker, vacancy.id, today=applied_on,
                                             cover_letter="Dengan hormat, saya berminat pada lowongan ini.")
            done += 1
            outcome = rng.choice(OUTCOMES)
            if (i in to_hire and k == 0 and hired.get(vacancy.id, 0) < vacancy.openings
                    and vacancy.company_id in hr_of):
                outcome = "hired"
                hired[vacancy.id] = hired.get(vacancy.id, 0) + 1
            if vacancy.company_id not in hr_of:  # another company's (the demo company decides on its own)
                continue
            placement = carry_out(db.session.get(User, hr_of[vacancy.company_id]), seeker, application.id, vacancy,
                                  outcome, done, today)
            if placement is not None:
                placement_ids.append(placement.id)
    for placement_id in placement_ids[:VERIFIED]:
        placements.verify(officer, placement_id)
    return done, len(placement_ids)


def seed_seekers(officer: User, *, today: date, password_hash: str, progress: Progress = None) -> int:
    """The seekers of today (once per database). Returns how many were added."""
    if part_done(PART):
        say(progress, "Pencari kerja aktif sudah ada; tidak ditambahkan lagi.")
        return 0
    rng = random.Random(2026)
    kelurahan = kelurahan_by_kecamatan()
    people = []
    for n in range(1, SEEKER_COUNT + 1):
        user = record_seeker(n, rng, today, password_hash)
        people.append((user, complete_profile(user, n, kelurahan, rng, today)))
    issue_cards(officer, [user for user, _ in people], today, issued=WITH_CARD, requested=CARD_REQUESTED)
    applied, hires = _apply_and_decide(officer, people, today, rng)
    fair = upcoming_fair(today)
    registered = 0
    if fair is not None:
        for n, (user, _level) in enumerate(people[:PRE_REGISTERED]):
            fairs.pre_register(user, fair.id, today=today - timedelta(days=n % 14))
            registered += 1
    # One resident has asked for the erasure of their data: the office's data-subject queue has work.
    data_requests.request_erasure(people[-1][0], note="Saya sudah bekerja di luar kota.", confirm=True,
                                  now=wita(today - timedelta(days=1), 10))
    say(progress, f"Pencari kerja aktif: {len(people)} dengan profil dan CV, {WITH_CARD} kartu AK/1 terbit, "
                  f"{CARD_REQUESTED} menunggu; {applied} lamaran ke lowongan aktif, {hires} diterima kerja "
                  f"({VERIFIED} diverifikasi); {registered} mendaftar bursa kerja berikutnya.")
    mark_done(officer, PART, today, seekers=len(people), applications=applied)
    return len(people)
