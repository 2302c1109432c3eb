"""A natural person identified by NIK, shared by every programme (seeker, student, worker)."""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class Person(db.Model):
    __tablename__ = "person"
    __table_args__ = (CheckConstraint("sex IN ('L', 'P')", name="sex_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The NIK is never stored in clear: Fernet ciphertext for display to officers,
    # keyed HMAC (unique) for look-ups and duplicate detection.
    nik_encrypted: Mapped[str] = mapped_column(String(255))
    nik_hmac: Mapped[str] = mapped_column(String(64), unique=True)
    nik_last4: Mapped[str] = mapped_column(String(4))
    nik_region: Mapped[str] = mapped_column(String(4))  # regency of first registration, for masking
    full_name: Mapped[str] = mapped_column(String(120))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once, by services/erasure.anonymise_person: the row then holds no one's identity.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def masked_nik(self) -> str:
        return f"{self.nik_region}{'•' * 8}{self.nik_last4}"


class SeekerProfile(db.Model):
    """A job seeker's profile; later issues add education, skills, CV and the AK/1 card."""

    __tablename__ = "seeker_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.code"))
    kelurahan_code: Mapped[str | None] = mapped_column(ForeignKey("kelurahan.code"))
    birth_place: Mapped[str] = mapped_column(String(80), default="")
    marital_status: Mapped[str] = mapped_column(String(16), default="")
    religion: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    education_level: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    school_name: Mapped[str] = mapped_column(String(160), default="")
    major: Mapped[str] = mapped_column(String(160), default="")
    graduation_year: Mapped[int | None] = mapped_column(Integer)
    skills: Mapped[str] = mapped_column(String(500), default="")       # comma-separated
    experience: Mapped[str] = mapped_column(Text, default="")
    experience_years: Mapped[int] = mapped_column(Integer, default=0)
    has_disability: Mapped[bool] = mapped_column(Boolean, default=False)
    # The CV is stored under instance/uploads with a generated name; never served from static/.
    cv_storage_name: Mapped[str | None] = mapped_column(String(64))
    cv_original_name: Mapped[str | None] = mapped_column(String(255))
    cv_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
    person = relationship("Person")
    kecamatan = relationship("Kecamatan")
    kelurahan = relationship("Kelurahan")


class Ak1Status(enum.StrEnum):
    REQUESTED = "requested"
    ISSUED = "issued"
    RETURNED = "returned"   # the officer asked the seeker to correct the data
    LAPSED = "lapsed"       # a half-year report was missed
    PLACED = "placed"       # closed on a verified placement
    EXPIRED = "expired"


class Ak1Card(db.Model):
    """The AK/1 job-seeker card (Permenaker 39/2016): valid 2 years, reported every 6 months."""

    __tablename__ = "ak1_card"
    __table_args__ = (
        CheckConstraint("status IN (" + ", ".join(f"'{s.value}'" for s in Ak1Status) + ")", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=Ak1Status.REQUESTED.value, index=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    verify_token: Mapped[str | None] = mapped_column(String(43), unique=True)  # in the QR code; not the NIK
    reason: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by retention (services/privacy/retention.py) when a lapsed or expired card's personal data was removed.
    data_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    seeker = relationship("SeekerProfile")
    reports = relationship("Ak1Report", order_by="Ak1Report.slot", back_populates="card")


class Ak1Report(db.Model):
    __tablename__ = "ak1_report"
    __table_args__ = (
        UniqueConstraint("card_id", "slot", name="uq_ak1_report_card_slot"),
        CheckConstraint("slot BETWEEN 1 AND 4", name="slot_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("ak1_card.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    still_seeking: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    card = relationship("Ak1Card", back_populates="reports")
