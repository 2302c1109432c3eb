"""Demo data: the July 2025 fair's visitors — a few hundred job seekers with profiles and CVs, their applications in
every status, hires and the placements the office verified, pre-registrations and check-ins at the door.

Everything after the account record goes through the services a person would use (seeker_profiles, applications,
applicants, placements, fairs), with the companies' own HR accounts and the demo officer as actors, so every figure
on the fair page and in the report is computed from these rows. Dates are passed in (`today=`, `now=`) so every
record carries its real date in July 2025 — applications at the booths on 23–24 July, the companies' decisions on
25 July, interviews and hires 26–30 July, the office's verification on 31 July — inside the fair's vacancies'
validity (10 July – 31 August 2025): the monthly report for July 2025 counts what the fair page shows.
Deterministic: random.Random(2025).
"""

import io
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from jobfair.demo.consents import record_seeker_consents
from jobfair.demo.fair import SKILLS, UMK_2025, Progress, demo_officer, say
from jobfair.demo.seed import DEMO_DOMAIN, record_only_password_hash
from jobfair.extensions import db
from jobfair.models import (
    Application,
    EducationLevel,
    JobFair,
    Kelurahan,
    Role,
    SeekerProfile,
    User,
    Vacancy,
)
from jobfair.rules import numbers
from jobfair.rules.nik import FEMALE_DAY_OFFSET, ParsedNik, parse_nik
from jobfair.services import audit
from jobfair.services.hiring import applicants, applications, fair_door, fairs, placements, seeker_profiles
from jobfair.services.office import figure_snapshots
from jobfair.services.people import get_or_create_person

SEEKER_COUNT = 300
APPLICATIONS_PER_SEEKER = 2
REGISTER_DAY = date(2025, 7, 15)        # online pre-registration, a week before the fair
FAIR_MORNING = datetime(2025, 7, 23, 1, 0, tzinfo=UTC)   # 09.00 WITA, doors open
APPLY_DAY = date(2025, 7, 23)
DECISION_NOW = datetime(2025, 7, 25, 1, 0, tzinfo=UTC)   # when the companies sift the applications
VERIFY_NOW = datetime(2025, 7, 31, 1, 0, tzinfo=UTC)     # 09.00 WITA, the office verifies the reported hires
START_DAY = date(2025, 8, 4)
FIRST_NAMES = {
    "L": ("Andi", "Budi", "Rizky", "Agus", "Fajar", "Hendra", "Yusuf", "Dimas", "Arif", "Rahmat", "Irfan", "Wahyu",
          "Bayu", "Eko", "Gilang", "Ilham"),
    "P": ("Siti", "Dewi", "Nur", "Rina", "Putri", "Ayu", "Fitri", "Lestari", "Indah", "Wulan", "Sri", "Rahma",
          "Nadia", "Yuni", "Maya", "Citra"),
}
LAST_NAMES = ("Saputra", "Pratama", "Hidayat", "Nugroho", "Setiawan", "Kurniawan", "Wijaya", "Ramadhan", "Lubis",
              "Sitompul", "Rahman", "Hasanah", "Anggraini", "Maharani", "Daeng Matta", "Lamba")
BIRTH_PLACES = ("Balikpapan", "Samarinda", "Makassar", "Surabaya", "Banjarmasin", "Palu", "Tenggarong", "Parepare")
SCHOOLS = {"SMA": "SMA Negeri 1 Balikpapan", "SMK": "SMK Negeri 1 Balikpapan", "D3": "Politeknik Negeri Balikpapan",
           "S1": "Universitas Balikpapan", "SMP": "SMP Negeri 5 Balikpapan"}
MAJORS = {"SMA": "IPA", "SMK": "Teknik Mesin", "D3": "Teknik Elektro", "S1": "Manajemen", "SMP": ""}
EDUCATION_MIX = ("SMA", "SMA", "SMK", "SMK", "SMK", "D3", "S1", "S1", "SMP")
CONTRACTS = {"contract": "PKWT", "permanent": "PKWTT", "daily": "harian", "internship": "magang", "part_time": "PKWT"}
# Where an application ends up (hires are planned separately: at most one per seeker, never past the openings).
OUTCOMES = ("submitted",) * 3 + ("reviewed",) * 3 + ("shortlisted",) * 2 + ("interview",) * 2 + ("rejected",) * 4 \
    + ("withdrawn",) * 2


@dataclass(frozen=True)
class Seeker:
    """Ids only: the session's identity map stays small, so each commit (which expires it) stays cheap."""

    user_id: int
    education: str

    @property
    def user(self) -> User:
        return db.session.get(User, self.user_id)


def seeker_email(n: int) -> str:
    return f"pencari{n:03d}.jobfair2025@{DEMO_DOMAIN}"


