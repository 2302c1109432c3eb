"""Pure pieces of the monthly report: the month a request names, the months a series spans, and how a figure
changed since last month (written as every number is, by rules.numbers: "+12", "−3", "+12,5 %")."""

import re
from dataclasses import dataclass
from datetime import date

from jobfair.rules import dates, numbers
from jobfair.rules.eligibility import add_months

SERIES_MONTHS = 6  # every figure is computed for the last six months: the charts use all, the page the last two
FIRST_YEAR = 2000
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str | None, today: date) -> date | None:
    """'2025-11' -> date(2025, 11, 1); None when not a month from 2000 up to the current month of `today`."""
    match = _MONTH.fullmatch((text or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < FIRST_YEAR:
        return None
    chosen = date(year, month, 1)
    return chosen if chosen <= today.replace(day=1) else None


def default_month(today: date) -> date:
    """Last month: the latest month that is complete."""
    return add_months(today.replace(day=1), -1)


def series_months(month: date, count: int = SERIES_MONTHS) -> list[date]:
    """The `count` months ending with `month`, oldest first."""
    return [add_months(month, i - count + 1) for i in range(count)]


def month_name(month: date) -> str:
    return dates.month(month)


def short_name(month: date) -> str:
    return dates.month(month, short=True)


def month_param(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


@dataclass(frozen=True)
class Change:
    delta: int | float
    percent: float | None  # None when last month was zero (or the figure is itself a rate)

    @property
    def text(self) -> str:
        if self.delta == 0:
            return "0"
        return numbers.signed(self.delta, 0 if isinstance(self.delta, int) else 1)

    @property
    def percent_text(self) -> str:
        return numbers.signed_percent(self.percent)


def change(current: int | float | None, previous: int | float | None, *, rate: bool = False) -> Change:
    """The change from last month: the difference, and the difference as a share of last month's value when that
    is meaningful (last month above zero and the figure not itself a percentage: rates change in points)."""
    current, previous = current or 0, previous or 0
    delta = current - previous
    if isinstance(delta, float):
        delta = round(delta, 1)
    percent = None if rate or not previous else round(100.0 * delta / previous, 1)
    return Change(delta, percent)
