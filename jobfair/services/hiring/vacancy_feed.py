"""Feeds (Atom, RSS 2.0) of the vacancy search: the city's website and the Satu Data portal follow a search.

The entries are the first FEED_SIZE results of the same search as /lowongan (services/hiring/search.py, the same
filters), newest first, each linked to its public page under PUBLIC_BASE_URL.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from jobfair.rules import feed_text
from jobfair.services.hiring import search

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedEntry:
    vacancy_id: int
    title: str
    company: str
    summary: str
    published_at: datetime
    valid_until: date


@dataclass(frozen=True)
class Feed:
    entries: list[FeedEntry]
    updated: datetime


def feed(*, today: date, **filters) -> Feed:
    """`filters` are search.search_vacancies' keyword arguments (q, sector, kecamatan, …)."""
    page = search.search_vacancies(today=today, per_page=FEED_SIZE, **filters)
    entries = [FeedEntry(vacancy_id=v.id, title=feed_text.xml_text(v.title), company=feed_text.xml_text(v.company.name),
                         summary=feed_text.summary(v.description), published_at=v.published_at,
                         valid_until=v.valid_until) for v in page.items]
    entries.sort(key=lambda e: (e.published_at, e.vacancy_id), reverse=True)
    updated = entries[0].published_at if entries else datetime.combine(today, datetime.min.time(), UTC)
    return Feed(entries=entries, updated=updated)
