"""A seeker's saved searches (job alerts): save the /lowongan search, list, change frequency, delete, and the
one-click unsubscribe of the digest e-mails (a signed token, no login). The digest itself is
services/hiring/saved_search_digest.py.

At most MAX_PER_SEEKER saved searches per seeker. Another seeker's saved search answers NotFound.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import (
    AlertFrequency,
    EducationLevel,
    EmploymentType,
    JobFair,
    Kecamatan,
    Role,
    SavedSearch,
    SavedSearchSent,
    User,
)
from jobfair.models.base import utcnow
from jobfair.rules import kbli_sections, numbers
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed

MAX_PER_SEEKER = 10
NAME_MAX, Q_MAX, WAGE_MAX = 80, 200, 1_000_000_000
FREQUENCY_LABELS = labels.table(AlertFrequency)
LIST_LINK = Link("seekers.saved_searches_list")   # the seeker's page
TOKEN_SALT = "jobfair.saved-search.unsubscribe"
NOT_FOUND = _l("Pencarian tersimpan tidak ditemukan.")
LIMIT_REACHED = _l("Anda sudah menyimpan %(count)s pencarian, batas untuk satu akun. Hapus pencarian yang tidak "
                   "dipakai lagi di halaman “Pencarian tersimpan”, lalu simpan pencarian ini.", count=MAX_PER_SEEKER)
ALREADY_SAVED = _l("Pencarian dengan kata kunci dan saringan yang sama sudah tersimpan; ubah frekuensinya di halaman "
                 "“Pencarian tersimpan”.")
INVALID_TOKEN = _l("Tautan berhenti berlangganan ini tidak berlaku: pencarian tersimpan itu sudah dihapus, atau "
                 "tautannya tidak lengkap tersalin. Salin seluruh tautan dari e-mail, atau masuk dan kelola "
                 "pencarian Anda di halaman “Pencarian tersimpan”.")
FILTER_FIELDS = ("q", "job_fair_id", "sector", "education", "kecamatan", "employment_type", "disability_friendly",
                 "wage_min")


def _require_seeker(actor) -> None:
    if actor is None or getattr(actor, "role", None) != Role.SEEKER.value:
        raise PermissionDenied("Pencarian tersimpan hanya untuk akun pencari kerja.")


def _frequency(value: str | None, errors: dict) -> str:
    if value not in FREQUENCY_LABELS:
        errors["frequency"] = "Pilih seberapa sering dikirim: Harian atau Mingguan."
    return value


def _clean_filters(filters: dict, errors: dict) -> dict:
    """The search's words and filters, checked against the lists the search page offers."""
    clean = {name: filters.get(name) for name in FILTER_FIELDS}
    clean["q"] = " ".join(str(clean["q"] or "").split())
    if len(clean["q"]) > Q_MAX:
        errors["q"] = f"Kata kunci paling banyak {Q_MAX} karakter; persingkat pencariannya."
    for name in ("sector", "education", "kecamatan", "employment_type"):
        clean[name] = (str(clean[name]).strip() or None) if clean[name] else None
    clean["disability_friendly"] = bool(clean["disability_friendly"])
    checks = {
        "job_fair_id": lambda v: db.session.get(JobFair, v) is not None,
        "sector": lambda v: v in kbli_sections.SECTIONS,
        "education": lambda v: db.session.get(EducationLevel, v) is not None,
        "kecamatan": lambda v: db.session.get(Kecamatan, v) is not None,
        "employment_type": lambda v: v in {kind.value for kind in EmploymentType},
        "wage_min": lambda v: isinstance(v, int) and 0 <= v <= WAGE_MAX,
    }
    for name, valid in checks.items():
        if clean[name] not in (None, "") and not valid(clean[name]):
            errors["saved_search"] = ("Saringan pencarian ini tidak dikenal lagi; cari ulang dari halaman "
                                      "“Cari lowongan”, lalu simpan.")
    return clean


def _lock_owner(actor: User) -> None:
    """Two saves at once by one seeker are taken one after the other (the limit holds): a row lock on PostgreSQL;
    SQLite has one writer at a time."""
    db.session.execute(select(User.id).where(User.id == actor.id).with_for_update())


def save(actor: User, *, name: str = "", frequency: str = AlertFrequency.WEEKLY.value, now: datetime | None = None,
         **filters) -> SavedSearch:
    """Save the search (the search page's words and filters) for alerts; at most MAX_PER_SEEKER per seeker.
    `now` is when it was saved (default: now; the demo dates its rows)."""
    _require_seeker(actor)
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX:
        errors["name"] = f"Nama paling banyak {NAME_MAX} karakter."
    frequency = _frequency(frequency, errors)
    clean = _clean_filters(filters, errors)
    if errors:
        raise ValidationFailed(errors)
    _lock_owner(actor)
    mine = list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == actor.id)))
    if len(mine) >= MAX_PER_SEEKER:
        db.session.rollback()
        raise ValidationFailed({"saved_search": LIMIT_REACHED})
    if any(saved.filters() == clean for saved in mine):
        db.session.rollback()
        raise ValidationFailed({"saved_search": ALREADY_SAVED})
    saved = SavedSearch(user_id=actor.id, name=name, frequency=frequency, created_at=now or utcnow(), **clean)
    db.session.add(saved)
    db.session.commit()
    return saved


