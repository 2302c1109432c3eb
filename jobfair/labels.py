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


LABELS: dict[type, dict[str, object]] = {
    Role: {
        Role.SEEKER: _l("Pencari kerja"), Role.STUDENT: _l("Siswa SMK"), Role.SCHOOL: _l("Sekolah (BKK)"),
        Role.COMPANY: _l("Perusahaan"), Role.OFFICER: _l("Petugas Disnaker"), Role.ADMIN: _l("Admin Disnaker"),
    },
    AuditActor: {AuditActor.SYSTEM: _l("Sistem (otomatis)")},
    Sex: {Sex.MALE: _l("Laki-laki"), Sex.FEMALE: _l("Perempuan")},
    CompanyStatus: {
        CompanyStatus.AWAITING_VERIFICATION: _l("Menunggu verifikasi"), CompanyStatus.VERIFIED: _l("Terverifikasi"),
        CompanyStatus.REJECTED: _l("Ditolak"),
    },
    VacancyStatus: {
        VacancyStatus.DRAFT: _l("Draf"), VacancyStatus.SUBMITTED: _l("Menunggu moderasi"),
        VacancyStatus.PUBLISHED: _l("Tayang"), VacancyStatus.RETURNED: _l("Dikembalikan"),
        VacancyStatus.CLOSED: _l("Ditutup"), VacancyStatus.FILLED: _l("Terpenuhi"),
    },
    AlertFrequency: {AlertFrequency.DAILY: _l("Harian"), AlertFrequency.WEEKLY: _l("Mingguan")},
    EmploymentType: {
        EmploymentType.PERMANENT: _l("Tetap (PKWTT)"), EmploymentType.CONTRACT: _l("Kontrak (PKWT)"),
        EmploymentType.DAILY: _l("Harian lepas"), EmploymentType.PART_TIME: _l("Paruh waktu"),
        EmploymentType.INTERNSHIP: _l("Magang"),
    },
    ApplicationStatus: {
        ApplicationStatus.SUBMITTED: _l("Dikirim"), ApplicationStatus.REVIEWED: _l("Dilihat perusahaan"),
        ApplicationStatus.SHORTLISTED: _l("Masuk daftar pendek"),
        ApplicationStatus.INTERVIEW: _l("Undangan wawancara"), ApplicationStatus.HIRED: _l("Diterima bekerja"),
        ApplicationStatus.REJECTED: _l("Tidak dilanjutkan"), ApplicationStatus.WITHDRAWN: _l("Dibatalkan pelamar"),
    },
    ContractType: {
        ContractType.PKWT: _l("PKWT (kontrak waktu tertentu)"), ContractType.PKWTT: _l("PKWTT (karyawan tetap)"),
        ContractType.HARIAN: _l("Harian lepas"), ContractType.MAGANG: _l("Magang"),
    },
    PlacementStatus: {
        PlacementStatus.REPORTED: _l("Menunggu verifikasi"), PlacementStatus.VERIFIED: _l("Terverifikasi"),
        PlacementStatus.REJECTED: _l("Ditolak"),
    },
    Ak1Status: {
        Ak1Status.REQUESTED: _l("Menunggu pemeriksaan petugas"), Ak1Status.ISSUED: _l("Berlaku"),
        Ak1Status.RETURNED: _l("Dikembalikan untuk diperbaiki"), Ak1Status.LAPSED: _l("Gugur (laporan tidak diisi)"),
        Ak1Status.PLACED: _l("Ditutup: sudah ditempatkan kerja"), Ak1Status.EXPIRED: _l("Masa berlaku habis"),
    },
    PlaceStatus: {
        PlaceStatus.PROPOSED: _l("Menunggu persetujuan"), PlaceStatus.APPROVED: _l("Disetujui"),
        PlaceStatus.RETURNED: _l("Dikembalikan"), PlaceStatus.CLOSED: _l("Ditutup"),
    },
    ApprenticeshipStatus: {
        ApprenticeshipStatus.AGREEMENT: _l("Menunggu pengesahan perjanjian"),
        ApprenticeshipStatus.ACTIVE: _l("Sedang magang"), ApprenticeshipStatus.COMPLETED: _l("Selesai (bersertifikat)"),
        ApprenticeshipStatus.TERMINATED: _l("Dihentikan"),
    },
    ProviderType: {
        ProviderType.OFFICE: _l("Disnaker Kota Balikpapan"),
        ProviderType.TRAINING_CENTRE: _l("Balai/lembaga pelatihan (BLK/LPK)"), ProviderType.COMPANY: _l("Perusahaan"),
    },
    EnrolmentStatus: {
        EnrolmentStatus.ENROLLED: _l("Sedang pelatihan"), EnrolmentStatus.COMPLETED: _l("Lulus pelatihan"),
        EnrolmentStatus.DROPPED: _l("Keluar"),
    },
    ProgrammeKind: {
        ProgrammeKind.CONTRIBUTION_SUBSIDY: _l("Subsidi iuran BPJS Ketenagakerjaan"),
        ProgrammeKind.RECURRING_AID: _l("Bantuan rutin (bulanan)"),
        ProgrammeKind.ONE_OFF_AID: _l("Bantuan sekali serah"),
    },
    Payer: {
        Payer.CITY: _l("Pemerintah Kota Balikpapan"), Payer.PROVINCE: _l("Pemerintah Provinsi Kalimantan Timur"),
        Payer.SELF: _l("Mandiri (peserta sendiri)"),
    },
    ProtectionStatus: {
        ProtectionStatus.REGISTERED: _l("Terdaftar"),
        ProtectionStatus.SECTOR_VERIFIED: _l("Terverifikasi dinas sektor"),
        ProtectionStatus.DECREED: _l("Ditetapkan SK"), ProtectionStatus.ACTIVE: _l("Aktif"),
        ProtectionStatus.ENDED: _l("Berakhir"), ProtectionStatus.REJECTED: _l("Ditolak"),
    },
    LedgerStatus: {
        LedgerStatus.DUE: _l("Belum dibayar/diserahkan"), LedgerStatus.PAID: _l("Dibayar"),
        LedgerStatus.DELIVERED: _l("Diserahkan"),
    },
    ClaimKind: {ClaimKind.ACCIDENT: _l("Kecelakaan kerja (JKK)"), ClaimKind.DEATH: _l("Kematian (JKM)")},
    ClaimStatus: {
        ClaimStatus.FILED: _l("Diajukan"), ClaimStatus.APPROVED: _l("Disetujui"), ClaimStatus.PAID: _l("Dibayar"),
        ClaimStatus.REJECTED: _l("Ditolak"),
    },
    RequestStatus: {
        RequestStatus.PENDING: _l("Menunggu keputusan"), RequestStatus.APPROVED: _l("Disetujui, data dihapus"),
        RequestStatus.REFUSED: _l("Ditolak"),
    },
    JobStatus: {
        JobStatus.QUEUED: _l("Menunggu giliran"), JobStatus.RUNNING: _l("Sedang berjalan"),
        JobStatus.DONE: _l("Selesai"), JobStatus.FAILED: _l("Gagal"),
    },
    Sector: {letter: sector(letter) for letter in kbli_sections.SECTIONS},
}

# Shorter words for charts and narrow tables; a value missing here reads its full label.
SHORT: dict[type, dict[str, object]] = {
    ProgrammeKind: {
        ProgrammeKind.CONTRIBUTION_SUBSIDY: _l("Subsidi iuran"), ProgrammeKind.RECURRING_AID: _l("Bantuan bulanan"),
    },
    Payer: {Payer.PROVINCE: _l("Pemerintah Provinsi Kaltim")},
}

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
