"""Validation of one row of a protection-register import (a person, their worker data and the enrolment period).

Pure: no Flask, no database. The caller passes the reference lists (kecamatan, kelurahan, worker categories),
the programme's eligibility rules, the UMK of the year, the cover window and today's date in a RowContext.
``check_worker_row`` returns (clean values, {column key: Indonesian reason}); the clean values carry ``warnings``
(declared sex / birth date that disagree with the NIK: warned, never rejected).
Reasons never quote the cell content (a hostile cell could be 1 MB long or hold a formula).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from jobfair.rules import numbers
from jobfair.rules.cells import (
    FORMULA_ERROR,
    PHONE_ERROR,
    SEX,
    SEX_ERROR,
    cell_text,
    clean_cell,
    name_problem,
    optional_phone,
    parse_date,
    parse_flag,
)
from jobfair.rules.cells import fold as _fold
from jobfair.rules.eligibility import Applicant, EligibilityRules, eligibility_problems, month_start
from jobfair.rules.money import parse_rupiah
from jobfair.rules.nik import NikError, declared_mismatches, parse_nik

MAX_CELL_CHARS = 1000
MAX_INCOME = 1_000_000_000

# Column keys, in template order.
COLUMNS = ("nik", "full_name", "sex", "birth_date", "address", "kecamatan", "kelurahan", "phone", "category",
           "monthly_income", "ktp_since", "cover_from", "cover_to", "payer", "kpj", "has_disability", "is_elderly",
           "already_bpjs_member")
MEMBER_ANSWERS = {"sudah": True, "belum": False}  # "Sudah peserta BPJS TK?": also ya/tidak

_PAYER_ALIASES = {"kota": "city", "pemkot": "city", "pemkot balikpapan": "city", "pemerintah kota": "city",
                  "apbd kota": "city", "provinsi": "province", "pemprov": "province", "pemprov kaltim": "province",
                  "pemerintah provinsi": "province", "apbd provinsi": "province", "mandiri": "self",
                  "sendiri": "self", "peserta": "self"}


@dataclass
class RowContext:
    kecamatan: Mapping[str, str]                 # code -> name
    kelurahan: Mapping[str, tuple[str, str]]     # code -> (kecamatan code, name)
    categories: Mapping[str, str]                # code -> name
    rules: EligibilityRules
    umk: int | None
    cover_window: tuple[date, date]              # first and last month the programme can cover
    default_payer: str                           # the programme's payer code, e.g. "city": every row's payer
    today: date                                  # eligibility is judged on this day (the registration day)
    payers: Mapping[str, str] = field(default_factory=dict)  # code -> label ("city" -> "Pemerintah Kota ...")
    _kec: dict = field(default_factory=dict, init=False, repr=False)
    _kel: dict = field(default_factory=dict, init=False, repr=False)
    _cat: dict = field(default_factory=dict, init=False, repr=False)
    _pay: dict = field(default_factory=dict, init=False, repr=False)
    _memo: dict = field(default_factory=dict, init=False, repr=False)  # parsed cells, for this file only

    def __post_init__(self) -> None:
        for code, name in self.kecamatan.items():
            for key in (code, name, _strip_prefix(name, "balikpapan")):
                self._kec[_fold(key)] = code
        for code, (_kec, name) in self.kelurahan.items():
            self._kel[_fold(code)] = code
            self._kel.setdefault(("name", _fold(name)), []).append(code)
        for code, name in self.categories.items():
            self._cat[_fold(code)] = code
            self._cat[_fold(name)] = code
            self._cat[_fold(code.replace("_", " "))] = code
        for code, label in self.payers.items():
            self._pay[_fold(code)] = code
            self._pay[_fold(label)] = code
        for alias, code in _PAYER_ALIASES.items():
            if code in self.payers:
                self._pay.setdefault(alias, code)


_MISSING = object()
MAX_MEMO = 200_000


def _memo(ctx: RowContext, parse, raw, extra=_MISSING, pass_context: bool = False):
    """parse(raw[, extra][, ctx]), remembered for this RowContext (one file): most columns repeat a few values, and
    parsing them again for each of 100,000 rows was most of the validation time. The type is part of the key
    (1 == 1.0 == True)."""
    key = (parse, type(raw), raw, extra)
    found = ctx._memo.get(key, _MISSING)
    if found is _MISSING:
        if len(ctx._memo) >= MAX_MEMO:
            ctx._memo.clear()
        args = (raw,) if extra is _MISSING else (raw, extra)
        found = ctx._memo[key] = parse(*args, ctx) if pass_context else parse(*args)
    return found


def _folded(value) -> str:
    return _fold(cell_text(value))


def _kecamatan_code(value, ctx: RowContext) -> tuple[str, str | None]:
    text = _folded(value)
    return text, ctx._kec.get(text) or ctx._kec.get(_strip_prefix(_strip_prefix(text, "kecamatan"), "kec."))


def _strip_prefix(text: str, prefix: str) -> str:
    folded = _fold(text)
    return folded[len(prefix):].strip() if folded.startswith(prefix + " ") else folded


def parse_month(value) -> date | None:
    """A month as its first day: 2026-01, 01-2026, 01/2026 or any date parse_date reads."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return month_start(value)
    text = cell_text(value).split(" ")[0]
    for sep in ("-", "/", "."):
        parts = text.split(sep)
        if len(parts) == 2 and all(p.isdigit() and p.isascii() for p in parts):
            year, month = (parts[0], parts[1]) if len(parts[0]) == 4 else (parts[1], parts[0])
            if len(year) == 4 and 1 <= int(month) <= 12:
                return date(int(year), int(month), 1)
            return None
    day = parse_date(text)
    return month_start(day) if day else None


