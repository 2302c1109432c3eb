"""Searching the audit trail (officers and admins only): who did what to which object, when and from where.

Read-only: there is no function here (or anywhere) that changes or deletes an audit row.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import AuditEvent, Role, User
from jobfair.rules.dates import WITA
from jobfair.services import audit, exports, keyset
from jobfair.services.access import require_office
from jobfair.services.errors import ValidationFailed

PER_PAGE = 30
EXPORT_LIMIT = 50_000
SYSTEM_ROLE = "system"  # filter value for rows written by scheduled jobs (no acting user)
ROLE_CHOICES = [*labels.choices(Role, values=(Role.OFFICER, Role.ADMIN, Role.COMPANY, Role.SEEKER, Role.SCHOOL,
                                               Role.STUDENT)), *labels.choices(labels.AuditActor)]
EXPORT_HEADERS = [_l("Waktu (WITA)"), _l("Pengguna"), _l("E-mail"), _l("Peran"), _l("Tindakan"), _l("Jenis objek"),
                  _l("ID objek"), _l("Alamat asal"), _l("Rincian")]
_SUMMARY_LIMIT = 200


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    actor_name: str | None
    actor_email: str | None

    @property
    def occurred_wita(self) -> datetime:
        return self.event.occurred_at.astimezone(WITA)

    @property
    def detail_summary(self) -> str:
        return summarise(self.event.detail)


@dataclass(frozen=True)
class AuditPage:
    pagination: object  # flask_sqlalchemy Pagination of AuditEvent
    rows: list[AuditRow]


def summarise(detail: dict | None) -> str:
    """'key: value; key: value', cut to a readable length (plain text: templates escape it)."""
    if not detail:
        return ""
    text = "; ".join(f"{key}: {value}" for key, value in detail.items())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1] + "…"


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _day_start_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, WITA).astimezone(UTC)


def _clean(value, limit: int, field: str, message: str, errors: dict) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        errors[field] = message
    return value or None


def _query(person, role, action, object_type, object_id, date_from, date_to) -> Select:
    errors: dict[str, str] = {}
    person = _clean(person, 254, "person", _l("E-mail atau nama paling panjang 254 karakter."), errors)
    action = _clean(action, 64, "action", _l("Tindakan paling panjang 64 karakter, misalnya company.verified."),
                    errors)
    object_type = _clean(object_type, 40, "object_type", _l("Jenis objek paling panjang 40 karakter."), errors)
    object_id = _clean(None if object_id is None else str(object_id), 40, "object_id",
                       _l("ID objek paling panjang 40 karakter."), errors)
    if role and role not in {value for value, _label in ROLE_CHOICES}:
        errors["role"] = _l("Pilih peran dari daftar.")
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = _l("Tanggal akhir tidak boleh sebelum tanggal awal; tukar kedua tanggal.")
    if errors:
        raise ValidationFailed(errors)

    query = select(AuditEvent).outerjoin(User, AuditEvent.actor_id == User.id)
    if person:
        pattern = f"%{_like_escape(person.lower())}%"
        query = query.where(or_(func.lower(User.email) == person.lower(),
                                func.lower(User.full_name).like(pattern, escape="\\")))
    if role == SYSTEM_ROLE:
        query = query.where(AuditEvent.actor_id.is_(None))
    elif role:
        query = query.where(AuditEvent.actor_role == role)
    if action:  # "company" finds company.verified, company.rejected…; "company.verified" finds exactly that
        query = query.where(or_(AuditEvent.action == action,
                                AuditEvent.action.like(_like_escape(action) + ".%", escape="\\")))
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    if date_from:
        query = query.where(AuditEvent.occurred_at >= _day_start_utc(date_from))
    if date_to:
        query = query.where(AuditEvent.occurred_at < _day_start_utc(date_to + timedelta(days=1)))
    return query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())


def _rows(events) -> list[AuditRow]:
    """The acting users of a page of events in one query."""
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    users = {}
    if actor_ids:
        users = {u.id: u for u in db.session.execute(select(User).where(User.id.in_(actor_ids))).scalars()}
    rows = []
    for event in events:
        user = users.get(event.actor_id)
        rows.append(AuditRow(event, user.full_name if user else None, user.email if user else None))
    return rows


def search(actor, *, person: str | None = None, role: str | None = None, action: str | None = None,
           object_type: str | None = None, object_id: str | None = None, date_from: date | None = None,
           date_to: date | None = None, page: int = 1, per_page: int = PER_PAGE,
           after: str | None = None, before: str | None = None) -> AuditPage:
    """Audit rows matching every given filter, newest first. Dates are calendar days in WITA (inclusive)."""
    require_office(actor)
    query = _query(person, role, action, object_type, object_id, date_from, date_to)
    pagination = keyset.paginate(query, after=after, before=before, page=max(page, 1), per_page=per_page)
    return AuditPage(pagination, _rows(pagination.items))


def _export_rows(actor, filters: dict) -> list[list]:
    require_office(actor)
    query = _query(filters.get("person"), filters.get("role"), filters.get("action"), filters.get("object_type"),
                   filters.get("object_id"), filters.get("date_from"), filters.get("date_to"))
    events = db.session.execute(query.limit(EXPORT_LIMIT)).scalars().all()
    rows = [[row.occurred_wita.strftime("%Y-%m-%d %H:%M:%S"), row.actor_name or _l("Sistem"), row.actor_email or "",
             row.event.actor_role or "", row.event.action, row.event.object_type or "", row.event.object_id or "",
             row.event.origin or "", summarise(row.event.detail)] for row in _rows(events)]
    # Reading the log out of the application is itself recorded.
    audit.record(actor, "audit.exported", detail={"rows": len(rows), **{
        key: (value.isoformat() if isinstance(value, date) else value) for key, value in filters.items() if value}})
    db.session.commit()
    return rows


def export_csv(actor, **filters) -> bytes:
    return exports.to_csv(EXPORT_HEADERS, _export_rows(actor, filters))


def export_xlsx(actor, **filters) -> bytes:
    return exports.to_xlsx({_l("Jejak audit"): (EXPORT_HEADERS, _export_rows(actor, filters))})

