"""School workplace practice (PKL, Permendikbud 50/2020): the duration a school sets per major, and each student's
placement with its school supervisor (a teacher) and, when the PKL becomes one, the apprenticeship."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow

PKL_MONTHS_MIN, PKL_MONTHS_MAX = 1, 12


class PklDuration(db.Model):
    """How long PKL lasts for one major at one school (without a row: the programme's default)."""

    __tablename__ = "pkl_duration"
    __table_args__ = (
        UniqueConstraint("school_id", "major_code", name="uq_pkl_duration_major"),
        CheckConstraint(f"months BETWEEN {PKL_MONTHS_MIN} AND {PKL_MONTHS_MAX}", name="months_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    major_code: Mapped[str] = mapped_column(ForeignKey("smk_major.code"))
    months: Mapped[int] = mapped_column(Integer)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PklPlacement(db.Model):
    __tablename__ = "pkl_placement"
    __table_args__ = (
        UniqueConstraint("student_id", "starts_on", name="uq_pkl_placement_start"),
        CheckConstraint("ends_on > starts_on", name="dates_ordered"),
        CheckConstraint(f"months BETWEEN {PKL_MONTHS_MIN} AND {PKL_MONTHS_MAX}", name="months_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    workplace: Mapped[str] = mapped_column(String(160))                  # company or institution
    workplace_supervisor: Mapped[str] = mapped_column(String(120), default="")
    school_supervisor_name: Mapped[str] = mapped_column(String(120))     # the teacher who supervises
    school_supervisor_phone: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(Integer)
    ends_on: Mapped[date] = mapped_column(Date)
    apprenticeship_id: Mapped[int | None] = mapped_column(ForeignKey("apprenticeship.id"), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    student = relationship("Student")
    apprenticeship = relationship("Apprenticeship")
