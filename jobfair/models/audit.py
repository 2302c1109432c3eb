"""Append-only audit trail: the ORM refuses updates and deletes of audit rows."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    actor_role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str | None] = mapped_column(String(64))  # client address
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    # The person whose data was read (UU PDP): "Data saya" lists these reads to them. No foreign key on purpose:
    # an append-only row must never stand in the way of erasing or anonymising the person it names.
    subject_person_id: Mapped[int | None] = mapped_column(Integer, index=True)


class AuditImmutableError(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(_mapper, _connection, _target):
    raise AuditImmutableError("audit events cannot be changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(_mapper, _connection, _target):
    raise AuditImmutableError("audit events cannot be deleted")
