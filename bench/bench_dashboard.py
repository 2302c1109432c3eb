"""Benchmark of the office dashboard (services/office/city_figures.py + city_charts.py). Not a test.

Builds a fresh SQLite database (migrated with Alembic) holding a SYNTHETIC EQUIVALENT of the demo data × SCALE,
written with bulk Core inserts (executemany) rather than `flask seed-demo` run ten times: the seed is idempotent (it
finds its own records and adds nothing on a second run) and going through every service would take minutes per
copy. The rows have the demo's shape and sizes per copy: 102 companies with a booth, 1,757 vacancies (4,000 openings),
400 seekers with an AK/1 card, 600 applications with 80 hires and 50 verified placements, 6 kinds of training with
68 participants, 19 apprentices at 3 companies, 7,140 workers under the BPJS subsidy (12 ledger months each),
13 + 80 aid beneficiaries with their deliveries. Then, logged in as an officer with the Flask test client, it
counts the SQL statements of one request (SQLAlchemy before_cursor_execute listener) and times several requests of
/disnaker/ (dashboard with the headline) and /disnaker/angka-kota (figures, filters, charts' tables).

    .venv/bin/python bench/bench_dashboard.py [--scale 1] [--scale 10] [--repeats 7]
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import event, insert, select  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import (  # noqa: E402
    Ak1Card,
    Application,
    Apprenticeship,
    ApprenticeshipPlace,
    Company,
    Enrolment,
    FairBooth,
    JobFair,
    LedgerEntry,
    Person,
    Placement,
    Programme,
    School,
    SeekerProfile,
    SmkMajor,
    Student,
    TrainingCourse,
    TrainingEnrolment,
    User,
    Vacancy,
    Worker,
)
from jobfair.services.reference import load_reference_data  # noqa: E402

KEC = ["647101", "647102", "647103", "647104", "647105", "647106"]
CATS = ["tukang_bangunan", "pedagang_kecil", "nelayan", "petani", "pekerja_rumah_tangga", "pembudidaya_ikan"]


def _ids(model, start: int, rows: list[dict]) -> list[int]:
    for i, row in enumerate(rows):
        row["id"] = start + i
    if rows:
        db.session.execute(insert(model.__table__), rows)
    return [row["id"] for row in rows]


def _persons(n: int, tag: str, start: int) -> list[int]:
    return _ids(Person, start, [dict(nik_encrypted=f"x{tag}{i}", nik_hmac=f"{tag}{i:010d}", nik_last4="0001",
                                     nik_region="6471", full_name=f"Orang {i}", sex="LP"[i % 2],
                                     birth_date=date(1980 + i % 20, 1 + i % 12, 1 + i % 28)) for i in range(n)])


def build(copy: int) -> None:
    """One copy of the demo-shaped data; ids are offset per copy so copies never collide."""
    base = (copy + 1) * 100_000
    fair = _ids(JobFair, copy + 1, [dict(name=f"Job Fair {copy}", starts_on=date(2025, 7, 23),
                                         ends_on=date(2025, 7, 24), venue="BSCC Dome", booth_count=120,
                                         booths_taken=102, capacity=5000, registered_count=0)])[0]
    companies = _ids(Company, base, [dict(name=f"PT {copy}-{i}", nib=f"{copy:03d}{i:010d}", kecamatan_code=KEC[i % 6],
                                          contact_name="HR", contact_phone="0812", kbli_code=f"{10 + i % 80:02d}110",
                                          status="verified") for i in range(102)])
    _ids(FairBooth, base, [dict(fair_id=fair, company_id=c, booth_number=i + 1) for i, c in enumerate(companies)])
    vacancies = _ids(Vacancy, base, [dict(company_id=companies[i % 102], job_fair_id=fair, title=f"Jabatan {i % 58}",
                                          openings=3 if i < 486 else 2, valid_from=date(2025, 7, 1),
                                          valid_until=date(2025, 9, 30), kecamatan_code=KEC[i % 6],
                                          status="published") for i in range(1757)])
    users = _ids(User, base, [dict(email=f"s{copy}-{i}@bench.example.id", password_hash="x", role="seeker",
                                   full_name=f"Pencari {i}") for i in range(400)])
    people = _persons(400, f"s{copy}-", base)
    seekers = _ids(SeekerProfile, base, [dict(user_id=u, person_id=p, kecamatan_code=KEC[i % 6])
                                         for i, (u, p) in enumerate(zip(users, people, strict=True))])
    _ids(Ak1Card, base, [dict(seeker_id=s, status=["issued", "lapsed", "placed"][i % 3], number=f"AK{copy}-{i}",
                              issued_on=date(2025, 1 + i % 12, 5)) for i, s in enumerate(seekers)])
    apps = _ids(Application, base, [dict(vacancy_id=vacancies[i * 2], seeker_id=seekers[i % 400],
                                         status="hired" if i < 80 else "submitted") for i in range(600)])
    _ids(Placement, base, [dict(application_id=a, start_date=date(2025, 8 + i % 4, 1), contract_type="PKWT",
                                wage=3_701_508, status="verified" if i < 50 else "reported")
                           for i, a in enumerate(apps[:80])])
    school = _ids(School, copy + 1, [dict(name=f"SMK {copy}", npsn=f"{copy:08d}")])[0]
    major = db.session.scalar(select(SmkMajor.code))
    students = _ids(Student, base, [dict(school_id=school, person_id=p, nisn=f"{copy:03d}{i:07d}", major_code=major,
                                         report_score_x100=8000, expected_graduation=date(2026, 5, 1))
                                    for i, p in enumerate(_persons(90, f"st{copy}-", base + 1000))])
    courses = _ids(TrainingCourse, base, [dict(name=f"Pelatihan {i}", field=f"Bidang {i % 6}", provider_type="office",
                                               provider_name="Disnaker", capacity=20, enrolled_count=12,
                                               starts_on=date(2025, 8, 4), ends_on=date(2025, 8, 15), hours=40)
                                          for i in range(6)])
    _ids(TrainingEnrolment, base, [dict(course_id=courses[i % 6], student_id=students[i],
                                        status="completed" if i % 3 else "enrolled") for i in range(68)])
    places = _ids(ApprenticeshipPlace, base, [dict(company_id=companies[i], title="Magang", places=7, filled_count=7,
                                                   starts_on=date(2026, 2, 1), ends_on=date(2026, 4, 30),
                                                   mentor_name="Mentor", location="Balikpapan", status="approved")
                                              for i in range(3)])
    _ids(Apprenticeship, base, [dict(student_id=students[68 + i], place_id=places[i % 3], status="active")
                                for i in range(19)])
    programmes = _ids(Programme, copy * 10 + 1, [
        dict(name=f"BPJS {copy}", kind="contribution_subsidy", cover_kind=f"bpjs{copy}", owning_office="Disnaker",
             funder="city", payer="city", year=2025, amount_per_month=16_800, quota=7140, enrolled_count=7140,
             budget=0, eligibility={}),
        dict(name=f"Kaki palsu {copy}", kind="one_off_aid", cover_kind=f"kaki{copy}", owning_office="Dinas Sosial",
             funder="city", payer="city", year=2025, amount_per_month=0, quota=13, enrolled_count=13,
             budget=0, eligibility={}),
        dict(name=f"Sembako {copy}", kind="recurring_aid", cover_kind=f"sembako{copy}", owning_office="Dinas Sosial",
             funder="city", payer="city", year=2025, amount_per_month=0, quota=80, enrolled_count=80,
             budget=0, eligibility={})])
    workers = _ids(Worker, base, [dict(person_id=p, kecamatan_code=KEC[i % 6], category_code=CATS[i % 6])
                                  for i, p in enumerate(_persons(7233, f"w{copy}-", base + 2000))])
    owners = [programmes[0]] * 7140 + [programmes[1]] * 13 + [programmes[2]] * 80
    enrolled = _ids(Enrolment, base, [dict(programme_id=pid, worker_id=w, status="active", payer="city",
                                           cover_from=date(2025, 1, 1), cover_to=date(2025, 12, 1))
                                      for pid, w in zip(owners, workers, strict=True)])
    ledger = []
    for e, pid in zip(enrolled, owners, strict=True):
        months = [1] if pid == programmes[1] else range(1, 13)
        status = "paid" if pid == programmes[0] else "delivered"
        ledger += [dict(enrolment_id=e, programme_id=pid, month=date(2025, m, 1), amount=16_800, status=status)
                   for m in months]
    _ids(LedgerEntry, base * 20, ledger)
    db.session.commit()


def measure(app, client, url: str, repeats: int) -> tuple[int, float, float]:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    client.get(url)  # warm caches (templates, translations)
    event.listen(engine, "before_cursor_execute", count)
    response = client.get(url)
    event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return len(statements), min(times), statistics.median(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="copies of the demo data (repeatable)")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    scales = sorted(set(args.scale or [1, 10]))
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="jobfair-bench-") as tmp:
        app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                                               "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024,
                                               "ARGON2_PARALLELISM": 1, "WTF_CSRF_ENABLED": False})
        with app.app_context():
            from flask_migrate import upgrade

            from jobfair.services.users import accounts

            upgrade(directory=app.extensions["migrate"].directory, revision="heads")
            load_reference_data()
            accounts.create_user(None, role="officer", email="officer@bench.example.id", full_name="Petugas",
                                 password="bench-password-2025")
        client = app.test_client()
        login = client.post("/akun/masuk", data={"email": "officer@bench.example.id",
                                                 "password": "bench-password-2025"})
        assert login.status_code == 302, login.status_code
        built = 0
        for scale in scales:
            start = time.perf_counter()
            with app.app_context():
                while built < scale:
                    build(built)
                    built += 1
            print(f"\ndemo data x{scale} (built in {time.perf_counter() - start:.1f} s)")
            for url in ("/disnaker/", "/disnaker/angka-kota"):
                queries, fastest, median = measure(app, client, url, args.repeats)
                print(f"  {url:<22} {queries} SQL statements; min {fastest * 1000:.0f} ms, "
                      f"median {median * 1000:.0f} ms over {args.repeats} requests")


if __name__ == "__main__":
    main()
