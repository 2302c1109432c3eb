"""Demo data: the July 2025 job fair as the city published it (23–24 July 2025, BSCC Dome): 102 verified companies
with booths and 1,757 vacancies in 58 job titles whose openings add up to exactly 4,000.

Companies are registered, verified and given booths through the services; the vacancies (already published, as
at the fair) are written in one bulk insert, because 1,757 draft -> submit -> publish round trips would make
`make run` slow. The fair page and the report compute every figure from these rows.
"""

import random
from contextlib import contextmanager
from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy import insert, select

from jobfair.extensions import db
from jobfair.models import JobFair, Role, User, Vacancy, VacancyStatus
from jobfair.services import audit, companies, fairs, registration
from jobfair.services.demo import DEMO_DOMAIN, random_password

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
EDUCATION = (None, "SMA", "SMK", "D3", "S1")


def _openings(rng: random.Random) -> list[int]:
    """VACANCY_COUNT positive numbers adding up to exactly TOTAL_OPENINGS (at least 1 each)."""
    openings = [1] * VACANCY_COUNT
    for _ in range(TOTAL_OPENINGS - VACANCY_COUNT):
        openings[rng.randrange(VACANCY_COUNT)] += 1
    return openings


def _officer() -> User:
    officer = db.session.scalar(select(User).where(User.role.in_((Role.OFFICER.value, Role.ADMIN.value)))
                                .order_by(User.id))
    if officer is None:
        raise RuntimeError("seed an officer account first (seed_demo)")
    return officer


@contextmanager
def _placeholder_hashing():
    """The fair's 102 HR accounts get a random password that is never shown and are deactivated at once, so
    nobody can ever log in with them: hashing those throw-away passwords at full argon2 cost would only make
    `make run` 18 s slower. The cost is restored afterwards for every real account."""
    config = current_app.config
    saved = {key: config.get(key) for key in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM")}
    config.update(ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=1024, ARGON2_PARALLELISM=1)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                config.pop(key, None)
            else:
                config[key] = value


def seed_july_2025_fair(officer: User | None = None) -> JobFair:
    """Create the July 2025 fair once (idempotent: returns the existing fair on a second call)."""
    existing = db.session.scalar(select(JobFair).where(JobFair.name == FAIR_NAME))
    if existing is not None:
        return existing
    officer = officer or _officer()
    fair = fairs.create_fair(officer, name=FAIR_NAME, starts_on=date(2025, 7, 23), ends_on=date(2025, 7, 24),
                             venue="BSCC Dome, Jl. Ruhui Rahayu, Balikpapan Selatan",
                             description="Bursa kerja Disnaker Kota Balikpapan: 102 perusahaan, lebih dari 1.700 "
                                         "lowongan, potensi penyerapan hingga 4.000 tenaga kerja. Gratis.",
                             booth_count=110, capacity=5000)
    company_ids = []
    for n in range(1, COMPANY_COUNT + 1):
        stem, kbli = SECTORS[n % len(SECTORS)]
        with _placeholder_hashing():
            user = registration.register_company(
                company_name=f"PT {stem} {n:03d}", nib=f"9125070{n:06d}", kecamatan_code=KECAMATAN[n % 6],
                address=f"Jl. Jenderal Sudirman No. {n}, Balikpapan", contact_name=f"HR {stem} {n:03d}",
                phone=f"08115{n:07d}", email=f"hr{n:03d}.jobfair2025@{DEMO_DOMAIN}", password=random_password())
        user.active = False  # a placeholder account (see _placeholder_hashing); no e-mails to it either
        user.company.kbli_code = kbli  # the profile's sector, as the company would fill it in
        companies.verify(officer, user.company_id)
        fairs.take_booth(user, fair.id, today=SEED_DAY)
        company_ids.append(user.company_id)
    rng = random.Random(20250723)
    published = datetime(2025, 7, 10, 1, 0, tzinfo=UTC)
    rows = []
    for index, openings in enumerate(_openings(rng)):
        company_id = company_ids[index % COMPANY_COUNT]
        title = JOB_TITLES[index % len(JOB_TITLES)]
        rows.append(dict(
            company_id=company_id, job_fair_id=fair.id, title=title, description=f"{title} untuk penempatan di "
            "Balikpapan. Lowongan Job Fair Juli 2025.", openings=openings, hired_count=0,
            valid_from=date(2025, 7, 10), valid_until=date(2025, 8, 31), education_min=EDUCATION[index % 5],
            majors="", skills="", experience_years=index % 3, kecamatan_code=KECAMATAN[(index // 7) % 6],
            employment_type=("contract", "permanent", "daily", "internship")[index % 4],
            disability_friendly=index % 9 == 0, status=VacancyStatus.PUBLISHED.value, created_at=published,
            submitted_at=published, published_at=published))
    db.session.execute(insert(Vacancy), rows)
    audit.record(officer, "fair.demo_seeded", fair, detail={"vacancies": len(rows), "openings": TOTAL_OPENINGS})
    db.session.commit()
    return fair
