"""Parsing single spreadsheet / form cells, shared by the row validators (student_rows.py, worker_rows.py).

Pure: no Flask, no database. Every parser takes the raw cell (text, number, date or None) and returns the clean
value, or None when the cell cannot be read; the callers word the Indonesian reasons.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

SEX = {"L": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L", "PRIA": "L",
       "P": "P", "PEREMPUAN": "P", "WANITA": "P"}
_YES = {"ya", "y", "yes", "1", "true", "benar", "v", "x", "ada"}
_NO = {"", "tidak", "t", "tdk", "no", "n", "0", "false", "-", "bukan", "tidak ada"}
_NAME_EXTRA = set(" .,'-`")
_CONTROL = {c: None for c in range(32)} | {127: None}

MAX_NAME_CHARS = 120
FORMULA_ERROR = "Sel berisi rumus; ganti dengan nilai biasa (salin lalu tempel sebagai nilai)."
NAME_ERROR = "Nama hanya boleh berisi huruf, spasi, titik, koma, petik dan tanda hubung (maks. 120 karakter)."
SEX_ERROR = "Jenis kelamin harus L (laki-laki) atau P (perempuan)."
PHONE_ERROR = "Nomor HP tidak valid: tulis 10–14 angka yang diawali 08, misalnya 081234567890."


def cell_text(value) -> str:
    """The cell as text with runs of whitespace collapsed ("" for None; 12.0 becomes "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_WHOLE = re.compile(r"[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+")  # "0.001" is no way to write 1
MAX_DIGITS = 15


def parse_whole(text: str) -> int | None:
    """A non-negative whole number written plainly or with dots between thousands ("1200", "1.200", "4.000.000").
    None for anything else: "7.5" is not 75, "4.00.000" is a typo, no signs, letters or non-ASCII digits."""
    text = "".join(str(text).split())
    digits = text.replace(".", "")
    if len(digits) > MAX_DIGITS or not _WHOLE.fullmatch(text):
        return None
    return int(digits)


def fold(value: str) -> str:
    return " ".join(str(value).replace("_", " ").split()).casefold()


def clean_cell(value):
    """Control characters removed from text (tabs and line breaks become spaces); other types unchanged."""
    if isinstance(value, str) and not value.isprintable():
        value = value.replace("\t", " ").replace("\r", " ").replace("\n", " ").translate(_CONTROL)
        if any(unicodedata.category(c) == "Cc" for c in value):
            value = "".join(c for c in value if unicodedata.category(c) != "Cc")
    return value


def parse_date(value) -> date | None:
    """YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or a date cell; None when it cannot be read."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    text = text.split(" ")[0]  # "2007-05-01 00:00:00" from a spreadsheet
    for sep in ("-", "/", "."):
        parts = text.split(sep)
        if len(parts) == 3 and all(p.isdigit() and p.isascii() for p in parts):
            if len(parts[0]) == 4:
                year, month, day = parts
            elif len(parts[2]) == 4:
                day, month, year = parts
            else:
                return None
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                return None
    return None


def normalize_phone(value) -> str | None:
    """08… with 10–14 digits (a +62 prefix becomes 0); None when invalid."""
    raw = cell_text(value)
    if raw.isascii() and raw.isdigit():  # the usual case, without a loop in Python
        digits = raw
    else:
        digits = "".join(c for c in raw if c.isdigit() and c.isascii())
        if any(c.isalpha() for c in raw):
            return None
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):  # a spreadsheet number lost the leading 0
        digits = "0" + digits
    if digits.startswith("08") and 10 <= len(digits) <= 14:
        return digits
    return None


def optional_phone(value) -> str | None:
    """"" for an empty cell, the normalised number, or None when a number is given but invalid."""
    raw = cell_text(value)
    return normalize_phone(raw) if raw else ""


def parse_sex(value) -> str | None:
    """"L" or "P" from L/P, laki-laki, perempuan, pria, wanita…; None otherwise."""
    return SEX.get(cell_text(value).upper())


def parse_flag(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def valid_name(text: str) -> bool:
    if text.replace(" ", "").isalpha():  # the usual case, without a loop in Python
        return True
    return any(c.isalpha() for c in text) and all(c.isalpha() or c in _NAME_EXTRA for c in text)


def name_problem(name: str, missing: str) -> str | None:
    """The reason a (cleaned) person's name is refused, ``missing`` when it is empty; None when it is fine."""
    if not name:
        return missing
    if len(name) > MAX_NAME_CHARS or not valid_name(name):
        return NAME_ERROR
    return None
