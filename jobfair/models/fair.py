"""Job fairs: booths for companies, free pre-registration for seekers with a ticket, check-in at the door."""

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class JobFair(db.Model):
    __tablename__ = "job_fair"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
        CheckConstraint("booth_count >= 0 AND booths_taken >= 0 AND booths_taken <= booth_count",
                        name="booths_within_count"),
        CheckConstraint("capacity >= 0 AND registered_count >= 0 AND registered_count <= capacity",
                        name="registrations_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    booth_count: Mapped[int] = mapped_column(Integer)
    booths_taken: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer)            # online pre-registrations
    registered_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FairBooth(db.Model):
    __tablename__ = "fair_booth"
    __table_args__ = (
        UniqueConstraint("fair_id", "company_id", name="uq_fair_booth_company"),
        UniqueConstraint("fair_id", "booth_number", name="uq_fair_booth_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    booth_number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    fair = relationship("JobFair")
    company = relationship("Company")


class FairRegistration(db.Model):
    """A visitor: pre-registered online (with a ticket) or registered at the door as a walk-in."""

    __tablename__ = "fair_registration"
    __table_args__ = (UniqueConstraint("fair_id", "seeker_id", name="uq_fair_registration_seeker"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id"), index=True)
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seeker_profile.id"), index=True)
    walk_in_name: Mapped[str | None] = mapped_column(String(120))  # walk-ins without an account
    walk_in_phone: Mapped[str | None] = mapped_column(String(20))
    ticket_code: Mapped[str] = mapped_column(String(16), unique=True)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    fair = relationship("JobFair")
    seeker = relationship("SeekerProfile")
