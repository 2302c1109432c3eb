"""A seeker's saved vacancy searches (job alerts) and the vacancies already sent for each.

A saved search keeps the words and filters of the /lowongan search page; the digest (services/hiring/saved_searches.py)
mails the open vacancies published since its last digest. `saved_search_sent` holds one row per (saved search,
vacancy) sent, with a unique constraint: the same vacancy is never sent twice for one saved search, even when two
digests run at once.
"""

import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class AlertFrequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class SavedSearch(db.Model):
    __tablename__ = "saved_search"
    __table_args__ = (CheckConstraint("frequency IN ('daily', 'weekly')", name="frequency_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    frequency: Mapped[str] = mapped_column(String(8), default=AlertFrequency.WEEKLY.value)
    # The search page's words and filters (services/search.search_vacancies' arguments).
    q: Mapped[str] = mapped_column(String(200), default="")
    job_fair_id: Mapped[int | None] = mapped_column(ForeignKey("job_fair.id"))
    sector: Mapped[str | None] = mapped_column(String(1))
    education: Mapped[str | None] = mapped_column(String(8))
    kecamatan: Mapped[str | None] = mapped_column(String(6))
    employment_type: Mapped[str | None] = mapped_column(String(16))
    disability_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    wage_min: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When a digest last looked at this search (due logic, and "published since"); when one was last e-mailed.
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def filters(self) -> dict:
        """The search as services/search.search_vacancies' keyword arguments."""
        return {"q": self.q or "", "job_fair_id": self.job_fair_id, "sector": self.sector,
                "education": self.education, "kecamatan": self.kecamatan, "employment_type": self.employment_type,
                "disability_friendly": bool(self.disability_friendly), "wage_min": self.wage_min}

    def query_args(self) -> dict:
        """The search page's query string for this search (empty filters left out)."""
        args = {key: value for key, value in self.filters().items() if value not in (None, "", False)}
        if args.get("disability_friendly"):
            args["disability_friendly"] = "y"
        return args


class SavedSearchSent(db.Model):
    __tablename__ = "saved_search_sent"
    __table_args__ = (UniqueConstraint("saved_search_id", "vacancy_id", name="uq_saved_search_sent_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    saved_search_id: Mapped[int] = mapped_column(ForeignKey("saved_search.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id"), index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
