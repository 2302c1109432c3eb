"""Pre-graduation training courses for SMK students: enrolment (capacity), attendance, completion."""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class ProviderType(enum.StrEnum):
    OFFICE = "office"                    # Disnaker itself
    TRAINING_CENTRE = "training_centre"  # BLK / LPK
    COMPANY = "company"


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"


class TrainingCourse(db.Model):
    __tablename__ = "training_course"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
        CheckConstraint("capacity > 0 AND enrolled_count >= 0 AND enrolled_count <= capacity",
                        name="enrolments_within_capacity"),
        CheckConstraint("provider_type IN ('office', 'training_centre', 'company')", name="provider_type_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    field: Mapped[str] = mapped_column(String(120))          # the "kind" of training the city counts
    provider_type: Mapped[str] = mapped_column(String(16))
    provider_name: Mapped[str] = mapped_column(String(160))
    capacity: Mapped[int] = mapped_column(Integer)
    enrolled_count: Mapped[int] = mapped_column(Integer, default=0)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[int] = mapped_column(Integer)
    eligible_majors: Mapped[str] = mapped_column(String(500), default="")  # SMK major codes, comma-separated; ""=all
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TrainingSession(db.Model):
    __tablename__ = "training_session"
    __table_args__ = (UniqueConstraint("course_id", "held_on", name="uq_training_session_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200), default="")


class TrainingEnrolment(db.Model):
    __tablename__ = "training_enrolment"
    __table_args__ = (
        UniqueConstraint("course_id", "student_id", name="uq_training_enrolment_student"),
        CheckConstraint("status IN ('enrolled', 'completed', 'dropped')", name="status_known"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=EnrolmentStatus.ENROLLED.value)
    score: Mapped[int | None] = mapped_column(Integer)
    certificate_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    drop_reason: Mapped[str | None] = mapped_column(Text)

    course = relationship("TrainingCourse")
    student = relationship("Student")


class Attendance(db.Model):
    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id", name="uq_training_attendance_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("training_enrolment.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
