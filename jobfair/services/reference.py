"""Reference data: load the files in jobfair/data into tables, and offer them as form choices."""

import csv
from pathlib import Path

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import (
    EducationLevel,
    Kecamatan,
    Kelurahan,
    Province,
    Regency,
    SmkMajor,
    UmkSetting,
    WorkerCategory,
)
from jobfair.rules import money

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# (model, file, row -> column values); parents before children.
_TABLES = [
    (Province, "provinces.csv", lambda r: {"code": r["code"], "name": r["name"]}),
    (Regency, "regencies.csv", lambda r: {"code": r["code"].replace(".", ""), "province_code": r["province_code"],
                                          "name": r["name"]}),
    (Kecamatan, "kecamatan.csv", lambda r: {"code": r["code"], "name": r["name"]}),
    (Kelurahan, "kelurahan.csv", lambda r: dict(r)),
    (EducationLevel, "education_levels.csv", lambda r: {"code": r["code"], "name": r["name"], "rank": int(r["rank"])}),
    (WorkerCategory, "worker_categories.csv", lambda r: dict(r)),
    (SmkMajor, "smk_majors.csv", lambda r: dict(r)),
    # The UMK of each year as published; an admin corrects or adds years in the application.
    (UmkSetting, "umk.csv", lambda r: {"year": int(r["year"]), "amount": int(r["amount"])}),
]

REFERENCE_TABLES = frozenset(model.__tablename__ for model, _, _ in _TABLES)


def _read(filename: str) -> list[dict]:
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_reference_data() -> dict[str, int]:
    """Insert or update every reference row from the data files; returns rows per table."""
    counts = {}
    for model, filename, convert in _TABLES:
        key = model.__mapper__.primary_key[0].name
        existing = {getattr(row, key): row for row in db.session.scalars(select(model))}
        rows = [convert(r) for r in _read(filename)]
        for values in rows:
            current = existing.get(values[key])
            if current is None:
                db.session.add(model(**values))
            else:
                for column, value in values.items():
                    setattr(current, column, value)
        db.session.flush()
        counts[model.__tablename__] = len(rows)
    db.session.commit()
    return counts


def kecamatan_choices() -> list[tuple[str, str]]:
    return [(k.code, k.name) for k in db.session.scalars(select(Kecamatan).order_by(Kecamatan.name))]


def kelurahan_choices() -> list[tuple[str, str]]:
    query = select(Kelurahan).join(Kelurahan.kecamatan).order_by(Kecamatan.name, Kelurahan.name)
    return [(k.code, f"{k.name} ({k.kecamatan.name})") for k in db.session.scalars(query)]


def education_choices() -> list[tuple[str, str]]:
    return [(e.code, e.name) for e in db.session.scalars(select(EducationLevel).order_by(EducationLevel.rank))]


def worker_category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in db.session.scalars(select(WorkerCategory).order_by(WorkerCategory.name))]


def smk_major_choices() -> list[tuple[str, str]]:
    return [(m.code, m.name) for m in db.session.scalars(select(SmkMajor).order_by(SmkMajor.name))]


def kecamatan_exists(code: str | None) -> bool:
    return bool(code) and db.session.get(Kecamatan, code) is not None



def umk_table() -> dict[int, int]:
    """Every recorded Balikpapan UMK, year -> Rupiah per month (a handful of rows)."""
    return {s.year: s.amount for s in db.session.scalars(select(UmkSetting))}


def umk_in_force(year: int) -> tuple[int, int] | None:
    """(year, Rupiah per month) of the UMK in force in `year`: see rules.money.umk_in_force."""
    return money.umk_in_force(umk_table(), year)
