"""Which month the monthly report shows: it opens on the latest complete month that has data (not on an empty
month), and the officer picks from a list running from the first month with data to the last complete month.

One aggregate query per table (the earliest and the latest business date of its records, the latest taken before
the current month), whatever the data size. Datetimes become WITA months in Python, so a record at 00.30 WITA on
the 1st belongs to that month, as in the report.
"""

from datetime import UTC, date, datetime

from sqlalchemy import case, func, select

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Application,
    ApprenticeshipPlace,
    Claim,
    CoverMonth,
    JobFair,
    LedgerEntry,
    Placement,
    TrainingCourse,
    Vacancy,
)
from jobfair.models.base import UTCDateTime
from jobfair.rules import monthly_report as rules
from jobfair.rules.eligibility import add_months
from jobfair.services.access import require_office
from jobfair.services.errors import ValidationFailed
from jobfair.services.office.monthly_report import BAD_MONTH, WITA

MAX_CHOICES = 12 * 30  # thirty years of months at most in the list
# The business dates the report counts records by (services.monthly_report), one tuple per table.
SOURCES = (
    (JobFair.starts_on, JobFair.ends_on), (Vacancy.published_at,), (Application.created_at,),
    (Placement.created_at, Placement.verified_at), (Ak1Card.requested_at, Ak1Card.issued_on, Ak1Card.closed_at),
    (TrainingCourse.starts_on, TrainingCourse.ends_on), (ApprenticeshipPlace.starts_on, ApprenticeshipPlace.ends_on),
    (CoverMonth.month,), (LedgerEntry.month,), (Claim.incident_date,),
)


def _month_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        value = value.astimezone(WITA).date()
    return value.replace(day=1)


def data_span(before: date) -> tuple[date | None, date | None]:
    """(first month with data, latest month with data before the month `before`); None where there is none."""
    moment = datetime(before.year, before.month, 1, tzinfo=WITA).astimezone(UTC)
    firsts, lasts = [], []
    for columns in SOURCES:
        aggregates = []
        for column in columns:
            cutoff = moment if isinstance(column.type, UTCDateTime) else before
            aggregates += [func.min(column), func.max(case((column < cutoff, column)))]
        row = db.session.execute(select(*aggregates)).one()
        firsts += [_month_of(v) for v in row[0::2] if v is not None]
        lasts += [_month_of(v) for v in row[1::2] if v is not None]
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


def pick_month(actor, text: str | None, today: date | None = None) -> tuple[date, list[date]]:
    """(the month to show, the months to choose from, newest first). `text` is the month asked for ('2025-07');
    none given means the latest complete month with data (last month when nothing is older). A bad month is a
    field error."""
    require_office(actor)
    today = today or datetime.now(WITA).date()
    last_complete = rules.default_month(today)
    first, latest = data_span(today.replace(day=1))
    if text:
        month = rules.parse_month(text, today)
        if month is None:
            raise ValidationFailed({"bulan": BAD_MONTH})
    else:
        month = latest or last_complete
    newest = max(last_complete, month)
    oldest = min(first or month, month)
    choices, current = [], newest
    while current >= oldest and len(choices) < MAX_CHOICES:
        choices.append(current)
        current = add_months(current, -1)
    return month, choices
