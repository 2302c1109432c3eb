"""Validation of one SMK student row (typed in a form or read from an import file).

Pure: no Flask, no database. The caller passes the SMK major reference list and today's date.
``check_student_row`` returns (clean values, {column: Indonesian reason}); the clean values carry
``warnings`` (declared sex / birth date that disagree with the NIK: warned, never rejected).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from jobfair.rules.cells import (
    FORMULA_ERROR,
    PHONE_ERROR,
    SEX_ERROR,
    cell_text,
    fold,
    name_problem,
    optional_phone,
    parse_date,
    parse_sex,
    valid_name,
)
from jobfair.rules.cells import normalize_phone as normalize_phone  # re-exported: callers import it from here
from jobfair.rules.nik import NikError, declared_mismatches, parse_nik

ADULT_AGE = 18
MAX_CELL_CHARS = 255
MIN_STUDENT_AGE, MAX_STUDENT_AGE = 13, 30

# Column keys (the import maps file headers onto these; forms use the same names).
COLUMNS = ("nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
           "expected_graduation", "phone", "guardian_name", "guardian_phone")

# The example of the import template, shown on its own sheet ("Contoh pengisian"). Templates downloaded before
# carried it as the first data row, so a row equal to it in NISN, name and NIK is the example, never a student.
EXAMPLE_ROW = {"nisn": "0061234567", "full_name": "Contoh Nama Siswa", "nik": "6471014703070001",
               "birth_date": "2007-03-07", "sex": "P", "major": "TKJ", "class_name": "XII TKJ 1",
               "report_score": "85,5", "expected_graduation": "2026-06-15", "phone": "081234567890",
               "guardian_name": "Nama Orang Tua", "guardian_phone": "081298765432"}
_EXAMPLE_KEYS = ("nisn", "full_name", "nik")

_TEXT_CELL_HINT = ("Di Excel, format kolom ini sebagai Teks (Text) agar angka 0 di depan dan digit terakhir "
                   "tidak hilang.")

_EITHER_DECIMAL_MARK = str.maketrans(",", ".")


def age_on(birth_date: date, on_date: date) -> int:
    return on_date.year - birth_date.year - ((on_date.month, on_date.day) < (birth_date.month, birth_date.day))


def is_minor(birth_date: date, on_date: date) -> bool:
    """Under 18 on ``on_date`` (UU PDP and Permenaker 6/2020: a guardian must consent)."""
    return age_on(birth_date, on_date) < ADULT_AGE


def parse_score(value) -> int | None:
    """Average report score 0–100 with at most 2 decimals (comma or dot) → hundredths."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = repr(value)
    else:
        text = cell_text(value).translate(_EITHER_DECIMAL_MARK)  # input: "85,5" and "85.5" both read 85.5
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > 100:
        return None
    hundredths = number * 100
    if hundredths != hundredths.to_integral_value():
        hundredths = hundredths.quantize(Decimal(1))
    return int(hundredths)


def match_major(value, majors: Mapping[str, str]) -> str | None:
    """The major code for a code or a name from the reference list (case-insensitive)."""
    text = cell_text(value).casefold()
    if not text:
        return None
    for code, name in majors.items():
        if text == code.casefold() or text == " ".join(name.split()).casefold():
            return code
    return None


def is_example_row(row: Mapping[str, object]) -> bool:
    """The template's example row (NISN, name and NIK all as in EXAMPLE_ROW; case and spacing ignored)."""
    return all(fold(cell_text(row.get(key))) == fold(EXAMPLE_ROW[key]) for key in _EXAMPLE_KEYS)


