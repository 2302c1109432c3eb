"""UU PDP art. 46: a failure of personal-data protection is notified in writing, to the people affected and to
the authority, at the latest 3 x 24 hours after it is found. Pure time arithmetic; no database, no Flask."""

from dataclasses import dataclass
from datetime import datetime, timedelta

NOTIFICATION_WINDOW = timedelta(hours=3 * 24)

# What kind of personal data an incident touched (the label of each lives in services/privacy/incidents.py).
DATA_CATEGORIES = ("identity", "contact", "education_cv", "employment", "social_insurance", "financial",
                   "health_disability", "children", "credentials")
SPECIFIC_CATEGORIES = frozenset({"health_disability", "children", "financial"})  # "data pribadi spesifik", art. 4


@dataclass(frozen=True)
class Deadline:
    due_at: datetime
    notified_at: datetime | None
    remaining: timedelta      # negative once overdue (measured at notification when notified)

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def notified(self) -> bool:
        return self.notified_at is not None

    @property
    def state(self) -> str:
        """'open' (time left), 'overdue' (not notified, past due), 'on_time' / 'late' (notified before/after)."""
        if self.notified:
            return "late" if self.overdue else "on_time"
        return "overdue" if self.overdue else "open"

    @property
    def hours_minutes(self) -> tuple[int, int]:
        """The size of ``remaining`` (or of the lateness) in whole hours and minutes, rounded down."""
        minutes = int(abs(self.remaining).total_seconds() // 60)
        return minutes // 60, minutes % 60


def notification_deadline(discovered_at: datetime, *, now: datetime, notified_at: datetime | None = None) -> Deadline:
    """The 3 x 24-hour deadline counted from discovery; once notified, the clock stops at the notification."""
    if discovered_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("aware datetimes only")
    due_at = discovered_at + NOTIFICATION_WINDOW
    reference = notified_at if notified_at is not None else now
    return Deadline(due_at=due_at, notified_at=notified_at, remaining=due_at - reference)


def parse_categories(codes) -> list[str]:
    """Known category codes only, in the canonical order, without duplicates."""
    chosen = set(codes or ())
    return [code for code in DATA_CATEGORIES if code in chosen]