@dataclass(frozen=True)
class Row:
    """A saved search as its page shows it."""

    saved: SavedSearch
    label: str
    parts: list[str]
    query_args: dict


def _row(saved: SavedSearch) -> Row:
    return Row(saved, label(saved), describe(saved), saved.query_args())


def page_for(actor: User) -> dict:
    """The seeker's "Pencarian tersimpan" page: the rows, newest first, and how many more may be saved."""
    rows = [_row(saved) for saved in list_for(actor)]
    return {"rows": rows, "count": len(rows), "limit": MAX_PER_SEEKER,
            "frequency_labels": FREQUENCY_LABELS}


def row_for(actor: User, saved_search_id: int) -> Row:
    return _row(get_own(actor, saved_search_id))


def list_for(actor: User) -> list[SavedSearch]:
    _require_seeker(actor)
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == actor.id)
                                   .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())))


def count_for(actor: User) -> int:
    return db.session.scalar(select(func.count(SavedSearch.id)).where(SavedSearch.user_id == actor.id)) or 0


def get_own(actor: User, saved_search_id: int) -> SavedSearch:
    _require_seeker(actor)
    saved = db.session.get(SavedSearch, saved_search_id)
    if saved is None or saved.user_id != actor.id:
        raise NotFound(NOT_FOUND)
    return saved


def set_frequency(actor: User, saved_search_id: int, frequency: str) -> SavedSearch:
    saved = get_own(actor, saved_search_id)
    errors: dict[str, str] = {}
    saved.frequency = _frequency(frequency, errors)
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors)
    db.session.commit()
    return saved


def _delete(saved: SavedSearch) -> None:
    db.session.execute(SavedSearchSent.__table__.delete().where(SavedSearchSent.saved_search_id == saved.id))
    db.session.delete(saved)
    db.session.commit()


def delete(actor: User, saved_search_id: int) -> None:
    _delete(get_own(actor, saved_search_id))


def label(saved: SavedSearch):
    """How a saved search is called in lists and e-mails: its name, else its words, else "all vacancies"."""
    return saved.name or (f"“{saved.q}”" if saved.q else _l("Semua lowongan"))


def describe(saved: SavedSearch) -> list:
    """The search's words and filters in words, e.g. ['Kata kunci: operator', 'Kecamatan: Balikpapan Utara']."""
    parts = [_l("Kata kunci: %(value)s", value=saved.q)] if saved.q else []
    if saved.job_fair_id:
        fair = db.session.get(JobFair, saved.job_fair_id)
        parts.append(_l("Bursa kerja: %(value)s", value=fair.name if fair else saved.job_fair_id))
    if saved.sector:
        parts.append(_l("Sektor: %(value)s", value=str(labels.sector(saved.sector))))
    if saved.education:
        level = db.session.get(EducationLevel, saved.education)
        parts.append(_l("Pendidikan: %(value)s", value=level.name if level else saved.education))
    if saved.kecamatan:
        place = db.session.get(Kecamatan, saved.kecamatan)
        parts.append(_l("Kecamatan: %(value)s", value=place.name if place else saved.kecamatan))
    if saved.employment_type:
        parts.append(_l("Hubungan kerja: %(value)s", value=str(labels.label(EmploymentType, saved.employment_type))))
    if saved.wage_min:
        parts.append(_l("Upah minimal: %(value)s", value=numbers.rupiah(saved.wage_min)))
    if saved.disability_friendly:
        parts.append(_l("Terbuka bagi penyandang disabilitas"))
    return parts or [_l("Semua lowongan yang tayang")]


# --- one-click unsubscribe (no login) ---------------------------------------------------------------------------
def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


def unsubscribe_token(saved: SavedSearch) -> str:
    """A signed token naming this saved search of this seeker (its creation time too, so a later search that
    happens to get the same id is not named by an old e-mail). No expiry: an old e-mail's link keeps working."""
    return _serializer().dumps([saved.id, saved.user_id, _stamp(saved.created_at)])


def by_token(token: str) -> SavedSearch:
    """The saved search a token names, or NotFound for a tampered, truncated or spent token."""
    try:
        saved_id, user_id, stamp = _serializer().loads(token or "")
    except (BadSignature, ValueError, TypeError):
        raise NotFound(INVALID_TOKEN) from None
    saved = db.session.get(SavedSearch, saved_id) if isinstance(saved_id, int) else None
    if saved is None or saved.user_id != user_id or _stamp(saved.created_at) != stamp:
        raise NotFound(INVALID_TOKEN)
    return saved


def row_for_token(token: str) -> Row:
    return _row(by_token(token))


def unsubscribe(token: str) -> str:
    """Delete the saved search the token names (the digest e-mails of it stop); returns its label."""
    saved = by_token(token)
    name = label(saved)
    _delete(saved)
    return name