def demo_nik(n: int, rng: random.Random) -> tuple[str, str, date]:
    """(NIK, sex, birth date) of demo seeker n: Kota Balikpapan (6471), kecamatan 01–06, serial 2000 + n."""
    sex = "P" if n % 2 else "L"
    birth = date(1982 + rng.randrange(24), rng.randrange(1, 13), rng.randrange(1, 29))
    day = birth.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    nik = f"6471{n % 6 + 1:02d}{day:02d}{birth.month:02d}{birth.year % 100:02d}{2000 + n:04d}"
    return nik, sex, birth


def tiny_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (with its cross-reference table) showing `title`."""
    text = "".join(c for c in title if c.isascii() and c not in "()\\")
    content = f"BT /F1 16 Tf 72 760 Td (Curriculum Vitae - {text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _record_seeker(n: int, rng: random.Random, password_hash: str) -> tuple[User, str]:
    """The account as registration.register_seeker writes it (person by NIK, user, empty profile, audit row), but
    deactivated with the shared record-only hash (demo.record_only_password_hash): these seekers are records of the
    fair's visitors, not logins, and get no e-mail (notify skips inactive accounts)."""
    nik, sex, birth = demo_nik(n, rng)
    parsed = parse_nik(nik)  # the rules check it like a typed NIK (raises on a bad one)
    name = f"{rng.choice(FIRST_NAMES[sex])} {rng.choice(LAST_NAMES)}"
    user = record_seeker_account(n, parsed, email=seeker_email(n), name=name, sex=sex, birth=birth,
                                 phone=f"0812{5000000 + n}", password_hash=password_hash)
    return user, parsed.district_code  # committed with the profile, in _complete_profile


def record_seeker_account(n: int, parsed: ParsedNik, *, email: str, name: str, sex: str, birth: date, phone: str,
                          password_hash: str) -> User:
    """The rows registration.register_seeker writes (person by NIK, user, empty profile, audit row) and demo seeker
    n's consents, as a record: deactivated with the shared record-only hash, so no argon2 round and no e-mail."""
    person = get_or_create_person(parsed, full_name=name, sex=sex, birth_date=birth)
    user = User(role=Role.SEEKER.value, email=email, password_hash=password_hash, full_name=name, phone=phone,
                active=False, failed_login_count=0, session_version=1, person=person)
    db.session.add_all([user, SeekerProfile(user=user, person=person)])
    db.session.flush()
    audit.record(user, "account.created", user, detail={"role": Role.SEEKER.value, "demo": True, "active": False})
    record_seeker_consents(user, n)
    return user


def fill_profile(user: User, n: int, rng: random.Random, *, street: str, education: str, years: int, kecamatan: str,
                 kelurahan: dict[str, list[str]], graduated: tuple[int, int], has_disability: bool, today: date,
                 skills: str | None = None) -> None:
    """The seeker fills the profile (what the AK/1 card needs) and uploads a CV. `graduated` is (first year, how
    many years): the graduation year is drawn among them; `skills`, when not given, are drawn last."""
    first_year, span = graduated
    seeker_profiles.update_profile(
        user, birth_place=rng.choice(BIRTH_PLACES), marital_status=rng.choice(("belum_kawin", "kawin")),
        religion=rng.choice(("islam", "islam", "islam", "kristen", "katolik", "hindu", "buddha")),
        address=f"Jl. {street} No. {n}, RT {n % 40 + 1:03d}", kecamatan_code=kecamatan,
        kelurahan_code=rng.choice(kelurahan[kecamatan]), education_level=education,
        school_name=SCHOOLS[education], major=MAJORS[education], graduation_year=first_year + rng.randrange(span),
        skills=skills or ", ".join(rng.sample(SKILLS, 3)),
        experience=f"{years} tahun pengalaman kerja." if years else "", experience_years=years,
        has_disability=has_disability, phone=user.phone, today=today)
    seeker_profiles.upload_cv(user, filename=f"CV {user.full_name}.pdf", stream=io.BytesIO(tiny_pdf(user.full_name)))


def _complete_profile(user: User, n: int, kecamatan: str, kelurahan: dict[str, list[str]],
                      rng: random.Random) -> str:
    education = rng.choice(EDUCATION_MIX)
    skills = ", ".join(rng.sample(SKILLS, 3))
    years = rng.randrange(0, 8)
    fill_profile(user, n, rng, street="Demo Pencari Kerja", education=education, years=years, kecamatan=kecamatan,
                 kelurahan=kelurahan, graduated=(2010, 15), has_disability=n % 25 == 0, today=APPLY_DAY,
                 skills=skills)
    return education


