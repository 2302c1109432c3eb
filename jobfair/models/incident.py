"""The office's register of personal-data incidents (UU PDP art. 46: notify within 3 x 24 hours of discovery)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class DataIncident(db.Model):
    __tablename__ = "data_incident"
    __table_args__ = (CheckConstraint("affected_count IS NULL OR affected_count >= 0", name="affected_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))                  # what happened, in one line
    description: Mapped[str] = mapped_column(Text, default="")      # what happened, in full
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)   # when it happened, if known
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # the 3 x 24 hours run from here
    affected_description: Mapped[str] = mapped_column(Text, default="")  # who is affected
    affected_count: Mapped[int | None] = mapped_column(Integer)      # how many people, if known
    data_categories: Mapped[str] = mapped_column(String(255), default="")  # comma-separated codes (rules/breach.py)
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # people affected and the ministry told
    notification_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by = relationship("User")
