"""Benchmark of the vacancy search (services/hiring/search.py + search_index.py). Not a test.

Fills a fresh database (a temporary SQLite file, or a new PostgreSQL database created on the server given by
--database-url or DATABASE_URL and dropped afterwards), migrated with Alembic, with N synthetic vacancies of
N/20 verified companies, written with bulk Core inserts (executemany) so the search index is filled by the
migration's triggers, as in production. Then it times search_vacancies for a few queries and pages (median of
--repeats calls, each in a fresh session) and, for comparison, the search it replaced (LIKE '%word%' over title,
company name and description, with db.paginate: an exact COUNT(*) and OFFSET per page).

    .venv/bin/python bench/bench_search.py --vacancies 10000
    .venv/bin/python bench/bench_search.py --vacancies 100000 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres
"""

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import create_engine, func, insert, or_, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import Company, Vacancy  # noqa: E402
from jobfair.rules import search_query  # noqa: E402
from jobfair.services.hiring import search, search_index
from jobfair.services.reference import load_reference_data  # noqa: E402

KEC = ["647101", "647102", "647103", "647104", "647105", "647106"]
TITLES = ["Operator Forklift", "Operator Produksi", "Operator Excavator", "Admin Gudang", "Staf Administrasi",
          "Kasir", "Juru Las", "Teknisi Listrik", "Sopir Truk", "Satpam", "Petugas Kebersihan", "Barista", "Koki",
          "Perawat", "Akuntan", "Staf Pemasaran", "Sales Lapangan", "Layanan Pelanggan", "Mekanik Alat Berat",
          "Helper Gudang", "Drafter", "Programmer", "Desainer Grafis", "Pramuniaga", "Tukang Kayu", "Staf HRD",
          "Petugas K3", "Kurir", "Resepsionis", "Teknisi AC", "Pengemudi Ojek", "Guru Les", "Apoteker",
          "Analis Laboratorium", "Staf Gudang", "Supervisor Produksi", "Operator Crane", "Juru Masak"]
LEVELS = ["", " Senior", " Junior", " Shift Malam", " Kontrak"]
SENTENCES = ["Dibutuhkan segera untuk penempatan di Balikpapan.", "Pengalaman minimal satu tahun di bidang yang sama.",
             "Bersedia bekerja shift dan lembur.", "Memiliki SIM B1 umum yang masih berlaku.",
             "Menguasai Microsoft Excel dan surat-menyurat.", "Membantu operator mesin di lantai produksi.",
             "Menjaga kebersihan dan kerapian gudang.", "Mencatat stok barang masuk dan keluar.",
             "Melayani pelanggan dengan ramah.", "Sehat jasmani dan rohani, tidak buta warna.",
             "Diutamakan yang berdomisili di Balikpapan Utara.", "Memahami keselamatan dan kesehatan kerja (K3).",
             "Mampu bekerja dalam tim maupun mandiri.", "Lulusan SMK teknik mesin atau listrik.",
             "Gaji sesuai UMK ditambah tunjangan makan.", "Disediakan mes karyawan dan transportasi."]
COMPANY_WORDS = ["Maju", "Jaya", "Samudra", "Borneo", "Kaltim", "Teluk", "Balikpapan", "Mandiri", "Sejahtera",
                 "Abadi", "Nusantara", "Energi", "Logistik", "Karya", "Sentosa", "Petro", "Bahari", "Prima"]
TODAY = date.today()


def _fresh_postgres(server_url: str):
    url = make_url(server_url)
    name = f"jobfair_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