def hostile_cells(row: Mapping[str, object]) -> dict[str, str]:
    """Errors for formulas and oversized cells (checked before anything reads the cell)."""
    errors = {}
    for key, value in row.items():
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARS:
                errors[key] = (f"Isian terlalu panjang ({numbers.number(len(value))} karakter); paling banyak "
                               f"{numbers.number(MAX_CELL_CHARS)} karakter.")
            elif "=" in value and value.lstrip().startswith("="):
                errors[key] = FORMULA_ERROR
    return errors


def _match_kelurahan(value, kecamatan_code: str | None, ctx: RowContext) -> tuple[str | None, str | None]:
    """(kelurahan code, error)."""
    text = _fold(cell_text(value))
    if not text:
        return None, "Kelurahan wajib diisi (nama atau kode kelurahan)."
    code = ctx._kel.get(text)
    candidates = [code] if code else ctx._kel.get(("name", _strip_prefix(text, "kelurahan")), [])
    if not candidates:
        return None, "Kelurahan tidak dikenal: tulis nama atau kode kelurahan di Balikpapan."
    if kecamatan_code is None:
        return candidates[0], None
    inside = [c for c in candidates if ctx.kelurahan[c][0] == kecamatan_code]
    if not inside:
        return None, (f"Kelurahan {ctx.kelurahan[candidates[0]][1]} tidak berada di Kecamatan "
                      f"{ctx.kecamatan[kecamatan_code]}; periksa kecamatan atau kelurahannya.")
    return inside[0], None


