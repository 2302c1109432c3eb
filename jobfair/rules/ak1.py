"""AK/1 job-seeker card rules (Permenaker 39/2016): numbering, validity, half-year reports, lapse.

Pure: no Flask, no database. A card issued on day D is valid until D + 2 years. The holder reports every
6 months: report slot k (1..4) falls due on D + 6k months and may be filled from REPORT_OPENS_DAYS before
that date until REPORT_GRACE_DAYS after it; a slot still empty after its window has closed lapses the card.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MIN_AGE = 18
VALIDITY_MONTHS = 24
REPORT_INTERVAL_MONTHS = 6
REPORT_SLOTS = 4
REPORT_OPENS_DAYS = 30   # the report form opens this many days before the due date
REPORT_GRACE_DAYS = 30   # and stays open this many days after it
NUMBER_PREFIX = "AK1"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def old_enough(birth: date, today: date) -> bool:
    return age_on(birth, today) >= MIN_AGE


def card_number(regency_code: str, year: int, sequence: int) -> str:
    """e.g. card_number("6471", 2026, 123) -> "AK1/6471/2026/000123"."""
    if not (len(regency_code) == 4 and regency_code.isdigit()):
        raise ValueError("regency code must be 4 digits")
    if not 1 <= sequence <= 999_999:
        raise ValueError("sequence must be 1..999999")
    return f"{NUMBER_PREFIX}/{regency_code}/{year:04d}/{sequence:06d}"


def valid_until(issued_on: date) -> date:
    return add_months(issued_on, VALIDITY_MONTHS)


@dataclass(frozen=True)
class ReportSlot:
    slot: int
    due_on: date
    opens_on: date
    closes_on: date  # last day a report is still accepted

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


def slot_due_date(issued_on: date, slot: int) -> date:
    if not 1 <= slot <= REPORT_SLOTS:
        raise ValueError("slot must be 1..4")
    return add_months(issued_on, REPORT_INTERVAL_MONTHS * slot)


def report_slots(issued_on: date) -> list[ReportSlot]:
    slots = []
    for k in range(1, REPORT_SLOTS + 1):
        due = slot_due_date(issued_on, k)
        opens, closes = due - timedelta(days=REPORT_OPENS_DAYS), due + timedelta(days=REPORT_GRACE_DAYS)
        slots.append(ReportSlot(k, due, opens, closes))
    return slots


def slot_open_on(issued_on: date, today: date) -> ReportSlot | None:
    """The slot whose report window contains `today`, or None (windows never overlap)."""
    return next((s for s in report_slots(issued_on) if s.is_open(today)), None)


def next_slot(issued_on: date, today: date, reported: set[int] | frozenset[int]) -> ReportSlot | None:
    """The next slot still to be reported whose window has not closed yet."""
    return next((s for s in report_slots(issued_on) if s.slot not in reported and s.closes_on >= today), None)


def missed_slots(issued_on: date, today: date, reported: set[int] | frozenset[int]) -> list[int]:
    """Slots whose window has closed without a report."""
    return [s.slot for s in report_slots(issued_on) if s.closes_on < today and s.slot not in reported]


def has_lapsed(issued_on: date, today: date, reported: set[int] | frozenset[int]) -> bool:
    return bool(missed_slots(issued_on, today, reported))


def has_expired(issued_on: date, today: date) -> bool:
    """Past its validity (the last report slot's window is judged by has_lapsed first)."""
    return today > valid_until(issued_on) + timedelta(days=REPORT_GRACE_DAYS)


def issue_dates_with_slot_open(slot: int, today: date) -> tuple[date, date]:
    """The (first, last) issue dates for which `slot` is open on `today`: lets a database filter cards.

    due(x) = x + 6*slot months is non-decreasing in x, so the set is an interval."""
    months = REPORT_INTERVAL_MONTHS * slot
    earliest_due = today - timedelta(days=REPORT_GRACE_DAYS)
    latest_due = today + timedelta(days=REPORT_OPENS_DAYS)
    one = timedelta(days=1)
    low = add_months(earliest_due, -months)
    while add_months(low, months) < earliest_due:
        low += one
    while add_months(low - one, months) >= earliest_due:
        low -= one
    high = add_months(latest_due, -months)
    while add_months(high + one, months) <= latest_due:
        high += one
    while add_months(high, months) > latest_due:
        high -= one
    return low, high