def check_student_row(row: Mapping[str, object], *, majors: Mapping[str, str], today: date
                      ) -> tuple[dict, dict[str, str]]:
    """Validate one student row. Returns (values, errors); values["warnings"] lists NIK mismatches."""
    errors: dict[str, str] = {}
    values: dict = {"warnings": []}
    for key in COLUMNS:
        value = row.get(key)
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            errors[key] = f"Isian terlalu panjang ({len(value)} karakter); paling banyak {MAX_CELL_CHARS} karakter."
        elif isinstance(value, str) and value.startswith("="):
            errors[key] = FORMULA_ERROR

    def field(key):
        return None if key in errors else row.get(key)

    # NISN: exactly 10 digits.
    raw_nisn = field("nisn")
    if "nisn" not in errors:
        nisn = cell_text(raw_nisn).replace(" ", "")
        if not nisn:
            errors["nisn"] = "NISN wajib diisi: 10 angka dari kartu pelajar atau Dapodik."
        elif not (nisn.isdigit() and nisn.isascii()):
            errors["nisn"] = "NISN hanya berisi angka: tulis 10 angka tanpa huruf atau tanda baca."
        elif len(nisn) != 10:
            hint = f" {_TEXT_CELL_HINT}" if isinstance(raw_nisn, int | float) else ""
            errors["nisn"] = f"NISN harus tepat 10 angka; yang diisi {len(nisn)} angka.{hint}"
        else:
            values["nisn"] = nisn

    name = cell_text(field("full_name"))
    if "full_name" not in errors:
        problem = name_problem(name, "Nama siswa wajib diisi sesuai akta kelahiran atau KTP.")
        if problem:
            errors["full_name"] = problem
        else:
            values["full_name"] = name

    birth = None
    if "birth_date" not in errors:
        birth = parse_date(field("birth_date"))
        if birth is None:
            errors["birth_date"] = "Tanggal lahir tidak terbaca: tulis seperti 2007-05-31 atau 31-05-2007."
        elif not MIN_STUDENT_AGE <= age_on(birth, today) <= MAX_STUDENT_AGE:
            errors["birth_date"] = (f"Tanggal lahir tidak wajar untuk siswa SMK (umur {age_on(birth, today)} tahun); "
                                    "periksa tahun lahirnya.")
            birth = None
        else:
            values["birth_date"] = birth

    sex = None
    if "sex" not in errors:
        sex = parse_sex(field("sex"))
        if sex is None:
            errors["sex"] = SEX_ERROR
        else:
            values["sex"] = sex

    if "nik" not in errors:
        raw_nik = field("nik")
        if isinstance(raw_nik, int | float):
            errors["nik"] = f"NIK terbaca sebagai angka, sehingga digit terakhirnya bisa berubah. {_TEXT_CELL_HINT}"
        else:
            try:
                parsed = parse_nik(cell_text(raw_nik), today=today)
            except NikError as exc:
                errors["nik"] = exc.message
            else:
                values["nik"] = parsed
                values["warnings"] = declared_mismatches(parsed, sex=sex, birth_date=birth)

    if "major" not in errors:
        code = match_major(field("major"), majors)
        if code is None:
            errors["major"] = "Jurusan tidak dikenal: tulis kode (mis. TKJ) atau nama jurusan dari daftar jurusan SMK."
        else:
            values["major_code"] = code

    class_name = cell_text(field("class_name"))
    if "class_name" not in errors:
        if not class_name:
            errors["class_name"] = "Kelas wajib diisi, misalnya XII TKJ 1."
        elif len(class_name) > 32:
            errors["class_name"] = "Nama kelas paling banyak 32 karakter."
        else:
            values["class_name"] = class_name

    if "report_score" not in errors:
        score = parse_score(field("report_score"))
        if score is None:
            errors["report_score"] = "Nilai rata-rata rapor harus angka 0–100, misalnya 85,5."
        else:
            values["report_score_x100"] = score

    graduation = None
    if "expected_graduation" not in errors:
        graduation = parse_date(field("expected_graduation"))
        if graduation is None:
            errors["expected_graduation"] = "Tanggal lulus tidak terbaca: tulis seperti 2026-06-15 atau 15-06-2026."
        elif not (today.year - 5 <= graduation.year <= today.year + 4):
            errors["expected_graduation"] = "Perkiraan tanggal lulus tidak wajar; periksa tahunnya."
            graduation = None
        elif birth is not None and age_on(birth, graduation) < MIN_STUDENT_AGE:
            errors["expected_graduation"] = "Tanggal lulus terlalu dekat dengan tanggal lahir; periksa kedua tanggal."
            graduation = None
        else:
            values["expected_graduation"] = graduation

    if "phone" not in errors:
        phone = optional_phone(field("phone"))
        if phone is None:
            errors["phone"] = PHONE_ERROR
        else:
            values["phone"] = phone

    minor = birth is not None and (is_minor(birth, today) or (graduation is not None and is_minor(birth, graduation)))
    guardian = cell_text(field("guardian_name"))
    if "guardian_name" not in errors:
        if guardian and (len(guardian) > 120 or not valid_name(guardian)):
            errors["guardian_name"] = "Nama wali hanya boleh berisi huruf, spasi dan tanda baca nama (maks. 120)."
        elif not guardian and minor:
            errors["guardian_name"] = "Siswa belum berumur 18 tahun: nama orang tua/wali wajib diisi."
        else:
            values["guardian_name"] = guardian
    if "guardian_phone" not in errors:
        phone = optional_phone(field("guardian_phone"))
        if phone is None:
            errors["guardian_phone"] = "Nomor HP wali tidak valid: tulis 10–14 angka yang diawali 08."
        elif not phone and minor:
            errors["guardian_phone"] = "Siswa belum berumur 18 tahun: nomor HP orang tua/wali wajib diisi."
        else:
            values["guardian_phone"] = phone
    return values, errors