def _create_seekers(count: int, rng: random.Random, password_hash: str, progress: Progress) -> list[Seeker]:
    kelurahan: dict[str, list[str]] = {}
    for code, kecamatan in db.session.execute(select(Kelurahan.code, Kelurahan.kecamatan_code)
                                              .order_by(Kelurahan.code)):
        kelurahan.setdefault(kecamatan, []).append(code)
    seekers = []
    for n in range(1, count + 1):
        user, kecamatan = _record_seeker(n, rng, password_hash)
        seekers.append(Seeker(user.id, _complete_profile(user, n, kecamatan, kelurahan, rng)))
    say(progress, f"Bursa kerja Juli 2025: {len(seekers)} pencari kerja dengan profil dan CV.")
    return seekers


def _register_visitors(fair: JobFair, officer: User, seekers: list[Seeker], progress: Progress) -> None:
    registered = len(seekers) * 5 // 6
    checked_in = registered * 18 // 25
    walk_ins = max(1, len(seekers) // 15)
    for index, seeker in enumerate(seekers[:registered]):
        registration = fairs.pre_register(seeker.user, fair.id, today=REGISTER_DAY)
        if index < checked_in:
            fair_door.check_in(officer, fair.id, registration.ticket_code,
                           now=FAIR_MORNING + timedelta(minutes=3 * index))
    for index in range(walk_ins):
        fair_door.register_walk_in(officer, fair.id, name=f"Pengunjung Langsung {index + 1}",
                               phone=f"0813{6000000 + index}", now=FAIR_MORNING + timedelta(hours=2, minutes=index))
    say(progress, f"Bursa kerja Juli 2025: {registered} pendaftar online, {checked_in} check-in, "
                  f"{walk_ins} pengunjung langsung.")


def _apply_all(fair: JobFair, seekers: list[Seeker], rng: random.Random, per_seeker: int) -> list[tuple]:
    """Every seeker applies to `per_seeker` of the fair's vacancies its education meets. Returns
    [(application id, seeker, vacancy row)]."""
    ranks = {code: rank for code, rank in db.session.execute(select(EducationLevel.code, EducationLevel.rank))}
    vacancies = db.session.execute(select(Vacancy.id, Vacancy.company_id, Vacancy.education_min, Vacancy.openings,
                                          Vacancy.employment_type, Vacancy.wage_min)
                                   .where(Vacancy.job_fair_id == fair.id).order_by(Vacancy.id)).all()
    eligible = {level: [v for v in vacancies if v.education_min is None or ranks[v.education_min] <= ranks[level]]
                for level in set(EDUCATION_MIX)}
    done = []
    for seeker in seekers:
        for vacancy in rng.sample(eligible[seeker.education], per_seeker):
            day = len(done) % 2  # at the booths on either day of the fair, 09.00–16.00 WITA
            application = applications.apply(seeker.user, vacancy.id, today=APPLY_DAY + timedelta(days=day),
                                              now=FAIR_MORNING + timedelta(days=day, minutes=len(done) * 7 % 420),
                                              cover_letter="Saya bertemu Bapak/Ibu di stan Job Fair Juli 2025.")
            done.append((application.id, seeker, vacancy))
    return done


def _company_actors(company_ids: set[int]) -> dict[int, int]:
    """{company id: id of its first HR account}."""
    actors: dict[int, int] = {}
    for user_id, company_id in db.session.execute(
            select(User.id, User.company_id).where(User.company_id.in_(company_ids), User.role == "company")
            .order_by(User.id)):
        actors.setdefault(company_id, user_id)
    return actors


def _plan(done: list[tuple], seekers: list[Seeker], rng: random.Random) -> list[str]:
    """The outcome of each application: one hire for every fifth seeker (on a vacancy with room), the rest mixed."""
    to_hire = {seeker.user_id for seeker in rng.sample(seekers, len(seekers) // 5)}
    hires_per_vacancy: dict[int, int] = {}
    hired_seekers: set[int] = set()
    plan = []
    for _application_id, seeker, vacancy in done:
        outcome = rng.choice(OUTCOMES)
        if (seeker.user_id in to_hire and seeker.user_id not in hired_seekers
                and hires_per_vacancy.get(vacancy.id, 0) < vacancy.openings):
            outcome = "hired"
            hired_seekers.add(seeker.user_id)
            hires_per_vacancy[vacancy.id] = hires_per_vacancy.get(vacancy.id, 0) + 1
        plan.append(outcome)
    return plan


def _carry_out(application_id: int, outcome: str, seeker: Seeker, vacancy, company: User, step: int) -> int | None:
    """Move one application to its outcome through the services, each step dated in July 2025 (decisions on
    25 July, interviews 26–30 July and the hire reported two hours after the interview); returns the placement id
    of a hire."""
    decided = DECISION_NOW + timedelta(minutes=step % 240)
    if outcome == "withdrawn":
        if step % 4 == 0:
            applicants.change_status(company, application_id, "reviewed", now=decided)
        applications.withdraw(seeker.user, application_id, note="Sudah diterima di tempat lain.",
                              now=decided + timedelta(hours=1))
        return None
    if outcome == "reviewed" or (outcome == "rejected" and step % 4 == 0):
        applicants.change_status(company, application_id, "reviewed", now=decided)
    if outcome == "rejected":
        applicants.change_status(company, application_id, "rejected", note="Kualifikasi belum sesuai kebutuhan.",
                                 now=decided)
    if outcome in ("shortlisted", "interview", "hired"):
        applicants.change_status(company, application_id, "shortlisted", note="Lolos seleksi berkas.", now=decided)
    interview_at = decided + timedelta(days=1 + step % 5, hours=step % 6)
    if outcome in ("interview", "hired"):
        applicants.invite(company, application_id, place="Kantor perusahaan, Balikpapan", now=decided,
                          scheduled_at=interview_at, note="Bawa KTP dan CV asli.")
    if outcome == "hired":
        placement = applicants.hire(company, application_id, start_date=START_DAY + timedelta(days=step % 14),
                                    contract_type=CONTRACTS[vacancy.employment_type],
                                    wage=vacancy.wage_min or UMK_2025, now=interview_at + timedelta(hours=2))
        return placement.id
    return None


def demo_seekers_exist() -> bool:
    return db.session.scalar(select(User.id).where(User.email == seeker_email(1))) is not None


@figure_snapshots.refreshed_once  # many commits: the city's figures once, at the end
def seed_fair_people(fair: JobFair, officer: User | None = None, *, seekers: int = SEEKER_COUNT,
                     per_seeker: int = APPLICATIONS_PER_SEEKER, password_hash: str | None = None,
                     progress: Progress = None) -> int:
    """Add the fair's seekers once (idempotent: nothing happens when they exist). Returns how many were added."""
    if demo_seekers_exist():
        say(progress, "Pencari kerja demo sudah ada; tidak ditambahkan lagi.")
        return 0
    officer = officer or demo_officer()
    rng = random.Random(2025)
    people = _create_seekers(seekers, rng, password_hash or record_only_password_hash(), progress)
    _register_visitors(fair, officer, people, progress)
    done = _apply_all(fair, people, rng, per_seeker)
    companies = _company_actors({vacancy.company_id for _, _, vacancy in done})
    placement_ids = []
    for step, ((application_id, seeker, vacancy), outcome) in enumerate(zip(done, _plan(done, people, rng),
                                                                            strict=True)):
        company = db.session.get(User, companies[vacancy.company_id])
        placement_id = _carry_out(application_id, outcome, seeker, vacancy, company, step)
        if placement_id is not None:
            placement_ids.append(placement_id)
    verified = placement_ids[:len(placement_ids) * 2 // 3]
    for index, placement_id in enumerate(verified):
        placements.verify(officer, placement_id, now=VERIFY_NOW + timedelta(minutes=5 * index))
    say(progress, f"Bursa kerja Juli 2025: {len(done)} lamaran, {len(placement_ids)} diterima kerja, "
                  f"{len(verified)} penempatan diverifikasi.")
    return len(people)


def application_status_counts(fair_id: int) -> dict[str, int]:
    """Applications to the fair's vacancies per status, from the data."""
    rows = db.session.execute(select(Application.status, func.count(Application.id))
                              .join(Vacancy, Vacancy.id == Application.vacancy_id)
                              .where(Vacancy.job_fair_id == fair_id).group_by(Application.status))
    return {status: count for status, count in rows}


_n = numbers.number


def fair_summary(fair_id: int) -> list[str]:
    """What `flask seed-demo` prints at the end: the fair's figures as the fair page computes them."""
    fair = fairs.get_fair(fair_id)
    f = fairs.fair_figures(fair_id)
    statuses = application_status_counts(fair_id)
    rate = numbers.percent(f["placement_rate"])
    return [
        f"{fair.name}: {_n(f['companies'])} perusahaan, {_n(f['vacancies'])} lowongan ({_n(f['job_titles'])} "
        f"jabatan), {_n(f['openings'])} formasi.",
        f"  Pengunjung: {_n(f['registrants'])} pendaftar online, {_n(f['walk_ins'])} langsung, "
        f"{_n(f['attendees'])} hadir.",
        f"  Lamaran: {_n(f['applications'])} (" + ", ".join(f"{status} {_n(count)}"
                                                           for status, count in sorted(statuses.items())) + ").",
        f"  Diterima kerja: {_n(f['hires'])}; penempatan terverifikasi: {_n(f['verified_placements'])} "
        f"(tingkat penempatan {rate}).",
    ]
