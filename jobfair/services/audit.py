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
           object_id=None) -> AuditEvent:
    """Add an audit row to the current unit of work (the caller commits)."""
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
    )
    db.session.add(event)
    return event
