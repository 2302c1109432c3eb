"""One label per value: the words people read for every enumeration of the platform, in one place.

Keyed by the enum class (jobfair.models) and its value. The labels are lazy gettext strings: Indonesian msgids,
translated when rendered (outside a request they read as the Indonesian text). Charts and narrow tables may need
a shorter word: `label(Enum, value, short=True)` falls back to the full label when no short one is given.

    label(Role, "seeker")                  -> "Pencari kerja"
    choices(EmploymentType)                -> [("permanent", "Tetap (PKWTT)"), ...]  (WTForms SelectField)
    {{ enum_label("ProgrammeKind", p.kind) }}   in templates (the class or its name)

Sectors (KBLI sections) keep their own table in jobfair/rules/kbli_sections.py (Indonesian N_() texts);
`label(Sector, letter)`, `sector(letter)` and `sector_of_code(code)` give it in the reader's language
("C – Industri pengolahan").
"""

import enum

from flask_babel import lazy_gettext as _l

from jobfair.messages import translated
from jobfair.models.apprenticeship import ApprenticeshipStatus, PlaceStatus
from jobfair.models.company import CompanyStatus
from jobfair.models.job import JobStatus
from jobfair.models.person import Ak1Status
from jobfair.models.privacy import RequestStatus
from jobfair.models.protection import (
    ClaimKind,
    ClaimStatus,
    LedgerStatus,
    Payer,
    ProgrammeKind,
    ProtectionStatus,
)
from jobfair.models.saved_search import AlertFrequency
from jobfair.models.training import EnrolmentStatus, ProviderType
from jobfair.models.user import Role
from jobfair.models.vacancy import (
    ApplicationStatus,
    ContractType,
    EmploymentType,
    PlacementStatus,
    VacancyStatus,
)
from jobfair.rules import kbli_sections


class Sex(enum.StrEnum):
    """Sex as written on the KTP and stored on a person (jobfair.rules.nik SEX_MALE / SEX_FEMALE)."""

    MALE = "L"
    FEMALE = "P"


class Sector(enum.StrEnum):
    """KBLI 2020 sections A..U; the labels live in jobfair.rules.kbli_sections."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    I = "I"  # noqa: E741  (the KBLI letter)
    J = "J"
    K = "K"
    L = "L"
    M = "M"
    N = "N"
    O = "O"  # noqa: E741
    P = "P"
    Q = "Q"
    R = "R"
    S = "S"
    T = "T"
    U = "U"


class AuditActor(enum.StrEnum):
    """Roles of the audit trail's filter: the user roles plus the scheduled jobs."""

    SYSTEM = "system"


UNKNOWN_SECTOR = translated(kbli_sections.UNKNOWN)


def sector(letter: str | None):
    """A KBLI section in the reader's language: 'C' -> 'C – Industri pengolahan'; UNKNOWN_SECTOR for anything else."""
    return translated(kbli_sections.label(letter))


def sector_of_code(kbli_code: str | None):
    """The sector of a company's KBLI code in the reader's language: '10710' -> 'C – Industri pengolahan'."""
    return translated(kbli_sections.label_of_code(kbli_code))


def _by_value(cls: type[enum.Enum], named: dict[str, object]) -> dict[str, object]:
    """{member: label} from labels written by member name (`VERIFIED=_l(...)`), in the order written: each table
    names its enum once, and a misspelt member stops the import (KeyError)."""
    return {cls[name]: text for name, text in named.items()}


