"""UU PDP art. 46: the 3 x 24-hour notification deadline of a data incident."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import breach

FOUND = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)   # 09.30 WITA


def test_the_deadline_is_72_hours_after_discovery():
    deadline = breach.notification_deadline(FOUND, now=FOUND + timedelta(hours=10))
    assert deadline.due_at == datetime(2026, 12, 4, 1, 30, tzinfo=UTC)
    assert deadline.state == "open" and deadline.hours_minutes == (62, 0)


def test_past_the_deadline_without_notification_is_overdue():
    deadline = breach.notification_deadline(FOUND, now=FOUND + timedelta(hours=75, minutes=20))
    assert deadline.state == "overdue" and deadline.overdue
    assert deadline.hours_minutes == (3, 20)


def test_a_notification_stops_the_clock():
    on_time = breach.notification_deadline(FOUND, now=FOUND + timedelta(days=30),
                                           notified_at=FOUND + timedelta(hours=71))
    assert on_time.state == "on_time" and on_time.hours_minutes == (1, 0)
    late = breach.notification_deadline(FOUND, now=FOUND + timedelta(days=30),
                                        notified_at=FOUND + timedelta(hours=80))
    assert late.state == "late" and late.hours_minutes == (8, 0)


def test_exactly_at_the_deadline_is_still_on_time():
    assert breach.notification_deadline(FOUND, now=FOUND + timedelta(hours=72)).state == "open"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        breach.notification_deadline(datetime(2026, 12, 1), now=FOUND)


def test_categories_are_known_ordered_and_unique():
    assert breach.parse_categories(["contact", "identity", "contact", "made_up"]) == ["identity", "contact"]


@given(st.integers(min_value=0, max_value=10 * 24 * 60))
def test_time_left_plus_time_passed_is_always_72_hours(minutes):
    now = FOUND + timedelta(minutes=minutes)
    deadline = breach.notification_deadline(FOUND, now=now)
    assert deadline.remaining + (now - FOUND) == timedelta(hours=72)
    assert deadline.overdue == (minutes > 72 * 60)
