"""Demo data: the July 2025 job fair as the city published it (23–24 July 2025, BSCC Dome): 102 verified companies
with booths and 1,757 vacancies in 58 job titles whose openings add up to exactly 4,000.

The office records the companies (see `_record_company`), verifies them and gives them booths through the
services; the vacancies, collected on paper at the booths, are recorded with `fair_batch.publish_fair_batch` — every
row checked like a typed-in vacancy, one INSERT, one audit row. The fair page and the report compute every figure
from these rows. The seekers, applications and placements are in demo/people.py.
"""

import random
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import select

from jobfair.demo.seed import DEMO_DOMAIN, demo_email, record_only_password_hash
from jobfair.extensions import db
from jobfair.models import Company, JobFair, Role, User
from jobfair.rules import numbers
from jobfair.services import audit
from jobfair.services.hiring import companies, fair_batch, fairs
from jobfair.services.office import figure_snapshots

FAIR_NAME = "Job Fair Kota Balikpapan Juli 2025"
COMPANY_COUNT = 102
VACANCY_COUNT = 1757
TOTAL_OPENINGS = 4000
SEED_DAY = date(2025, 7, 1)  # the booths were taken before the fair
KECAMATAN = ("647101", "647102", "647103", "647104", "647105", "647106")
# (name stem, KBLI 2020 code) — the city's mix: oil and gas services, trade, logistics, hotels, construction...
SECTORS = [
    ("Migas Services", "09100"), ("Logistik Pelabuhan", "52240"), ("Retail Nusantara", "47111"),
    ("Hotel Teluk", "55110"), ("Konstruksi Borneo", "41011"), ("Otomotif Kaltim", "45201"),
    ("Kuliner Semayang", "56101"), ("Sawit Etam", "01262"), ("Tambang Mahakam", "05100"),
    ("Klinik Sehat", "86103"), ("Finansial Mitra", "64191"), ("Teknologi Beruang Madu", "62019"),
    ("Outsourcing Karya", "78200"), ("Pendidikan Cendekia", "85499"), ("Industri Pangan", "10792"),
    ("Galangan Kapal", "30111"), ("Listrik Energi", "35101"),
]
JOB_TITLES = [
    "Operator Alat Berat", "Juru Las (Welder)", "Mekanik Alat Berat", "Teknisi Listrik", "Teknisi Instrumen",
    "Pipe Fitter", "Rigger", "Scaffolder", "HSE Officer", "Drafter", "Quality Control", "Surveyor",
    "Pengemudi Truk", "Pengemudi Forklift", "Staf Gudang", "Admin Logistik", "Checker", "Kasir", "Pramuniaga",
    "Staf Administrasi", "Customer Service", "Sales Lapangan", "Marketing Executive", "Akuntan", "Staf Pajak",
    "Staf Keuangan", "Staf HRD", "Resepsionis", "Room Attendant", "Cook", "Cook Helper", "Waiter/Waitress",
    "Barista", "Housekeeping", "Satpam", "Cleaning Service", "Teknisi AC", "Teknisi Jaringan", "Programmer",
    "Desainer Grafis", "Perawat", "Bidan", "Apoteker", "Analis Laboratorium", "Guru", "Tukang Kayu",
    "Tukang Batu", "Mandor Proyek", "Estimator", "Mekanik Otomotif", "Service Advisor", "Operator Produksi",
    "Helper Produksi", "Nahkoda", "Anak Buah Kapal", "Operator Crane", "Kolektor", "Telemarketing",
]
EDUCATION = ("TS", "SMA", "SMK", "D3", "S1")  # TS: "Tanpa syarat pendidikan" (Perpres 57/2023 asks for a choice)


SKILLS = (
    "K3", "SIO alat berat", "SIM B1", "SIM A", "Microsoft Excel", "Bahasa Inggris", "Pengelasan SMAW",
    "Kelistrikan", "Instrumentasi", "AutoCAD", "Pelayanan pelanggan", "Penjualan", "Akuntansi", "Perpajakan",
    "Administrasi", "Memasak", "Tata graha", "Jaringan komputer", "Pemrograman", "Desain grafis", "Keperawatan",
    "Mekanik", "Pergudangan", "Keamanan",
)
PUBLISHED_AT = datetime(2025, 7, 10, 1, 0, tzinfo=UTC)  # 09.00 WITA, when the office recorded the booths' vacancies
UMK_2025 = 3_701_508  # Balikpapan minimum wage 2025, Rupiah per month

Progress = Callable[[str], None] | None


def say(progress: Progress, line: str) -> None:
    if progress is not None:
        progress(line)


def vacancy_skills(title_index: int) -> str:
    return f"{SKILLS[title_index % len(SKILLS)]}, {SKILLS[(title_index * 7 + 3) % len(SKILLS)]}"


def _openings(rng: random.Random, count: int, total: int) -> list[int]:
    """`count` positive numbers adding up to exactly `total` (at least 1 each)."""
    openings = [1] * count
    for _ in range(total - count):
        openings[rng.randrange(count)] += 1
    return openings


