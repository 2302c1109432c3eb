"""Vacancies (Perpres 57/2023 fields), applications with their history, interviews and placements."""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


def _in(column: str, enum_cls) -> str:
    return f"{column} IN (" + ", ".join(f"'{m.value}'" for m in enum_cls) + ")"


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    RETURNED = "returned"
    CLOSED = "closed"
    FILLED = "filled"


class EmploymentType(enum.StrEnum):
    PERMANENT = "permanent"      # PKWTT
    CONTRACT = "contract"        # PKWT
    DAILY = "daily"              # harian lepas
    PART_TIME = "part_time"
    INTERNSHIP = "internship"    # magang


class Vacancy(db.Model):
    __tablename__ = "vacancy"
    __table_args__ = (
        CheckConstraint("openings > 0", name="openings_positive"),
        # The quota: hires can never exceed openings, whatever the application does.
        CheckConstraint("hired_count >= 0 AND hired_count <= openings", name="hires_within_openings"),
        CheckConstraint("valid_until >= valid_from", name="valid_period"),
        CheckConstraint("wage_min IS NULL OR wage_max IS NULL OR wage_min <= wage_max", name="wage_range"),
        CheckConstraint("age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range"),
        CheckConstraint("sex_required IS NULL OR sex_required IN ('L', 'P')", name="sex_known"),
        CheckConstraint(_in("status", VacancyStatus), name="status_known"),
        CheckConstraint(_in("employment_type", EmploymentType), name="employment_type_known"),
        # The public listing (newest first, keyset on published_at, id) scans this index backwards. The full-text
        # search artifacts (tsvector column / FTS5 table) are made by migration 0009_search, not modelled here.
        Index("ix_vacancy_open_listing", "status", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    job_fair_id: Mapped[int | None] = mapped_column(ForeignKey("job_fair.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    kbji_code: Mapped[str | None] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(Text, default="")
    openings: Mapped[int] = mapped_column(Integer)
    hired_count: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    education_min: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    majors: Mapped[str] = mapped_column(String(500), default="")   # comma-separated, free text
    skills: Mapped[str] = mapped_column(String(500), default="")   # comma-separated
    experience_years: Mapped[int] = mapped_column(Integer, default=0)
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    sex_required: Mapped[str | None] = mapped_column(String(1))
    wage_min: Mapped[int | None] = mapped_column(Integer)   # Rupiah per month
    wage_max: Mapped[int | None] = mapped_column(Integer)
    wage_negotiable: Mapped[bool] = mapped_column(Boolean, default=False)  # "dapat dinegosiasikan", explicitly
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.code"), index=True)
    employment_type: Mapped[str] = mapped_column(String(16), default=EmploymentType.PERMANENT.value)
    disability_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=VacancyStatus.DRAFT.value, index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    company = relationship("Company")
    job_fair = relationship("JobFair")
    kecamatan = relationship("Kecamatan")


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Application(db.Model):
    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("vacancy_id", "seeker_id", name="uq_application_once_per_vacancy"),
        CheckConstraint(_in("status", ApplicationStatus), name="status_known"),
        # The company's applicants page, best fit first: a backward range scan, not a sort of every applicant.
        Index("ix_application_vacancy_fit", "vacancy_id", "fit_score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id"), index=True)
    cover_letter: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ApplicationStatus.SUBMITTED.value, index=True)
    fit_score: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    vacancy = relationship("Vacancy")
    seeker = relationship("SeekerProfile")
    events = relationship("ApplicationEvent", order_by="ApplicationEvent.id", back_populates="application")


class ApplicationEvent(db.Model):
    """Status history of an application: who changed what, when, with which note."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application = relationship("Application", back_populates="events")
    actor = relationship("User")


class Interview(db.Model):
    __tablename__ = "interview"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContractType(enum.StrEnum):
    PKWT = "PKWT"
    PKWTT = "PKWTT"
    HARIAN = "harian"
    MAGANG = "magang"


class PlacementStatus(enum.StrEnum):
    REPORTED = "reported"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Placement(db.Model):
    """A hire, as reported by the company and verified by the office."""

    __tablename__ = "placement"
    __table_args__ = (
        CheckConstraint(_in("contract_type", ContractType), name="contract_type_known"),
        CheckConstraint(_in("status", PlacementStatus), name="status_known"),
        CheckConstraint("wage >= 0", name="wage_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    contract_type: Mapped[str] = mapped_column(String(8))
    wage: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=PlacementStatus.REPORTED.value, index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application = relationship("Application")
