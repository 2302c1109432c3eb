"""The yearly cycle of the BPJS subsidy (issue 15, point 3): registration September–December of the year before the
cover year, the decree in December, cover from January."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules.decree_cycle import decree_problem, registration_problem, registration_window


def test_the_window_of_the_2025_cover_year():
    assert registration_window(2025) == (date(2024, 9, 1), date(2024, 12, 31))
    assert registration_problem(2025, date(2024, 9, 1)) is None
    assert registration_problem(2025, date(2024, 12, 31)) is None


def test_too_early_and_too_late_are_explained_in_indonesian():
    early = registration_problem(2025, date(2024, 8, 31), name="Subsidi BPJS")
    assert "belum dibuka" in early and "1 September 2024" in early
    late = registration_problem(2025, date(2025, 1, 1), name="Subsidi BPJS")
    assert "sudah ditutup" in late and "program tahun 2026" in late and "1 September 2025" in late


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_a_day_is_in_exactly_the_window_of_the_next_year_and_only_from_september(day):
    open_for = [year for year in range(2019, 2038) if registration_problem(year, day) is None]
    assert open_for == ([day.year + 1] if day.month >= 9 else [])


def test_the_decree_is_dated_in_december_before_the_cover_year():
    assert decree_problem(2025, date(2024, 12, 20)) is None
    assert "Desember 2024" in decree_problem(2025, date(2024, 11, 30))
    assert decree_problem(2025, date(2025, 1, 2)) is not None
    assert decree_problem(2025, date(2023, 12, 20)) is not None
    assert decree_problem(2025, date(2024, 12, 1) + timedelta(days=30)) is None
