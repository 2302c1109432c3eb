"""Parser for the Indonesian NIK (Nomor Induk Kependudukan).

Layout of the 16 digits::

    PP RR DD ddmmyy SSSS
    |  |  |  |      `- serial 0001-9999
    |  |  |  `- birth date; women have 40 added to the day (41-71)
    |  |  `- district (kecamatan) 01-99
    |  `- regency (kabupaten/kota), checked together with the province
    `- province

Checks run in a fixed order (characters, length, province, regency, district,
month, day, date, serial) so every bad input gets exactly one clear message.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from jobfair.rules import dates, regions
from jobfair.rules.translatable import N_  # services translate NikError.template with params (services/people.py)

NIK_LENGTH = 16
ASCII_DIGITS = frozenset("0123456789")
# Separators people type or paste between digit groups; removed before checking.
SEPARATORS = frozenset(".-\u2010\u2011\u2013")
FEMALE_DAY_OFFSET = 40
MASK_CHAR = "\u2022"  # bullet

SEX_MALE = "L"
SEX_FEMALE = "P"
_SEX_WORDS = {SEX_MALE: "laki-laki", SEX_FEMALE: "perempuan"}  # inside a sentence; labels: jobfair.labels.Sex
_SEX_ALIASES = {
    "L": SEX_MALE, "LAKI-LAKI": SEX_MALE, "LAKI LAKI": SEX_MALE, "PRIA": SEX_MALE,
    "P": SEX_FEMALE, "PEREMPUAN": SEX_FEMALE, "WANITA": SEX_FEMALE,
}


class NikError(ValueError):
    """Invalid NIK. ``code`` is a short machine code, ``message`` Indonesian text; ``template`` and ``params`` are
    the translatable message (gettext key) and its parameters."""

    def __init__(self, code: str, template: str, **params) -> None:
        message = template % params if params else template
        super().__init__(message)
        self.code = code
        self.message = message
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ParsedNik:
    value: str          # 16 digits
    province_code: str  # "64"
    regency_code: str   # "6471"
    district_code: str  # "647101"
    birth_date: date
    sex: str            # "L" (laki-laki) or "P" (perempuan)
    serial: int


def normalize_nik(raw: str | None) -> str:
    """Remove whitespace, dots and dashes. Does not validate anything else."""
    if raw is None:
        return ""
    if raw.isascii() and raw.isdigit():  # the usual case, without a loop in Python
        return raw
    return "".join(ch for ch in raw if not (ch.isspace() or ch in SEPARATORS))


def _describe_char(ch: str) -> str:
    if ch.isdigit():
        return f'"{ch}" (bukan angka 0-9 biasa)'
    if ch.isprintable():
        return f'"{ch}"'
    return "karakter tak terlihat"


def _check_characters(nik: str) -> None:
    if nik.isascii() and nik.isdigit():
        return
    for ch in nik:
        if ch not in ASCII_DIGITS:
            raise NikError(
                "not_digits",
                N_("NIK hanya boleh berisi angka 0-9; ditemukan %(char)s. "
                   "Hapus huruf atau simbol lain dan ketik ulang 16 angka NIK dari KTP Anda."),
                char=_describe_char(ch),
            )


def _check_length(nik: str) -> None:
    if not nik:
        raise NikError("length", N_("NIK belum diisi. Masukkan 16 angka NIK yang tertera di KTP Anda."))
    if len(nik) != NIK_LENGTH:
        raise NikError(
            "length",
            N_("NIK harus terdiri dari %(length)s angka; Anda memasukkan %(typed)s angka. Periksa kembali KTP Anda."),
            length=NIK_LENGTH, typed=len(nik),
        )


def _resolve_year(yy: int, month: int, day: int, today: date) -> int:
    """Latest of 19YY / 20YY whose (year, month, day) is not after ``today``.

    Compares tuples so an impossible day (31 Feb) cannot raise here.
    """
    for year in (2000 + yy, 1900 + yy):
        if (year, month, day) <= (today.year, today.month, today.day):
            return year
    return 1900 + yy


def parse_nik(
    raw: str | None,
    *,
    known_regencies: Collection[str] | None = None,
    today: date | None = None,
) -> ParsedNik:
    """Parse and validate a NIK; raise :class:`NikError` on the first problem.

    ``known_regencies`` overrides the 4-digit regency codes from the data
    files (handy in tests); provinces always come from ``provinces.csv``.
    """
    nik = normalize_nik(raw)
    _check_characters(nik)
    _check_length(nik)

    province = nik[:2]
    if province not in regions.province_codes():
        raise NikError(
            "province",
            N_("Kode provinsi pada NIK (2 angka pertama: %(digits)s) tidak dikenal. Periksa kembali KTP Anda."),
            digits=province,
        )

    regency = nik[:4]
    if known_regencies is None:
        regencies: Collection[str] = regions.regency_codes()
    else:
        regencies = {code.replace(".", "") for code in known_regencies}
    if regency not in regencies:
        raise NikError(
            "regency",
            N_("Kode kabupaten/kota pada NIK (4 angka pertama: %(digits)s) tidak dikenal. Periksa kembali KTP Anda."),
            digits=regency,
        )

    if nik[4:6] == "00":
        raise NikError(
            "district",
            N_("Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak boleh 00. Periksa kembali KTP Anda."),
        )

    month = int(nik[8:10])
    if not 1 <= month <= 12:
        raise NikError(
            "month",
            N_("Bulan lahir pada NIK (angka ke-9 dan ke-10) harus 01-12, bukan %(digits)s. Periksa kembali KTP Anda."),
            digits=nik[8:10],
        )

    day_code = int(nik[6:8])
    if 1 <= day_code <= 31:
        sex, day = SEX_MALE, day_code
    elif FEMALE_DAY_OFFSET + 1 <= day_code <= FEMALE_DAY_OFFSET + 31:
        sex, day = SEX_FEMALE, day_code - FEMALE_DAY_OFFSET
    else:
        raise NikError(
            "day",
            N_("Tanggal lahir pada NIK (angka ke-7 dan ke-8) harus 01-31 untuk laki-laki atau 41-71 untuk "
               "perempuan, bukan %(digits)s. Periksa kembali KTP Anda."),
            digits=nik[6:8],
        )

    year = _resolve_year(int(nik[10:12]), month, day, today or date.today())
    try:
        birth_date = date(year, month, day)
    except ValueError:
        raise NikError(
            "date",
            N_("Tanggal lahir pada NIK (%(date)s) tidak ada di kalender. Periksa kembali KTP Anda."),
            date=f"{day} {dates.month_name(month)} {year}",
        ) from None

    serial = int(nik[12:])
    if serial == 0:
        raise NikError(
            "serial",
            N_("Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000. Periksa kembali KTP Anda."),
        )

    return ParsedNik(
        value=nik,
        province_code=province,
        regency_code=regency,
        district_code=nik[:6],
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def is_valid_nik(raw: str | None, **kw: Any) -> bool:
    """True when :func:`parse_nik` accepts ``raw`` (same keyword arguments)."""
    try:
        parse_nik(raw, **kw)
    except NikError:
        return False
    return True


def mask_nik(nik: str | None) -> str:
    """Show only the first and last 4 digits: ``"6471••••••••0003"``.

    Anything that is not 16 ASCII digits after normalisation is fully masked.
    """
    value = normalize_nik(nik)
    if len(value) == NIK_LENGTH and set(value) <= ASCII_DIGITS:
        return value[:4] + MASK_CHAR * 8 + value[-4:]
    return MASK_CHAR * len(value)


def _format_date(value: date) -> str:
    return dates.day(value)


def _normalize_sex(sex: str | None) -> str | None:
    if sex is None:
        return None
    return _SEX_ALIASES.get(" ".join(sex.split()).upper())


def _sex_differs(parsed: ParsedNik, sex: str | None) -> str | None:
    """The declared sex (normalised) when it disagrees with the NIK; None when it agrees or is not recognised."""
    declared = _normalize_sex(sex)
    return declared if declared is not None and declared != parsed.sex else None


def _birth_date_differs(parsed: ParsedNik, birth_date: date | None) -> bool:
    """A whole-century difference is no mismatch: the NIK stores a two-digit year."""
    if birth_date is None:
        return False
    nik_date = parsed.birth_date
    return not ((birth_date.day, birth_date.month) == (nik_date.day, nik_date.month)
                and (birth_date.year - nik_date.year) % 100 == 0)


def declared_mismatches(
    parsed: ParsedNik, *, sex: str | None, birth_date: date | None
) -> list[str]:
    """Warnings (Indonesian) where declared data disagrees with the NIK.

    For the registers kept by officers and schools (they saw the KTP), where the caller shows these as warnings
    and does not reject the input. ``None`` or an unrecognised sex value is skipped. A declared birth date that
    differs from the NIK only by a whole century is accepted, because the NIK stores a two-digit year.
    """
    warnings: list[str] = []
    declared_sex = _sex_differs(parsed, sex)
    if declared_sex is not None:
        warnings.append(
            f"Jenis kelamin yang Anda isi ({_SEX_WORDS[declared_sex]}) tidak sesuai dengan "
            f"NIK ({_SEX_WORDS[parsed.sex]}). Periksa kembali NIK atau jenis kelamin Anda."
        )
    if _birth_date_differs(parsed, birth_date):
        warnings.append(
            f"Tanggal lahir yang Anda isi ({_format_date(birth_date)}) tidak sesuai dengan "
            f"tanggal lahir pada NIK ({_format_date(parsed.birth_date)}). "
            "Periksa kembali NIK atau tanggal lahir Anda."
        )
    return warnings


def declared_mismatch_errors(
    parsed: ParsedNik, *, sex: str | None, birth_date: date | None
) -> dict[str, str]:
    """Field errors (Indonesian), keyed "sex" and "birth_date", where declared data disagrees with the NIK: for a
    self-registration, which refuses them. Same comparison as declared_mismatches."""
    return {field: template % params
            for field, (template, params) in declared_mismatch_messages(parsed, sex=sex, birth_date=birth_date).items()}


def declared_mismatch_messages(
    parsed: ParsedNik, *, sex: str | None, birth_date: date | None
) -> dict[str, tuple[str, dict]]:
    """declared_mismatch_errors as (translatable template, parameters) per field, for services to translate."""
    messages: dict[str, tuple[str, dict]] = {}
    if _sex_differs(parsed, sex) is not None:
        messages["sex"] = (N_("Jenis kelamin tidak cocok dengan NIK (NIK menunjukkan %(sex)s). Periksa kembali NIK "
                              "atau jenis kelamin Anda."), {"sex": _SEX_WORDS[parsed.sex]})
    if _birth_date_differs(parsed, birth_date):
        messages["birth_date"] = (N_("Tanggal lahir tidak cocok dengan NIK (NIK menunjukkan %(date)s). Periksa kembali "
                                     "NIK atau tanggal lahir Anda."), {"date": f"{parsed.birth_date:%d-%m-%Y}"})
    return messages
