"""Companies (employers). Issue-level features (vacancies, profile) extend this."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class CompanyStatus(enum.StrEnum):
    AWAITING_VERIFICATION = "awaiting_verification"
    VERIFIED = "verified"
    REJECTED = "rejected"


STATUS_CHECK = "status IN (" + ", ".join(f"'{s.value}'" for s in CompanyStatus) + ")"


class Company(db.Model):
    __tablename__ = "company"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    nib: Mapped[str] = mapped_column(String(13), unique=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.code"))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_phone: Mapped[str] = mapped_column(String(20))
    kbli_code: Mapped[str | None] = mapped_column(String(5))  # KBLI 2020, 5 digits
    headcount: Mapped[int | None] = mapped_column(Integer)
    wlkp_status: Mapped[str] = mapped_column(String(16), default="unknown")  # reported / not_reported / unknown
    status: Mapped[str] = mapped_column(String(32), default=CompanyStatus.AWAITING_VERIFICATION.value, index=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    users = relationship("User", back_populates="company")
    kecamatan = relationship("Kecamatan")

    @property
    def is_verified(self) -> bool:
        return self.status == CompanyStatus.VERIFIED.value
