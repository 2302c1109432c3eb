"""Benchmark of the protection-register import (services/protection/protection_import.py). Not a test.

Generates (once, cached in the temp directory) a deterministic XLSX (or CSV, --format csv) of N valid worker rows
(distinct valid Balikpapan NIKs, the six kecamatan, every worker category), then against a FRESH database (a
temporary SQLite file, or a new PostgreSQL database created on the server given by --database-url and dropped
afterwards) runs validate_upload and apply(mode="valid_only"), printing the wall time of each phase, rows per
second, this process's CPU time (less disturbed by other jobs on a shared machine) and the load average.

    .venv/bin/python bench/bench_protection_import.py --rows 7140
    .venv/bin/python bench/bench_protection_import.py --rows 100000 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres

The service caps an upload at 20,000 rows and 10 MB; for larger files the bench raises both caps (max_rows
argument, and the module's MAX_BYTES) and says so.
"""

import argparse
import csv
import io
import os
import platform
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

HEADER = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Alamat", "Kecamatan", "Kelurahan", "No HP", "Kategori",
          "Penghasilan", "KTP Sejak", "Mulai", "Sampai", "Pembayar", "KPJ", "Disabilitas", "Lansia"]
KECAMATAN = [("Balikpapan Timur", "Manggar"), ("Balikpapan Barat", "Baru Ulu"), ("Balikpapan Utara", "Batu Ampar"),
             ("Balikpapan Tengah", "Gunung Sari Ilir"), ("Balikpapan Selatan", "Sepinggan"),
             ("Balikpapan Kota", "Klandasan Ilir")]
CATEGORIES = ["Tukang bangunan", "Pedagang kecil", "Nelayan", "Petani", "Pekerja rumah tangga", "Pembudidaya ikan"]
GENERATOR_VERSION = 1  # bump when make_rows changes (the generated files are cached)
REGISTRATION_DAY = date(2024, 12, 1)  # inside the 2025 programme's registration window (Sept-Dec 2024)
NAMES = ["Ahmad", "Siti", "Budi", "Dewi", "Rudi", "Nur", "Agus", "Sri", "Joko", "Wati"]


def _letters(number: int) -> str:
    word = ""
    while True:
        number, rest = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not number:
            return word.capitalize()


def make_rows(rows: int):
    """Row i: birth date from 1965 + i // 9999 days, serial i % 9999 + 1: every NIK distinct and valid."""
    yield HEADER
    for i in range(rows):
        birth = date(1965, 1, 1) + timedelta(days=i // 9999 * 3 + (i % 7) * 400)
        female = i % 2 == 1
        day = birth.day + (40 if female else 0)
        nik = f"6471{i % 6 + 1:02d}{day:02d}{birth:%m%y}{i % 9999 + 1:04d}"
        kecamatan, kelurahan = KECAMATAN[i % 6]
        name = f"{NAMES[i % 10]} {NAMES[i // 10 % 10]} {_letters(i)}"
        yield [nik, name, "P" if female else "L", birth.isoformat(),
               f"Jl. Contoh No. {i % 200 + 1}", kecamatan, kelurahan, f"0812{i:08d}", CATEGORIES[i % 6],
               f"{1_500_000 + (i % 20) * 100_000:,}".replace(",", "."), "2015-01-01", "2025-01", "2025-12",
               "kota", "", "tidak", "tidak"]


def make_xlsx(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data Pekerja")
    for row in make_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_csv(rows: int) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(make_rows(rows))
    return buffer.getvalue().encode("utf-8")


def generated_file(rows: int, kind: str) -> bytes:
    """The generated file, kept in the temp directory between runs (generating 100,000 XLSX rows takes ~15 s)."""
    path = os.path.join(tempfile.gettempdir(), f"jobfair-bench-protection-v{GENERATOR_VERSION}-{rows}.{kind}")
    if not os.path.exists(path):
        data = make_xlsx(rows) if kind == "xlsx" else make_csv(rows)
        with open(path + ".part", "wb") as out:
            out.write(data)
        os.replace(path + ".part", path)
    with open(path, "rb") as stream:
        return stream.read()


def fresh_database(server_url: str | None):
    if not server_url:
        tmp = tempfile.TemporaryDirectory(prefix="jobfair-bench-")
        return f"sqlite:///{tmp.name}/bench.sqlite3", tmp.cleanup
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=7140)
    parser.add_argument("--database-url", help="a PostgreSQL server URL; a fresh database is created and dropped")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    args = parser.parse_args()

    from jobfair import create_app
    from jobfair.extensions import db
    from jobfair.models import CoverMonth, Enrolment, Person
    from jobfair.services import reference
    from jobfair.services.protection import programmes, protection_import, protection_import_read
    from jobfair.services.users import accounts

    started = time.perf_counter()
    data = generated_file(args.rows, args.format)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB {args.format.upper()} "
          f"(generated or read in {time.perf_counter() - started:.1f} s)")
    max_rows = max(args.rows, protection_import_read.MAX_ROWS)
    if args.rows > protection_import_read.MAX_ROWS or len(data) > protection_import_read.MAX_BYTES:
        protection_import_read.MAX_BYTES = protection_import.MAX_BYTES = max(len(data) + 1,
                                                                             protection_import_read.MAX_BYTES)
        print(f"caps raised for the bench: max_rows={max_rows:,}, max_bytes={protection_import.MAX_BYTES:,}")

    url, cleanup = fresh_database(args.database_url)
    try:
        app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(directory=app.extensions["migrate"].directory, revision="heads")
            reference.load_reference_data()
            print(f"database: {db.engine.dialect.name} (fresh)")
            officer = accounts.create_user(None, role="officer", email="bench@example.id", full_name="Petugas Bench",
                                           password="Kerja-Keras-Teluk-2025")
            programme = programmes.create_programme(
                officer, name="Subsidi iuran BPJS Ketenagakerjaan (bench)", kind="contribution_subsidy",
                cover_kind="bpjs_jkk_jkm", owning_office="Disnaker", funder="city", payer="city", year=2025,
                amount_per_month=16_800, item_name="", unit_value=0, quota=args.rows, budget=0,
                eligibility={"min_ktp_months": 6, "max_age": 64, "income_at_most_umk": True})

            t0, c0 = time.perf_counter(), time.process_time()
            batch = protection_import.validate_upload(officer, programme.id, filename=f"bench.{args.format}",
                                                      stream=io.BytesIO(data), max_rows=max_rows,
                                                      today=REGISTRATION_DAY)
            t1, c1 = time.perf_counter(), time.process_time()
            assert batch.valid_rows == args.rows, batch.errors[:5]
            batch = protection_import.apply(officer, batch.id, mode="valid_only", today=REGISTRATION_DAY)
            t2, c2 = time.perf_counter(), time.process_time()
            counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (Person, Enrolment, CoverMonth)]
            print(f"validate (read file + check rows + register look-up + encrypt NIKs): {t1 - t0:.2f} s "
                  f"({args.rows / (t1 - t0):,.0f} rows/s; this process's CPU {c1 - c0:.2f} s)")
            print(f"apply (persons, workers, enrolments, cover months, one transaction): {t2 - t1:.2f} s "
                  f"({args.rows / (t2 - t1):,.0f} rows/s; this process's CPU {c2 - c1:.2f} s)")
            print(f"total: {t2 - t0:.2f} s ({args.rows / (t2 - t0):,.0f} rows/s)")
            print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            print(f"written: {counts[0]:,} persons, {counts[1]:,} enrolments, {counts[2]:,} cover months")
            db.session.remove()
            db.engine.dispose()
    finally:
        cleanup()


if __name__ == "__main__":
    main()
