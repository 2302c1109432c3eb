"""Indonesian provinces and regencies (kabupaten/kota) loaded from CSV data.

Pure stdlib: the data files live in ``jobfair/data`` next to this package.
Regency codes are exposed as 4 digits without the dot ("6471"), which is
exactly how they appear in the first four digits of a NIK.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROVINCES_CSV = DATA_DIR / "provinces.csv"
REGENCIES_CSV = DATA_DIR / "regencies.csv"


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle)
        ]


def _compact(code: str) -> str:
    """'64.71' -> '6471'; already compact codes are returned unchanged."""
    return code.strip().replace(".", "")


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _read_rows(PROVINCES_CSV) if row.get("code")}


@lru_cache(maxsize=1)
def _regencies() -> dict[str, str]:
    return {
        _compact(row["code"]): row["name"]
        for row in _read_rows(REGENCIES_CSV)
        if row.get("code")
    }


@lru_cache(maxsize=1)
def province_codes() -> frozenset[str]:
    """Two-digit province codes, e.g. ``"64"`` for Kalimantan Timur."""
    return frozenset(_provinces())


@lru_cache(maxsize=1)
def regency_codes() -> frozenset[str]:
    """Four-digit regency codes without dot, e.g. ``"6471"`` for Kota Balikpapan."""
    return frozenset(_regencies())


def province_name(code: str) -> str | None:
    """Name of a province by its two-digit code, or None when unknown."""
    return _provinces().get(code.strip())


def regency_name(code4: str) -> str | None:
    """Name of a regency by its code ("6471" or "64.71"), or None when unknown."""
    return _regencies().get(_compact(code4))