def fill(n: int, seed: int) -> float:
    rnd = random.Random(seed)
    start = time.perf_counter()
    companies = max(10, n // 20)
    db.session.execute(insert(Company), [
        dict(id=i + 1, name=f"PT {rnd.choice(COMPANY_WORDS)} {rnd.choice(COMPANY_WORDS)} {i}", nib=f"{i:013d}",
             kecamatan_code=rnd.choice(KEC), contact_name="HR", contact_phone="0812", status="verified",
             kbli_code=f"{10 + i % 80:02d}110") for i in range(companies)])
    now = datetime.now(UTC)
    chunk = 5000
    for first in range(0, n, chunk):
        rows = []
        for _row in range(first, min(n, first + chunk)):
            title = rnd.choice(TITLES) + rnd.choice(LEVELS)
            valid_from = TODAY - timedelta(days=rnd.randint(0, 60))
            status = rnd.choices(["published", "closed", "draft"], weights=[85, 10, 5])[0]
            rows.append(dict(company_id=rnd.randint(1, companies), title=title,
                             description=" ".join(rnd.sample(SENTENCES, rnd.randint(3, 7))),
                             openings=rnd.randint(1, 5), hired_count=0, valid_from=valid_from,
                             valid_until=valid_from + timedelta(days=rnd.randint(30, 120)),
                             kecamatan_code=rnd.choice(KEC), employment_type=rnd.choice(["permanent", "contract"]),
                             status=status, published_at=now - timedelta(minutes=rnd.randint(0, 90 * 24 * 60)),
                             disability_friendly=rnd.random() < 0.1, wage_min=3_701_508, wage_max=5_000_000))
        db.session.execute(insert(Vacancy), rows)
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return time.perf_counter() - start


def old_search(q: str, page: int):
    """The search before issue 10 (LIKE over three columns, db.paginate), for comparison."""
    query = search.open_vacancies(TODAY)
    for word in q.split()[:8]:
        pattern = search.like_pattern(word)
        query = query.where(or_(func.lower(Vacancy.title).like(pattern, escape="\\"),
                                func.lower(Company.name).like(pattern, escape="\\"),
                                func.lower(Vacancy.description).like(pattern, escape="\\")))
    query = query.order_by(Vacancy.published_at.desc().nulls_last(), Vacancy.id.desc())
    return db.paginate(query, page=page, per_page=20, error_out=False)


def deep_cursor(page: int) -> str | None:
    """The `setelah` cursor that leads to listing page `page` (as if the reader had walked there)."""
    query = (search.open_vacancies(TODAY).where(Vacancy.published_at.is_not(None))
             .order_by(Vacancy.published_at.desc(), Vacancy.id.desc()).offset((page - 1) * 20 - 1).limit(1))
    row = db.session.scalars(query).first()
    if row is None:
        return None
    return search_query.encode_cursor(search_query.Cursor(mode="l", page=page, score=None,
                                                          published_at=row.published_at, vacancy_id=row.id))


def timed(call, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats + 1):
        db.session.remove()
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]), result   # the first call warms caches and is not counted


def describe(result) -> str:
    if isinstance(result, search_index.SearchPage):
        prefix = {"exact": "", "about": "~ "}.get(result.count_kind, "> ")
        count = f"{prefix}{result.count:,}"
        return f"{count} ({ {'l': 'listing', 't': 'ranked', 's': 'similar'}.get(result.mode, result.mode)})"
    return f"{result.total:,}"


def run(repeats: int) -> None:
    open_count = db.session.scalar(select(func.count()).select_from(search.open_vacancies(TODAY).subquery()))
    deep = max(2, min(500, open_count // 20))
    cursor = deep_cursor(deep)
    cases = [
        ("listing, page 1", dict(), ("", 1)),
        (f"listing, page {deep} (cursor)", dict(after=cursor), ("", deep)),
        ("q=operator", dict(q="operator"), ("operator", 1)),
        ("q=admin gudang", dict(q="admin gudang"), ("admin gudang", 1)),
        ("q=dibutuhkan", dict(q="dibutuhkan"), ("dibutuhkan", 1)),
        ("q=operatr (typo)", dict(q="operatr"), ("operatr", 1)),
        ("q=gudng (typo)", dict(q="gudng"), ("gudng", 1)),
        ("q=operator, kecamatan", dict(q="operator", kecamatan="647103"), None),
        ("q=yang dan di (stop words)", dict(q="yang dan di"), None),
    ]
    print(f"open vacancies: {open_count:,}; times are medians of {repeats} calls\n")
    print(f"| {'case':<30} | {'results':>20} | {'now':>9} | {'before (LIKE)':>14} |")
    print(f"|{'-' * 32}|{'-' * 21}:|{'-' * 10}:|{'-' * 15}:|")
    for label, kwargs, old in cases:
        median, result = timed(lambda kwargs=kwargs: search.search_vacancies(today=TODAY, **kwargs), repeats)
        before = "—"
        if old is not None:
            old_median, _ = timed(lambda old=old: old_search(*old), repeats)
            before = f"{old_median * 1000:,.0f} ms"
        print(f"| {label:<30} | {describe(result):>20} | {median * 1000:>6,.0f} ms | {before:>14} |")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="a PostgreSQL server URL; a fresh database is created there and dropped afterwards")
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    drop = None
    with tempfile.TemporaryDirectory(prefix="jobfair-bench-") as tmp:
        if args.database_url and args.database_url.startswith("postgresql"):
            url, drop = _fresh_postgres(args.database_url)
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        try:
            app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url})
            with app.app_context():
                from flask_migrate import upgrade

                upgrade(directory=app.extensions["migrate"].directory, revision="heads")
                load_reference_data()
                print(f"database: {db.engine.dialect.name} {db.engine.dialect.server_version_info or ''} (fresh)")
                seconds = fill(args.vacancies, args.seed)
                print(f"filled {args.vacancies:,} vacancies (search index by the triggers) in {seconds:.1f} s")
                run(args.repeats)
                db.session.remove()
                db.engine.dispose()
        finally:
            if drop is not None:
                drop()


if __name__ == "__main__":
    main()
