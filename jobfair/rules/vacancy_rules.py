"""Vacancy state machine and input checks (Perpres 57/2023 fields). Pure: no Flask, no database."""

from datetime import date

from jobfair.rules import numbers

DRAFT, SUBMITTED, PUBLISHED = "draft", "submitted", "published"
RETURNED, CLOSED, FILLED = "returned", "closed", "filled"
EMPLOYMENT_TYPES = ("permanent", "contract", "daily", "part_time", "internship")
EDITABLE_STATES = frozenset({DRAFT, RETURNED})
CLOSABLE_STATES = frozenset({DRAFT, SUBMITTED, RETURNED, PUBLISHED})

_TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED, CLOSED}),
    SUBMITTED: frozenset({PUBLISHED, RETURNED, CLOSED}),
    RETURNED: frozenset({SUBMITTED, CLOSED}),   # edited while returned, then submitted again
    PUBLISHED: frozenset({CLOSED, FILLED}),
    CLOSED: frozenset(),
    FILLED: frozenset(),
}

MAX_OPENINGS = 10_000
NO_EDUCATION_MINIMUM = "TS"  # education level "Tidak/belum sekolah": the explicit "no requirement" choice
AGE_FLOOR, AGE_CEILING = 15, 70
TITLE_MAX = 160
TEXT_MAX = 500


def allowed_transition(from_state: str, to_state: str) -> bool:
    return to_state in _TRANSITIONS.get(from_state, frozenset())


def is_editable(state: str) -> bool:
    return state in EDITABLE_STATES


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def vacancy_problems(fields: dict, today: date) -> dict[str, str]:
    """Field name -> Indonesian message saying how to fix it. Empty when the vacancy is acceptable."""
    problems: dict[str, str] = {}
    title = (fields.get("title") or "").strip()
    if len(title) < 2:
        problems["title"] = "Nama jabatan wajib diisi, misalnya 'Operator Alat Berat'."
    elif len(title) > TITLE_MAX:
        problems["title"] = f"Nama jabatan paling panjang {TITLE_MAX} karakter; singkatkan."
    kbji = (fields.get("kbji_code") or "").strip()
    if kbji and not (len(kbji) == 6 and kbji.isascii() and kbji.isdigit()):
        problems["kbji_code"] = "Kode KBJI 2014 harus 6 angka (misalnya 721201), atau kosongkan."
    openings = fields.get("openings")
    if not _is_int(openings) or not 1 <= openings <= MAX_OPENINGS:
        problems["openings"] = f"Jumlah kebutuhan harus angka bulat 1 sampai {numbers.number(MAX_OPENINGS)}."
    _check_dates(fields, today, problems)
    _check_wage(fields, problems)
    _check_age(fields, problems)
    sex = fields.get("sex_required")
    if sex not in (None, "", "L", "P"):
        problems["sex_required"] = "Jenis kelamin hanya L atau P, atau kosongkan bila pekerjaan terbuka untuk semua."
    if fields.get("employment_type") not in EMPLOYMENT_TYPES:
        problems["employment_type"] = "Pilih jenis hubungan kerja dari daftar."
    experience = fields.get("experience_years")
    if experience is not None and (not _is_int(experience) or not 0 <= experience <= 50):
        problems["experience_years"] = "Pengalaman kerja diisi 0 sampai 50 tahun."
    for name, label in (("majors", "Jurusan"), ("skills", "Keahlian")):
        if len(fields.get(name) or "") > TEXT_MAX:
            problems[name] = f"{label} paling panjang {TEXT_MAX} karakter; singkatkan daftarnya."
    return problems


def _check_dates(fields: dict, today: date, problems: dict) -> None:
    start, end = fields.get("valid_from"), fields.get("valid_until")
    if not isinstance(start, date):
        problems["valid_from"] = "Tanggal mulai berlaku wajib diisi."
    if not isinstance(end, date):
        problems["valid_until"] = "Tanggal akhir berlaku wajib diisi."
    elif isinstance(start, date) and end < start:
        problems["valid_until"] = ("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai; "
                                   "pilih tanggal yang lebih akhir.")
    elif end < today:
        problems["valid_until"] = "Tanggal akhir berlaku sudah lewat; pilih hari ini atau tanggal sesudahnya."


def _check_wage(fields: dict, problems: dict) -> None:
    low, high = fields.get("wage_min"), fields.get("wage_max")
    for name, value in (("wage_min", low), ("wage_max", high)):
        if value is not None and (not _is_int(value) or value < 0):
            problems[name] = "Upah ditulis dalam Rupiah per bulan, angka bulat tidak negatif (contoh 3701508)."
    if "wage_min" not in problems and "wage_max" not in problems and low is not None and high is not None \
            and low > high:
        problems["wage_max"] = "Upah maksimum tidak boleh lebih kecil dari upah minimum; periksa kedua angka."


def _check_age(fields: dict, problems: dict) -> None:
    low, high = fields.get("age_min"), fields.get("age_max")
    for name, value in (("age_min", low), ("age_max", high)):
        if value is not None and (not _is_int(value) or not AGE_FLOOR <= value <= AGE_CEILING):
            problems[name] = f"Batas usia harus antara {AGE_FLOOR} dan {AGE_CEILING} tahun, atau kosongkan."
    if "age_min" not in problems and "age_max" not in problems and low is not None and high is not None \
            and low > high:
        problems["age_max"] = "Usia maksimum tidak boleh lebih kecil dari usia minimum."


def submission_problems(fields: dict) -> dict[str, str]:
    """What Perpres 57/2023 asks of a vacancy before it goes to moderation (a draft may lack it): a wage (a
    minimum and/or a maximum, or the explicit "dapat dinegosiasikan" choice), the work location and the minimum
    education (the "no requirement" level counts as a choice). Field name -> Indonesian message."""
    problems: dict[str, str] = {}
    if fields.get("wage_min") is None and fields.get("wage_max") is None and not fields.get("wage_negotiable"):
        problems["wage_min"] = ("Isi upah per bulan (minimum, dan maksimum bila ada), atau centang \"Upah dapat "
                                "dinegosiasikan\": Perpres 57/2023 mewajibkan informasi upah sebelum lowongan "
                                "diajukan.")
    if not fields.get("kecamatan_code"):
        problems["kecamatan_code"] = "Pilih lokasi kerja (kecamatan) sebelum lowongan diajukan."
    if not fields.get("education_min"):
        problems["education_min"] = ("Pilih pendidikan minimum sebelum lowongan diajukan; pilih \"Tanpa syarat "
                                     "pendidikan\" bila tidak ada syaratnya.")
    return problems
