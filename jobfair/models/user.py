"""Accounts. One role per user; a company user belongs to one company."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class Role(enum.StrEnum):
    SEEKER = "seeker"
    STUDENT = "student"
    SCHOOL = "school"
    COMPANY = "company"
    OFFICER = "officer"
    ADMIN = "admin"

    @classmethod
    def values(cls) -> list[str]:
        return [role.value for role in cls]


ROLE_CHECK = "role IN (" + ", ".join(f"'{r}'" for r in Role.values()) + ")"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        CheckConstraint(ROLE_CHECK, name="role_known"),
        # The office's account list, newest first (keyset pages): an index range scan, not a sort of every account.
        Index("ix_user_account_created_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_login_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped on password change or deactivation: old sessions stop matching.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), unique=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)  # school (BKK) staff

    company = relationship("Company", back_populates="users")
    person = relationship("Person")
    school = relationship("School")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles
