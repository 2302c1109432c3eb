"""The agreement's five parts, durations, money, and the weekly logbook rules."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import agreement as rules


def _values(**overrides):
    fields = dict(student_name="Ani Lestari", nisn="0071234567", school="SMK Negeri 1 Balikpapan",
                  company="PT Baja Kaltim", place_title="Juru Las Pipa", location="Kariangau", mentor="Budi",
                  starts_on=date(2026, 2, 2), ends_on=date(2026, 5, 1), allowance_transport=500_000,
                  allowance_meals=400_000, allowance_incentive=3_000)
    fields.update(overrides)
    return rules.AgreementValues(**fields)


def test_five_parts_in_order_with_the_values():
    sections = rules.agreement_sections(_values())
    assert [h for h, _ in sections] == ["Hak dan kewajiban peserta", "Hak dan kewajiban perusahaan",
                                        "Program pemagangan", "Jangka waktu", "Uang saku"]
    assert all(paragraphs for _, paragraphs in sections)
    text = "\n".join(p for _, ps in sections for p in ps)
    for expected in ("Ani Lestari", "0071234567", "PT Baja Kaltim", "Juru Las Pipa", "Kariangau", "Budi",
                     "2 Februari 2026", "1 Mei 2026", "3 bulan", "Rp500.000", "Rp400.000", "Rp3.000", "Rp903.000"):
        assert expected in text


@pytest.mark.parametrize("start, end, months", [
    (date(2025, 8, 1), date(2025, 10, 31), 3),
    (date(2025, 8, 1), date(2025, 11, 1), 4),
    (date(2025, 8, 15), date(2025, 11, 14), 3),
    (date(2025, 1, 1), date(2025, 12, 31), 12),
    (date(2025, 3, 10), date(2025, 3, 20), 1),
])
def test_duration_months(start, end, months):
    assert rules.duration_months(start, end) == months


def test_rupiah():
    assert rules.rupiah(3_701_508) == "Rp3.701.508"
    assert rules.rupiah(0) == "Rp0"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_week_start_is_the_monday_of_the_week(d):
    monday = rules.week_start(d)
    assert monday.weekday() == 0 and 0 <= (d - monday).days <= 6


def test_logbook_week_rules():
    start, end, today = date(2026, 2, 4), date(2026, 5, 1), date(2026, 3, 12)  # a Wednesday start
    assert rules.logbook_week_problem(date(2026, 2, 2), start, end, today) is None   # week holding the start
    assert rules.logbook_week_problem(date(2026, 3, 9), start, end, today) is None   # the current week
    assert "belum dimulai" in rules.logbook_week_problem(date(2026, 3, 16), start, end, today)
    assert "di luar masa magang" in rules.logbook_week_problem(date(2026, 1, 26), start, end, today)
    assert "di luar masa magang" in rules.logbook_week_problem(date(2026, 5, 4), start, end, date(2026, 6, 1))
    assert "Senin" in rules.logbook_week_problem(date(2026, 3, 10), start, end, today)


def test_transitions():
    assert rules.allowed_transition("agreement", "active")
    assert rules.allowed_transition("active", "completed")
    assert not rules.allowed_transition("agreement", "completed")
    assert not rules.allowed_transition("completed", "terminated")
    assert not rules.allowed_transition("terminated", "active")


def test_numbers():
    assert rules.certificate_number(2025, 123) == "SERT/MAG/2025/000123"
    assert rules.agreement_number(2025, 7) == "PKS/MAG/2025/000007"
    assert rules.week_start(date(2026, 3, 15)) == date(2026, 3, 15) - timedelta(days=6)