_NAMED_LABELS: dict[type, dict[str, object]] = {
    Role: dict(SEEKER=_l("Pencari kerja"), STUDENT=_l("Siswa SMK"), SCHOOL=_l("Sekolah (BKK)"),
        COMPANY=_l("Perusahaan"), OFFICER=_l("Petugas Disnaker"), ADMIN=_l("Admin Disnaker")),
    AuditActor: dict(SYSTEM=_l("Sistem (otomatis)")),
    Sex: dict(MALE=_l("Laki-laki"), FEMALE=_l("Perempuan")),
    CompanyStatus: dict(AWAITING_VERIFICATION=_l("Menunggu verifikasi"), VERIFIED=_l("Terverifikasi"),
        REJECTED=_l("Ditolak")),
    VacancyStatus: dict(DRAFT=_l("Draf"), SUBMITTED=_l("Menunggu moderasi"), PUBLISHED=_l("Tayang"),
        RETURNED=_l("Dikembalikan"), CLOSED=_l("Ditutup"), FILLED=_l("Terpenuhi")),
    AlertFrequency: dict(DAILY=_l("Harian"), WEEKLY=_l("Mingguan")),
    EmploymentType: dict(PERMANENT=_l("Tetap (PKWTT)"), CONTRACT=_l("Kontrak (PKWT)"), DAILY=_l("Harian lepas"),
        PART_TIME=_l("Paruh waktu"), INTERNSHIP=_l("Magang")),
    ApplicationStatus: dict(SUBMITTED=_l("Dikirim"), REVIEWED=_l("Dilihat perusahaan"),
        SHORTLISTED=_l("Masuk daftar pendek"), INTERVIEW=_l("Undangan wawancara"), HIRED=_l("Diterima bekerja"),
        REJECTED=_l("Tidak dilanjutkan"), WITHDRAWN=_l("Dibatalkan pelamar")),
    ContractType: dict(PKWT=_l("PKWT (kontrak waktu tertentu)"), PKWTT=_l("PKWTT (karyawan tetap)"),
        HARIAN=_l("Harian lepas"), MAGANG=_l("Magang")),
    PlacementStatus: dict(REPORTED=_l("Menunggu verifikasi"), VERIFIED=_l("Terverifikasi"), REJECTED=_l("Ditolak")),
    Ak1Status: dict(REQUESTED=_l("Menunggu pemeriksaan petugas"), ISSUED=_l("Berlaku"),
        RETURNED=_l("Dikembalikan untuk diperbaiki"), LAPSED=_l("Gugur (laporan tidak diisi)"),
        PLACED=_l("Ditutup: sudah ditempatkan kerja"), EXPIRED=_l("Masa berlaku habis")),
    PlaceStatus: dict(PROPOSED=_l("Menunggu persetujuan"), APPROVED=_l("Disetujui"), RETURNED=_l("Dikembalikan"),
        CLOSED=_l("Ditutup")),
    ApprenticeshipStatus: dict(AGREEMENT=_l("Menunggu pengesahan perjanjian"), ACTIVE=_l("Sedang magang"),
        COMPLETED=_l("Selesai (bersertifikat)"), TERMINATED=_l("Dihentikan")),
    ProviderType: dict(OFFICE=_l("Disnaker Kota Balikpapan"), TRAINING_CENTRE=_l("Balai/lembaga pelatihan (BLK/LPK)"),
        COMPANY=_l("Perusahaan")),
    EnrolmentStatus: dict(ENROLLED=_l("Sedang pelatihan"), COMPLETED=_l("Lulus pelatihan"), DROPPED=_l("Keluar")),
    ProgrammeKind: dict(CONTRIBUTION_SUBSIDY=_l("Subsidi iuran BPJS Ketenagakerjaan"),
        RECURRING_AID=_l("Bantuan rutin (bulanan)"), ONE_OFF_AID=_l("Bantuan sekali serah")),
    Payer: dict(CITY=_l("Pemerintah Kota Balikpapan"), PROVINCE=_l("Pemerintah Provinsi Kalimantan Timur"),
        SELF=_l("Mandiri (peserta sendiri)")),
    ProtectionStatus: dict(REGISTERED=_l("Terdaftar"), SECTOR_VERIFIED=_l("Terverifikasi dinas sektor"),
        DECREED=_l("Ditetapkan SK"), ACTIVE=_l("Aktif"), ENDED=_l("Berakhir"), REJECTED=_l("Ditolak")),
    LedgerStatus: dict(DUE=_l("Belum dibayar/diserahkan"), PAID=_l("Dibayar"), DELIVERED=_l("Diserahkan")),
    ClaimKind: dict(ACCIDENT=_l("Kecelakaan kerja (JKK)"), DEATH=_l("Kematian (JKM)")),
    ClaimStatus: dict(FILED=_l("Diajukan"), APPROVED=_l("Disetujui"), PAID=_l("Dibayar"), REJECTED=_l("Ditolak")),
    RequestStatus: dict(PENDING=_l("Menunggu keputusan"), APPROVED=_l("Disetujui, data dihapus"),
        REFUSED=_l("Ditolak")),
    JobStatus: dict(QUEUED=_l("Menunggu giliran"), RUNNING=_l("Sedang berjalan"), DONE=_l("Selesai"),
        FAILED=_l("Gagal")),
}

LABELS: dict[type, dict[str, object]] = {cls: _by_value(cls, named) for cls, named in _NAMED_LABELS.items()}
LABELS[Sector] = {letter: sector(letter) for letter in kbli_sections.SECTIONS}

# Shorter words for charts and narrow tables; a value missing here reads its full label.
_NAMED_SHORT: dict[type, dict[str, object]] = {
    ProgrammeKind: dict(CONTRIBUTION_SUBSIDY=_l("Subsidi iuran"), RECURRING_AID=_l("Bantuan bulanan")),
    Payer: dict(PROVINCE=_l("Pemerintah Provinsi Kaltim")),
}
SHORT: dict[type, dict[str, object]] = {cls: _by_value(cls, named) for cls, named in _NAMED_SHORT.items()}

ENUMS: dict[str, type] = {cls.__name__: cls for cls in LABELS}


def _enum(kind) -> type:
    return ENUMS[kind] if isinstance(kind, str) else kind


def label(kind, value, *, short: bool = False):
    """The label of `value` of the enum `kind` (class or class name); an unknown value reads as itself."""
    if value is None:
        return ""
    cls = _enum(kind)
    key = str(value.value if isinstance(value, enum.Enum) else value)
    if short and key in SHORT.get(cls, {}):
        return SHORT[cls][key]
    return LABELS[cls].get(key, key)


def table(kind, *, short: bool = False) -> dict[str, object]:
    """{value: label} in the enum's order (for templates that list every value)."""
    cls = _enum(kind)
    return {str(k): label(cls, k, short=short) for k in LABELS[cls]}


def choices(kind, *, short: bool = False, values=None, blank=None) -> list[tuple[str, object]]:
    """WTForms SelectField choices: [(value, label)], optionally only `values`, after a `blank` first option."""
    cls = _enum(kind)
    keys = [str(v.value if isinstance(v, enum.Enum) else v) for v in (values if values is not None else LABELS[cls])]
    head = [("", blank)] if blank is not None else []
    return head + [(k, label(cls, k, short=short)) for k in keys]


def labeller(kind):
    """A one-argument label function for one enum: `labeller(ApplicationStatus)("hired")`."""
    cls = _enum(kind)
    return lambda value, short=False: label(cls, value, short=short)


def init_app(app) -> None:
    """`enum_label(...)` and `label_choices(...)` as Jinja globals, `value | label("Enum")` as a filter."""
    app.jinja_env.globals.update(enum_label=label, label_choices=choices)
    app.jinja_env.filters["label"] = lambda value, kind, short=False: label(kind, value, short=short)
