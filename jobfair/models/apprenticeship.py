"""Apprenticeship places (Permenaker 6/2020), preferences, match rounds and the apprenticeships they create."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class PlaceStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    RETURNED = "returned"
    CLOSED = "closed"


class ApprenticeshipPlace(db.Model):
    __tablename__ = "apprenticeship_place"
    __table_args__ = (
        CheckConstraint("places > 0 AND filled_count >= 0 AND filled_count <= places", name="filled_within_places"),
        CheckConstraint("ends_on > starts_on", name="dates_ordered"),
        CheckConstraint("allowance_transport >= 0 AND allowance_meals >= 0 AND allowance_incentive >= 0",
                        name="allowance_not_negative"),
        CheckConstraint("status IN ('proposed', 'approved', 'returned', 'closed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    eligible_majors: Mapped[str] = mapped_column(String(500), default="")  # comma-separated SMK major codes
    places: Mapped[int] = mapped_column(Integer)
    filled_count: Mapped[int] = mapped_column(Integer, default=0)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    mentor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    mentor_name: Mapped[str] = mapped_column(String(120))
    allowance_transport: Mapped[int] = mapped_column(Integer, default=0)   # Rupiah per month
    allowance_meals: Mapped[int] = mapped_column(Integer, default=0)
    allowance_incentive: Mapped[int] = mapped_column(Integer, default=0)
    location: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=PlaceStatus.PROPOSED.value, index=True)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ranking_seed: Mapped[int | None] = mapped_column(Integer)  # lottery seed of the default order, recorded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    company = relationship("Company")
    mentor = relationship("User", foreign_keys=[mentor_user_id])


class StudentChoice(db.Model):
    """A student's ranked list of places (rank 1 = most wanted)."""

    __tablename__ = "student_choice"
    __table_args__ = (
        UniqueConstraint("student_id", "place_id", name="uq_student_choice_place"),
        UniqueConstraint("student_id", "rank", name="uq_student_choice_rank"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("apprenticeship_place.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)


class CompanyRanking(db.Model):
    """A company's order of the students who ranked one of its places (rank 1 = preferred)."""

    __tablename__ = "company_ranking"
    __table_args__ = (
        UniqueConstraint("place_id", "student_id", name="uq_company_ranking_student"),
        UniqueConstraint("place_id", "rank", name="uq_company_ranking_rank"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("apprenticeship_place.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)


class CompanyRefusal(db.Model):
    """A student the company marked as not acceptable for one of its places: the match never places them there."""

    __tablename__ = "company_refusal"
    __table_args__ = (UniqueConstraint("place_id", "student_id", name="uq_company_refusal_student"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("apprenticeship_place.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    refused_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MatchRound(db.Model):
    __tablename__ = "match_round"
    __table_args__ = (CheckConstraint("status IN ('preview', 'published', 'discarded')", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="preview", index=True)
    lottery_seed: Mapped[int] = mapped_column(Integer)
    stats: Mapped[dict] = mapped_column(JSON, default=dict)  # matched, unmatched, rank distribution, per place
    run_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MatchAssignment(db.Model):
    __tablename__ = "match_assignment"
    __table_args__ = (UniqueConstraint("round_id", "student_id", name="uq_match_assignment_student"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("match_round.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("apprenticeship_place.id"), index=True)  # None: unmatched
    choice_rank: Mapped[int | None] = mapped_column(Integer)  # which of the student's choices they got

    match_round = relationship("MatchRound")
    student = relationship("Student")
    place = relationship("ApprenticeshipPlace")


class ApprenticeshipStatus(enum.StrEnum):
    AGREEMENT = "agreement"    # agreement drafted, waiting for the office to legalise it
    ACTIVE = "active"          # legalised: the apprentice works and writes the logbook
    COMPLETED = "completed"    # final assessment done, certificate issued
    TERMINATED = "terminated"


class Apprenticeship(db.Model):
    __tablename__ = "apprenticeship"
    __table_args__ = (
        # Permenaker 6/2020: no repeating the same programme.
        UniqueConstraint("student_id", "place_id", name="uq_apprenticeship_once_per_programme"),
        CheckConstraint("status IN ('agreement', 'active', 'completed', 'terminated')", name="status_known"),
        CheckConstraint("final_score IS NULL OR final_score BETWEEN 0 AND 100", name="final_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("apprenticeship_place.id"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("match_round.id"))
    status: Mapped[str] = mapped_column(String(16), default=ApprenticeshipStatus.AGREEMENT.value, index=True)
    agreement_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    legalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    legalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_score: Mapped[int | None] = mapped_column(Integer)
    assessment_note: Mapped[str | None] = mapped_column(Text)
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    certificate_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    student = relationship("Student")
    place = relationship("ApprenticeshipPlace")
    entries = relationship("LogbookEntry", order_by="LogbookEntry.week_start", back_populates="apprenticeship")


class LogbookEntry(db.Model):
    __tablename__ = "logbook_entry"
    __table_args__ = (
        UniqueConstraint("apprenticeship_id", "week_start", name="uq_logbook_entry_week"),
        CheckConstraint("hours BETWEEN 0 AND 60", name="hours_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    apprenticeship_id: Mapped[int] = mapped_column(ForeignKey("apprenticeship.id"), index=True)
    week_start: Mapped[date] = mapped_column(Date)   # the Monday of the week
    activities: Mapped[str] = mapped_column(Text)
    hours: Mapped[int] = mapped_column(Integer)
    mentor_note: Mapped[str | None] = mapped_column(Text)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    apprenticeship = relationship("Apprenticeship", back_populates="entries")
