"""Append-only audit log. The web layer sets the request origin; services never see the request."""

from contextvars import ContextVar

from jobfair.extensions import db
from jobfair.models import AuditEvent

_origin: ContextVar[str | None] = ContextVar("audit_origin", default=None)


def set_origin(origin: str | None):
    """Called by the web layer per request (the client address); returns a token for reset."""
    return _origin.set(origin)


def reset_origin(token) -> None:
    _origin.reset(token)


def record(actor, action: str, obj=None, *, detail: dict | None = None, object_type: str | None = None,
           object_id=None, subject_person_id: int | None = None) -> AuditEvent:
    """Add an audit row to the current unit of work (the caller commits).

    ``subject_person_id`` names the person whose data the action touched (a read of personal data always names
    one when there is one person): "Data saya" shows them these rows. Never put a NIK or a phone in ``detail``.
    """
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = obj.id if object_id is None else object_id
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor_role=getattr(actor, "role", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        origin=_origin.get(),
        detail=detail or {},
        subject_person_id=subject_person_id,
    )
    db.session.add(event)
    return event


def record_read(actor, action: str, obj=None, *, person_id: int | None, detail: dict | None = None,
                object_type: str | None = None, object_id=None) -> AuditEvent:
    """A read of personal data (UU PDP): who, role, what, which person, when, from where. The caller commits."""
    return record(actor, action, obj, detail=detail, object_type=object_type, object_id=object_id,
                  subject_person_id=person_id)
