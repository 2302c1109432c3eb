"""A natural person identified by NIK, shared by every programme (seeker, student, worker)."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
    person = relationship("Person")
