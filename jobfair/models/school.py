"""SMK schools (with their BKK placement unit) and their students."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class School(db.Model):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    npsn: Mapped[str] = mapped_column(String(8), unique=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.code"))
    bkk_number: Mapped[str] = mapped_column(String(64), default="")  # BKK registration with Disnaker
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    kecamatan = relationship("Kecamatan")


class Student(db.Model):
    """A final-year SMK student. Identity (NIK, name, sex, birth date) lives on the shared Person."""

    __tablename__ = "student"
    __table_args__ = (
        CheckConstraint("report_score_x100 BETWEEN 0 AND 10000", name="report_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    nisn: Mapped[str] = mapped_column(String(10), unique=True)
    major_code: Mapped[str] = mapped_column(ForeignKey("smk_major.code"), index=True)
    class_name: Mapped[str] = mapped_column(String(32), default="")
    report_score_x100: Mapped[int] = mapped_column(Integer)  # average report score 0.00–100.00, in hundredths
    expected_graduation: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20), default="")
    guardian_name: Mapped[str] = mapped_column(String(120), default="")
    guardian_phone: Mapped[str] = mapped_column(String(20), default="")
    # UU PDP / Permenaker 6/2020: a minor is placed only with recorded guardian consent.
    guardian_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    guardian_consent_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), unique=True)
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invitation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school = relationship("School")
    person = relationship("Person")
    major = relationship("SmkMajor")
    user = relationship("User", foreign_keys=[user_id])