def demo_officer() -> User:
    """The demo officer (seed_demo), else the first officer or admin."""
    officer = db.session.scalar(select(User).where(User.email == demo_email(Role.OFFICER.value)))
    officer = officer or db.session.scalar(
        select(User).where(User.role.in_((Role.OFFICER.value, Role.ADMIN.value))).order_by(User.id))
    if officer is None:
        raise RuntimeError("seed an officer account first (seed_demo)")
    return officer


def july_2025_fair() -> JobFair | None:
    return db.session.scalar(select(JobFair).where(JobFair.name == FAIR_NAME))


def _record_company(officer: User, n: int, password_hash: str) -> User:
    """A fair company as the office records it: the company (awaiting verification) and its HR contact.

    The same rows registration.register_company writes, but the HR account is a record, not a login: it is created
    deactivated with the shared record-only hash (demo.record_only_password_hash), so no argon2 round per company
    and no config tampering; it receives in-app notifications but no e-mail (notify skips inactive accounts).
    """
    stem, kbli = SECTORS[n % len(SECTORS)]
    company = Company(name=f"PT {stem} {n:03d}", nib=f"9125070{n:06d}", kecamatan_code=KECAMATAN[n % 6],
                      address=f"Jl. Jenderal Sudirman No. {n}, Balikpapan", contact_name=f"HR {stem} {n:03d}",
                      contact_phone=f"08115{n:07d}", kbli_code=kbli, headcount=20 + 7 * n, wlkp_status="reported")
    user = User(role=Role.COMPANY.value, email=f"hr{n:03d}.jobfair2025@{DEMO_DOMAIN}", password_hash=password_hash,
                full_name=company.contact_name, phone=company.contact_phone, active=False, failed_login_count=0,
                session_version=1, company=company)
    db.session.add_all([company, user])
    db.session.flush()
    audit.record(officer, "company.registered", company, detail={"demo": True, "recorded_by": "office"})
    audit.record(officer, "account.created", user, detail={"role": Role.COMPANY.value, "demo": True,
                                                           "active": False})
    return user  # committed with the verification


def _vacancy_rows(company_ids: list[int], count: int, total: int) -> list[dict]:
    rng = random.Random(20250723)
    rows = []
    for index, openings in enumerate(_openings(rng, count, total)):
        title_index = index % len(JOB_TITLES)
        title = JOB_TITLES[title_index]
        rows.append(dict(
            company_id=company_ids[index % len(company_ids)], title=title,
            description=f"{title} untuk penempatan di Balikpapan. Lowongan Job Fair Juli 2025.", openings=openings,
            valid_from=date(2025, 7, 10), valid_until=date(2025, 8, 31), education_min=EDUCATION[index % 5],
            skills=vacancy_skills(title_index), experience_years=index % 3,
            kecamatan_code=KECAMATAN[(index // 7) % 6],
            employment_type=("contract", "permanent", "daily", "internship")[index % 4],
            wage_min=UMK_2025, wage_max=UMK_2025 + 500_000 * (index % 4),  # a wage range on every vacancy
            disability_friendly=index % 9 == 0))
    return rows


@figure_snapshots.refreshed_once  # many commits: the city's figures once, at the end
def seed_july_2025_fair(officer: User | None = None, *, company_count: int = COMPANY_COUNT,
                        vacancy_count: int = VACANCY_COUNT, total_openings: int = TOTAL_OPENINGS,
                        password_hash: str | None = None, progress: Progress = None) -> JobFair:
    """Create the July 2025 fair once (idempotent: returns the existing fair on a second call).

    The counts default to the published figures; tests may ask for a smaller fair.
    """
    existing = july_2025_fair()
    if existing is not None:
        say(progress, "Bursa kerja Juli 2025 sudah ada; tidak ditambahkan lagi.")
        return existing
    officer = officer or demo_officer()
    fair = fairs.create_fair(officer, name=FAIR_NAME, starts_on=date(2025, 7, 23), ends_on=date(2025, 7, 24),
                             venue="BSCC Dome, Jl. Ruhui Rahayu, Balikpapan Selatan",
                             description="Bursa kerja Disnaker Kota Balikpapan: 102 perusahaan, lebih dari 1.700 "
                                         "lowongan, potensi penyerapan hingga 4.000 tenaga kerja. Gratis.",
                             booth_count=110, capacity=5000)
    password_hash = password_hash or record_only_password_hash()
    company_ids = []
    for n in range(1, company_count + 1):
        user = _record_company(officer, n, password_hash)
        companies.verify(officer, user.company_id)
        fairs.take_booth(user, fair.id, today=SEED_DAY)
        company_ids.append(user.company_id)
    say(progress, f"Bursa kerja Juli 2025: {len(company_ids)} perusahaan dicatat, diverifikasi, dan mendapat stan.")
    recorded = fair_batch.publish_fair_batch(officer, fair.id, _vacancy_rows(company_ids, vacancy_count,
                                                                            total_openings),
                                            today=PUBLISHED_AT.date(), now=PUBLISHED_AT)
    say(progress, f"Bursa kerja Juli 2025: {numbers.number(recorded)} lowongan dicatat dan ditayangkan.")
    return fair
