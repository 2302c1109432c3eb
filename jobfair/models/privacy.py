"""Data-subject requests under UU PDP No. 27/2022 (erasure now; access and correction can reuse the queue)."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class RequestKind(enum.StrEnum):
    ERASURE = "erasure"


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"   # carried out: the person is anonymised
    REFUSED = "refused"


def _in(column: str, enum_cls) -> str:
    return f"{column} IN (" + ", ".join(f"'{m.value}'" for m in enum_cls) + ")"


class DataSubjectRequest(db.Model):
    """A resident's request about their own personal data, decided by an officer before its legal deadline."""

    __tablename__ = "data_subject_request"
    __table_args__ = (
        CheckConstraint(_in("kind", RequestKind), name="kind_known"),
        CheckConstraint(_in("status", RequestStatus), name="status_known"),
        # One open request per person and kind, held by the database (a double click or two tabs).
        Index("uq_data_subject_request_one_pending", "person_id", "kind", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default=RequestKind.ERASURE.value)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING.value, index=True)
    note: Mapped[str] = mapped_column(Text, default="")  # the resident's own words, optional
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the legal deadline (services/privacy/erasure.py)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)

    person = relationship("Person")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
