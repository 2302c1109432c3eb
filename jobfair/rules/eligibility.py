"""Eligibility of a person for a protection or aid programme, and month arithmetic for cover periods.

Perwali 3/2025 (as reported) for the BPJS subsidy: Balikpapan KTP for at least 6 months, not already a BPJS
Ketenagakerjaan member (asked at enrolment), age at most 64, income at or below the UMK of the year. The rules are
data on each programme (Programme.eligibility), not code.
"""

from dataclasses import asdict, dataclass, fields
from datetime import date

from jobfair.rules.money import rupiah  # noqa: F401  (re-exported: callers import it from here)


@dataclass(frozen=True)
class EligibilityRules:
    min_ktp_months: int | None = None
    min_age: int | None = None
    max_age: int | None = None
    income_at_most_umk: bool = False
    requires_disability: bool = False
    requires_elderly: bool = False
    not_bpjs_member: bool = False  # not already a BPJS Ketenagakerjaan member (the question is asked at enrolment)

    @classmethod
    def from_dict(cls, data: dict | None) -> "EligibilityRules":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}


BPJS_SUBSIDY_RULES = EligibilityRules(min_ktp_months=6, max_age=64, income_at_most_umk=True, not_bpjs_member=True)


@dataclass(frozen=True)
class Applicant:
    birth_date: date
    ktp_since: date | None
    monthly_income: int
    has_disability: bool = False
    is_elderly: bool = False
    already_bpjs_member: bool | None = None  # the answer given at enrolment; None: not asked


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (negative if end is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_in(first: date, last: date) -> list[date]:
    """Every month from first to last inclusive, as first-of-month dates."""
    first, last = month_start(first), month_start(last)
    count = months_between(first, last)
    return [add_months(first, i) for i in range(count + 1)] if count >= 0 else []


def eligibility_problems(rules: EligibilityRules, person: Applicant, *, on: date, umk: int | None) -> dict[str, str]:
    """{field: Indonesian reason} for every rule the person does not meet on the given day; empty when eligible."""
    problems: dict[str, str] = {}
    age = age_on(person.birth_date, on)
    if rules.max_age is not None and age > rules.max_age:
        problems["birth_date"] = f"Usia {age} tahun melebihi batas {rules.max_age} tahun untuk program ini."
    if rules.min_age is not None and age < rules.min_age:
        problems["birth_date"] = f"Usia {age} tahun; program ini untuk usia minimal {rules.min_age} tahun."
    if rules.min_ktp_months is not None:
        if person.ktp_since is None:
            problems["ktp_since"] = "Isi sejak kapan memegang KTP Balikpapan (dari KTP atau surat domisili)."
        elif months_between(person.ktp_since, on) < rules.min_ktp_months:
            held = max(months_between(person.ktp_since, on), 0)
            problems["ktp_since"] = (f"KTP Balikpapan baru {held} bulan; syaratnya minimal "
                                     f"{rules.min_ktp_months} bulan.")
    if rules.income_at_most_umk:
        if umk is None:
            problems["monthly_income"] = "UMK tahun ini belum diatur; minta admin mengisi UMK sebelum mendaftarkan."
        elif person.monthly_income > umk:
            problems["monthly_income"] = (f"Penghasilan {rupiah(person.monthly_income)} di atas UMK "
                                          f"{rupiah(umk)}; program ini untuk penghasilan paling tinggi UMK.")
    if rules.requires_disability and not person.has_disability:
        problems["has_disability"] = "Program ini khusus penyandang disabilitas."
    if rules.requires_elderly and not person.is_elderly:
        problems["is_elderly"] = "Program ini khusus warga lanjut usia."
    if rules.not_bpjs_member:
        if person.already_bpjs_member is None:
            problems["already_bpjs_member"] = ("Tanyakan apakah orang ini sudah menjadi peserta BPJS "
                                               "Ketenagakerjaan (lewat pemberi kerja atau mandiri), lalu pilih "
                                               "jawabannya.")
        elif person.already_bpjs_member:
            problems["already_bpjs_member"] = ("Orang ini sudah menjadi peserta BPJS Ketenagakerjaan; subsidi iuran "
                                               "hanya untuk pekerja yang belum menjadi peserta (Perwali 3/2025).")
    return problems
