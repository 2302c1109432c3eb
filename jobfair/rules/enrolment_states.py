"""Enrolment status machine of the protection register (pure): registered -> sector_verified -> decreed -> active
-> ended; rejected before activation."""

REGISTERED = "registered"
SECTOR_VERIFIED = "sector_verified"
DECREED = "decreed"
ACTIVE = "active"
ENDED = "ended"
REJECTED = "rejected"

TRANSITIONS: dict[str, frozenset[str]] = {
    REGISTERED: frozenset({SECTOR_VERIFIED, REJECTED}),
    SECTOR_VERIFIED: frozenset({DECREED, REJECTED}),
    DECREED: frozenset({ACTIVE, ENDED, REJECTED}),
    ACTIVE: frozenset({ENDED}),
}

# Enrolments that hold a quota seat and cover months.
HOLDS_SEAT = frozenset({REGISTERED, SECTOR_VERIFIED, DECREED, ACTIVE})

def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def normalize_kpj(raw: str | None) -> str:
    """Digits of a BPJS membership number (KPJ) as typed; spaces, dots and dashes removed."""
    return "".join(c for c in (raw or "").strip() if c not in " .-")


def kpj_problem(raw: str | None) -> str | None:
    """Indonesian reason when a KPJ is not plausible (validated loosely: 8-13 digits), else None."""
    value = normalize_kpj(raw)
    if not value:
        return "Isi nomor KPJ dari kartu BPJS Ketenagakerjaan."
    if not (value.isascii() and value.isdigit()):
        return "Nomor KPJ hanya berisi angka; salin dari kartu BPJS Ketenagakerjaan."
    if not 8 <= len(value) <= 13:
        return f"Nomor KPJ biasanya 11 angka (8–13); yang diisi {len(value)} angka. Periksa kembali kartunya."
    return None
