"""Consent per purpose (UU PDP No. 27/2022): an append-only record; the current state of a person's consent to
a purpose is the latest record (highest id) for that person and purpose."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow
from jobfair.privacy_notices import CHANNELS, PURPOSES


class ConsentRecord(db.Model):
    __tablename__ = "consent_record"
    __table_args__ = (
        CheckConstraint("purpose IN (" + ", ".join(f"'{p}'" for p in PURPOSES) + ")", name="purpose_known"),
        CheckConstraint("channel IN (" + ", ".join(f"'{c}'" for c in CHANNELS) + ")", name="channel_known"),
        CheckConstraint("notice_version >= 1", name="notice_version_positive"),
        Index("ix_consent_record_person_purpose", "person_id", "purpose", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))          # whose data (the data subject)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # their account, when they have one
    purpose: Mapped[str] = mapped_column(String(24))
    notice_version: Mapped[int] = mapped_column(Integer)
    given: Mapped[bool] = mapped_column(Boolean)                              # False: withdrawn or declined
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(8))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # the person or the staff
    by_guardian: Mapped[bool] = mapped_column(Boolean, default=False)       # a minor's parent or guardian

    person = relationship("Person")
    recorded_by = relationship("User", foreign_keys=[recorded_by_id])


class ConsentImmutableError(RuntimeError):
    pass


@event.listens_for(ConsentRecord, "before_update")
def _refuse_update(_mapper, _connection, _target):
    raise ConsentImmutableError("consent records cannot be changed: add a new record")


@event.listens_for(ConsentRecord, "before_delete")
def _refuse_delete(_mapper, _connection, _target):
    raise ConsentImmutableError("consent records cannot be deleted")
