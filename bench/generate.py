"""Build a large synthetic jobfair database for the HTTP benchmark (bench/bench_http.py). Not a test.

A fresh database (PostgreSQL: a new database created on the server given by --database-url and LEFT IN PLACE,
its URL printed at the end; otherwise a SQLite file, --sqlite-path), migrated with Alembic and loaded with the
reference data, then filled with bulk Core inserts (executemany in chunks, as bench/bench_search.py does):
N/20 verified companies, N published vacancies (85 % open today), M seekers (person + user + seeker profile; the
NIKs are encrypted and hashed with the real nik_store helpers) and K applications (unique per seeker and vacancy),
of which --big-vacancy-applicants (3,940) go to vacancy 1 (open, of company 1), for the applicants page.
Two accounts log in for bench/bench_http.py's office pages (their e-mails and the password are in BENCH_ACCOUNTS):
an officer (who enrols the TOTP second factor at the bench's first login) and an HR user of company 1.
The city's figures snapshot is computed once at the end (FIGURES_REFRESH is "off" while loading).

    .venv/bin/python bench/generate.py --vacancies 10000 --seekers 20000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    # drop it afterwards: DROP DATABASE "jobfair_bench_..." WITH (FORCE)
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_search import COMPANY_WORDS, KEC, LEVELS, SENTENCES, TITLES, _fresh_postgres  # noqa: E402
from sqlalchemy import insert, text, update  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import Application, Company, Person, SeekerProfile, User, Vacancy  # noqa: E402
from jobfair.services import nik_store  # noqa: E402
from jobfair.services.reference import load_reference_data  # noqa: E402

CHUNK = 5000
TODAY = date.today()
FIRST_NAMES = ["Andi", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika",
               "Lestari", "Muhammad", "Nur", "Putri", "Rahmat", "Sari", "Taufik", "Wahyu", "Yuliana"]
LAST_NAMES = ["Saputra", "Wijaya", "Pratama", "Hidayat", "Lestari", "Santoso", "Kurniawan", "Rahman", "Utami"]
# One precomputed hash for every synthetic account (nobody logs in as them; hashing 100k passwords takes hours).
PASSWORD_HASH = "scrypt:32768:8:1$benchbenchbench0$" + "0" * 128
# The two accounts that do log in (bench/bench_http.py): a real argon2 hash each.
BENCH_ACCOUNTS = {"officer": "petugas@bench.example", "company": "hrd@bench.example"}
BENCH_PASSWORD = "bench-password-2025"  # noqa: S105 (a synthetic benchmark database, never deployed)
BIG_VACANCY_ID = 1


def _chunked(table, chunks):
    """Insert each (first, rows) chunk with one executemany; returns the seconds it took."""
    start = time.perf_counter()
    for _first, rows in chunks:
        db.session.execute(insert(table), list(rows))
    db.session.commit()
    return time.perf_counter() - start


def _ranges(n):
    return [(first, min(n, first + CHUNK)) for first in range(0, n, CHUNK)]


def fill_companies(n: int, rnd: random.Random) -> int:
    db.session.execute(insert(Company), [
        dict(id=i + 1, name=f"PT {rnd.choice(COMPANY_WORDS)} {rnd.choice(COMPANY_WORDS)} {i}", nib=f"{i:013d}",
             kecamatan_code=rnd.choice(KEC), contact_name="HR", contact_phone="0812", status="verified",
             kbli_code=f"{10 + i % 80:02d}110") for i in range(n)])
    db.session.commit()
    return n


def vacancy_rows(first: int, last: int, companies: int, rnd: random.Random, now: datetime):
    for i in range(first, last):
        if rnd.random() < 0.85:                      # open today
            valid_from = TODAY - timedelta(days=rnd.randint(0, 60))
            valid_until = TODAY + timedelta(days=rnd.randint(1, 90))
        else:                                        # expired
            valid_until = TODAY - timedelta(days=rnd.randint(1, 60))
            valid_from = valid_until - timedelta(days=rnd.randint(30, 90))
        yield dict(id=i + 1, company_id=rnd.randint(1, companies), title=rnd.choice(TITLES) + rnd.choice(LEVELS),
                   description=" ".join(rnd.sample(SENTENCES, rnd.randint(3, 7))), openings=rnd.randint(1, 5),
                   hired_count=0, valid_from=valid_from, valid_until=valid_until, kecamatan_code=rnd.choice(KEC),
                   employment_type=rnd.choice(["permanent", "contract"]), status="published",
                   published_at=now - timedelta(minutes=rnd.randint(0, 90 * 24 * 60)),
                   disability_friendly=rnd.random() < 0.1, wage_min=3_701_508, wage_max=5_000_000)


def fill_seekers(m: int, rnd: random.Random, now: datetime) -> dict[str, float]:
    names = [f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}" for _ in range(m)]
    times = {}
    start = time.perf_counter()
    for first, last in _ranges(m):
        rows = []
        for i in range(first, last):
            nik = f"6471{rnd.randint(1, 28):02d}{rnd.randint(1, 12):02d}{rnd.randint(70, 99):02d}{i:06d}"
            rows.append(dict(id=i + 1, nik_encrypted=nik_store.encrypt_nik(nik), nik_hmac=nik_store.nik_hmac(nik),
                             nik_last4=nik[-4:], nik_region=nik[:4], full_name=names[i], sex=rnd.choice("LP"),
                             birth_date=date(1970 + rnd.randint(0, 35), rnd.randint(1, 12), rnd.randint(1, 28)),
                             created_at=now))
        db.session.execute(insert(Person), rows)
    db.session.commit()
    times["person"] = time.perf_counter() - start
    times["user_account"] = _chunked(User, ((f, (dict(
        id=i + 1, email=f"pencari{i + 1}@bench.example", password_hash=PASSWORD_HASH, role="seeker",
        full_name=names[i], active=True, failed_login_count=0, session_version=1, person_id=i + 1, created_at=now)
        for i in range(f, la))) for f, la in _ranges(m)))
    times["seeker_profile"] = _chunked(SeekerProfile, ((f, (dict(
        id=i + 1, user_id=i + 1, person_id=i + 1, kecamatan_code=rnd.choice(KEC), education_level=None,
        skills=", ".join(rnd.sample(["las", "excel", "forklift", "mengemudi", "komputer", "k3"], 2)),
        experience_years=rnd.randint(0, 10), created_at=now) for i in range(f, la))) for f, la in _ranges(m)))
    return times


def fill_applications(k: int, vacancies: int, seekers: int, rnd: random.Random, now: datetime,
                      big: int = 0) -> int:
    k = min(k, vacancies * seekers)
    pairs: set[tuple[int, int]] = {(BIG_VACANCY_ID, s) for s in range(1, min(big, seekers, k) + 1)}
    while len(pairs) < k:
        pairs.add((rnd.randint(1, vacancies), rnd.randint(1, seekers)))
    ordered = sorted(pairs)
    statuses = ["submitted"] * 6 + ["reviewed", "shortlisted", "interview", "rejected"]
    for first, last in _ranges(k):
        db.session.execute(insert(Application), [
            dict(vacancy_id=v, seeker_id=s, status=rnd.choice(statuses), fit_score=rnd.randint(0, 100),
                 created_at=now, updated_at=now) for v, s in ordered[first:last]])
    db.session.commit()
    return k


def open_big_vacancy() -> None:
    """Vacancy 1 open today and of company 1 (the HR account's), whatever the random draw made it."""
    db.session.execute(update(Vacancy).where(Vacancy.id == BIG_VACANCY_ID).values(
        company_id=1, valid_from=TODAY - timedelta(days=10), valid_until=TODAY + timedelta(days=30)))
    db.session.commit()


def add_accounts() -> None:
    """The officer and the company HR user, made the way the product makes them."""
    from jobfair.services.users import accounts

    accounts.create_user(None, role="officer", email=BENCH_ACCOUNTS["officer"], full_name="Petugas Bench",
                         password=BENCH_PASSWORD)
    accounts.new_user(role="company", email=BENCH_ACCOUNTS["company"], password=BENCH_PASSWORD,
                      full_name="HRD Bench", company_id=1)
    db.session.commit()


def _reset_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences at 1: move them past the rows so the app can insert."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("company", "vacancy", "person", "user_account", "seeker_profile"):
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
    db.session.commit()


def generate(url: str, vacancies: int, seekers: int, applications: int, seed: int, big: int = 3940) -> None:
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "FIGURES_REFRESH": "off"})
    with app.app_context():
        from flask_migrate import upgrade

        start = time.perf_counter()
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        load_reference_data()
        print(f"{'migrate + reference data':<26} {time.perf_counter() - start:6.1f} s")
        companies = max(10, vacancies // 20)
        t = time.perf_counter()
        fill_companies(companies, rnd)
        print(f"{'company':<26} {time.perf_counter() - t:6.1f} s  {companies:>9,} rows")
        seconds = _chunked(Vacancy, ((f, vacancy_rows(f, la, companies, rnd, now)) for f, la in _ranges(vacancies)))
        print(f"{'vacancy (+ search index)':<26} {seconds:6.1f} s  {vacancies:>9,} rows")
        for table, seconds in fill_seekers(seekers, rnd, now).items():
            print(f"{table:<26} {seconds:6.1f} s  {seekers:>9,} rows")
        t = time.perf_counter()
        count = fill_applications(applications, vacancies, seekers, rnd, now, big)
        open_big_vacancy()
        print(f"{'application':<26} {time.perf_counter() - t:6.1f} s  {count:>9,} rows "
              f"({min(big, seekers, count):,} to vacancy {BIG_VACANCY_ID})")
        t = time.perf_counter()
        _reset_sequences()
        add_accounts()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        print(f"{'ANALYZE':<26} {time.perf_counter() - t:6.1f} s")
        t = time.perf_counter()
        from jobfair.services.office import figure_snapshots

        figure_snapshots.refresh()
        print(f"{'city figures snapshot':<26} {time.perf_counter() - t:6.1f} s")
        db.session.remove()
        db.engine.dispose()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--seekers", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=None, help="default 2.5 x vacancies")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--big-vacancy-applicants", type=int, default=3940,
                        help="applications to vacancy 1 (the applicants page of bench/bench_http.py)")
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL server URL; a fresh database is created there and left in place")
    parser.add_argument("--sqlite-path", default="instance/bench.sqlite3", help="used without --database-url")
    args = parser.parse_args(argv)
    applications = args.applications if args.applications is not None else int(args.vacancies * 2.5)
    if args.database_url and args.database_url.startswith("postgresql"):
        url, _drop = _fresh_postgres(args.database_url)
    else:
        if os.path.exists(args.sqlite_path):
            os.remove(args.sqlite_path)
        url = f"sqlite:///{os.path.abspath(args.sqlite_path)}"
    start = time.perf_counter()
    generate(url, args.vacancies, args.seekers, applications, args.seed, args.big_vacancy_applicants)
    print(f"{'total':<26} {time.perf_counter() - start:6.1f} s")
    print(f"DATABASE_URL={url}")


if __name__ == "__main__":
    main()