def check_worker_row(row: Mapping[str, object], ctx: RowContext) -> tuple[dict, dict[str, str]]:  # noqa: C901
    """Validate one import row. Returns (values, errors); values["warnings"] lists NIK mismatches."""
    errors = hostile_cells(row)
    values: dict = {"warnings": []}

    def cell(key):
        if key in errors:
            return None
        value = row.get(key)
        return value if value.__class__ is not str or value.isprintable() else clean_cell(value)

    parsed = None
    if "nik" not in errors:
        raw = cell("nik")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            errors["nik"] = ("NIK terbaca sebagai angka, sehingga digit terakhirnya bisa berubah. Di Excel, format "
                             "kolom NIK sebagai Teks (Text) lalu ketik ulang NIK-nya.")
        else:
            try:
                parsed = parse_nik(cell_text(raw), today=ctx.today)
            except NikError as exc:
                errors["nik"] = exc.message
            else:
                values["nik"] = parsed

    name = cell_text(cell("full_name"))
    if "full_name" not in errors:
        problem = name_problem(name, "Nama wajib diisi sesuai KTP.")
        if problem:
            errors["full_name"] = problem
        else:
            values["full_name"] = name

    sex = None
    if "sex" not in errors:
        text = cell_text(cell("sex")).upper()
        sex = SEX.get(text) if text else (parsed.sex if parsed else None)
        if sex is None:
            errors["sex"] = SEX_ERROR
        values["sex"] = sex

    birth = None
    if "birth_date" not in errors:
        raw = cell("birth_date")
        birth = _memo(ctx, parse_date, raw) if cell_text(raw) or isinstance(raw, date) \
            else (parsed.birth_date if parsed else None)
        if birth is None:
            errors["birth_date"] = "Tanggal lahir tidak terbaca: tulis seperti 1980-05-31, 31-05-1980 atau 31/05/1980."
        elif not (ctx.today.year - 120 <= birth.year and birth <= ctx.today):
            errors["birth_date"] = "Tanggal lahir tidak wajar; periksa tahunnya."
            birth = None
        else:
            values["birth_date"] = birth
    if parsed is not None:
        values["warnings"] = declared_mismatches(parsed, sex=sex, birth_date=birth)

    address = cell_text(cell("address"))
    if "address" not in errors:
        if len(address) > 255:
            errors["address"] = "Alamat paling banyak 255 karakter."
        values["address"] = address

    kecamatan_code = None
    if "kecamatan" not in errors:
        text, kecamatan_code = _memo(ctx, _kecamatan_code, cell("kecamatan"), pass_context=True)
        if not text:
            errors["kecamatan"] = "Kecamatan wajib diisi (nama atau kode, mis. Balikpapan Timur atau 647101)."
        elif kecamatan_code is None:
            errors["kecamatan"] = ("Kecamatan tidak dikenal: tulis salah satu kecamatan Balikpapan (nama atau kode, "
                                   "mis. Balikpapan Timur atau 647101).")
        values["kecamatan_code"] = kecamatan_code
    if "kelurahan" not in errors:
        code, problem = _memo(ctx, _match_kelurahan, cell("kelurahan"), kecamatan_code,
                                pass_context=True)
        if problem:
            errors["kelurahan"] = problem
        values["kelurahan_code"] = code

    if "phone" not in errors:
        phone = optional_phone(cell("phone"))
        if phone is None:
            errors["phone"] = PHONE_ERROR
        values["phone"] = phone or ""

    if "category" not in errors:
        code = ctx._cat.get(_memo(ctx, _folded, cell("category")))
        if code is None:
            errors["category"] = ("Kategori pekerjaan tidak dikenal: tulis kode atau nama dari daftar kategori "
                                  "(mis. nelayan, pedagang kecil, tukang bangunan).")
        values["category_code"] = code

    income = None
    if "monthly_income" not in errors:
        income = _memo(ctx, parse_rupiah, cell("monthly_income"))
        if income is None:
            errors["monthly_income"] = "Penghasilan per bulan harus angka Rupiah, mis. 2500000 atau Rp2.500.000."
        elif income > MAX_INCOME:
            errors["monthly_income"] = "Penghasilan per bulan tidak wajar; periksa jumlah angkanya."
            income = None
        values["monthly_income"] = income

    ktp_since = None
    if "ktp_since" not in errors:
        raw = cell("ktp_since")
        if cell_text(raw) or isinstance(raw, date):
            ktp_since = _memo(ctx, parse_date, raw)
            if ktp_since is None:
                errors["ktp_since"] = "Tanggal KTP sejak tidak terbaca: tulis seperti 2020-01-31 atau 31-01-2020."
            elif ktp_since > ctx.today or (birth is not None and ktp_since < birth):
                errors["ktp_since"] = "Tanggal KTP sejak tidak wajar (di masa depan atau sebelum lahir)."
                ktp_since = None
        values["ktp_since"] = ktp_since

    first, last = ctx.cover_window
    cover = {}
    for key, default, label in (("cover_from", first, "Bulan mulai"), ("cover_to", last, "Bulan sampai")):
        if key in errors:
            continue
        raw = cell(key)
        month = _memo(ctx, parse_month, raw) if cell_text(raw) or isinstance(raw, date) else default
        if month is None:
            errors[key] = f"{label} tidak terbaca: tulis bulan seperti 2026-01 atau tanggal 2026-01-01."
        elif not first <= month <= last:
            errors[key] = (f"{label} harus di antara {first:%Y-%m} dan {last:%Y-%m} (masa program).")
        else:
            cover[key] = month
        values[key] = cover.get(key)
    if len(cover) == 2 and cover["cover_from"] > cover["cover_to"]:
        errors["cover_to"] = "Bulan sampai tidak boleh sebelum bulan mulai."

    if "payer" not in errors:
        text = _memo(ctx, _folded, cell("payer"))
        payer = (ctx._pay.get(text) if ctx.payers else cell_text(cell("payer"))[:40] or None) if text \
            else ctx.default_payer
        if payer is None:
            errors["payer"] = "Pembayar tidak dikenal: tulis kota, provinsi atau mandiri (boleh dikosongkan)."
        elif payer != ctx.default_payer:
            label = ctx.payers.get(ctx.default_payer, ctx.default_payer)
            errors["payer"] = (f"Program ini dibayar {label}; orang yang dibayar pihak lain diimpor ke program "
                               "milik pembayar itu (kosongkan kolom ini untuk pembayar program).")
        values["payer"] = payer

    if "kpj" not in errors:
        kpj = cell_text(cell("kpj")).replace(" ", "")
        if kpj and not (kpj.isdigit() and kpj.isascii() and 8 <= len(kpj) <= 13):
            errors["kpj"] = "Nomor KPJ BPJS Ketenagakerjaan harus 8–13 angka (boleh dikosongkan)."
        values["kpj"] = kpj or None

    for key, label in (("has_disability", "Disabilitas"), ("is_elderly", "Lansia")):
        if key in errors:
            continue
        flag = _memo(ctx, parse_flag, cell(key))
        if flag is None:
            errors[key] = f"Kolom {label} diisi ya atau tidak (boleh dikosongkan = tidak)."
        values[key] = bool(flag)

    values["already_bpjs_member"] = None  # blank: not asked (the programme's rules decide whether that is allowed)
    if "already_bpjs_member" not in errors:
        text = _memo(ctx, _folded, cell("already_bpjs_member"))
        answer = MEMBER_ANSWERS.get(text, parse_flag(text) if text else None)
        if text and answer is None:
            errors["already_bpjs_member"] = "Kolom Sudah Peserta BPJS TK diisi sudah/belum (atau ya/tidak)."
        values["already_bpjs_member"] = answer

    if birth is not None and income is not None and "ktp_since" not in errors and "cover_from" in cover:
        applicant = Applicant(birth_date=birth, ktp_since=ktp_since, monthly_income=income,
                              has_disability=values["has_disability"], is_elderly=values["is_elderly"],
                              already_bpjs_member=values["already_bpjs_member"])
        for key, reason in eligibility_problems(ctx.rules, applicant, on=ctx.today, umk=ctx.umk).items():
            errors.setdefault(key, reason)
    return values, errors
