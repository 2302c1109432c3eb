"""AK/1 card rules: numbering, validity, report slots, lapse."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import ak1

ISSUED = date(2026, 1, 15)


def test_card_number_format():
    assert ak1.card_number("6471", 2026, 123) == "AK1/6471/2026/000123"


@pytest.mark.parametrize("regency, seq", [("647", 1), ("64a1", 1), ("6471", 0), ("6471", 1_000_000)])
def test_card_number_refuses_bad_parts(regency, seq):
    with pytest.raises(ValueError):
        ak1.card_number(regency, 2026, seq)


def test_valid_two_years_and_leap_day_clamps():
    assert ak1.valid_until(ISSUED) == date(2028, 1, 15)
    assert ak1.valid_until(date(2024, 2, 29)) == date(2026, 2, 28)
    assert ak1.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_four_slots_every_six_months():
    slots = ak1.report_slots(ISSUED)
    assert [s.due_on for s in slots] == [date(2026, 7, 15), date(2027, 1, 15), date(2027, 7, 15), date(2028, 1, 15)]
    assert slots[0].opens_on == date(2026, 6, 15) and slots[0].closes_on == date(2026, 8, 14)


def test_slot_open_on_a_date():
    assert ak1.slot_open_on(ISSUED, date(2026, 3, 1)) is None
    assert ak1.slot_open_on(ISSUED, date(2026, 6, 15)).slot == 1
    assert ak1.slot_open_on(ISSUED, date(2026, 8, 14)).slot == 1
    assert ak1.slot_open_on(ISSUED, date(2026, 8, 15)) is None
    assert ak1.slot_open_on(ISSUED, date(2027, 1, 20)).slot == 2


def test_lapse_only_after_the_window_closes_without_a_report():
    assert not ak1.has_lapsed(ISSUED, date(2026, 8, 14), set())
    assert ak1.has_lapsed(ISSUED, date(2026, 8, 15), set())
    assert not ak1.has_lapsed(ISSUED, date(2026, 8, 15), {1})
    assert ak1.missed_slots(ISSUED, date(2027, 3, 1), {1}) == [2]


def test_expiry_after_validity_and_last_window():
    assert not ak1.has_expired(ISSUED, date(2028, 2, 14))
    assert ak1.has_expired(ISSUED, date(2028, 2, 15))


def test_next_slot_skips_reported_ones():
    assert ak1.next_slot(ISSUED, date(2026, 7, 1), {1}).slot == 2
    assert ak1.next_slot(ISSUED, date(2028, 3, 1), {1, 2, 3, 4}) is None


def test_minimum_age_is_18():
    assert ak1.old_enough(date(2008, 1, 15), date(2026, 1, 15))
    assert not ak1.old_enough(date(2008, 1, 16), date(2026, 1, 15))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31)), st.integers(1, 4))
def test_issue_date_interval_matches_the_slot_window(issued, today, slot):
    low, high = ak1.issue_dates_with_slot_open(slot, today)
    window = ak1.report_slots(issued)[slot - 1]
    assert (low <= issued <= high) == window.is_open(today)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(0, 1000))
def test_at_most_one_slot_is_open(issued, offset):
    today = issued + timedelta(days=offset)
    assert sum(s.is_open(today) for s in ak1.report_slots(issued)) <= 1
