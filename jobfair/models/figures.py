"""Precomputed figures: the city-wide headline, charts and filter choices, refreshed on write or by a job."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime


class FigureSnapshot(db.Model):
    """One row per snapshot kind ("city"): the figures as JSON and when they were computed. Read by the office
    dashboard, the city figures page and the open data instead of aggregating the whole tables per request."""

    __tablename__ = "figure_snapshot"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
