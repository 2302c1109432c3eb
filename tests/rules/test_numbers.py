"""One way to write numbers: Indonesian grouping, decimal comma, "1,0 %", "Rp119.952.000"."""

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import money, numbers


@pytest.mark.parametrize("value, expected", [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (7140, "7.140"), (-7140, "-7.140"),
    (1_234_567_890_123, "1.234.567.890.123"), (7140.0, "7.140"), (None, "—"),
])
def test_number_groups_thousands_with_a_dot(value, expected):
    assert numbers.number(value) == expected


@pytest.mark.parametrize("value, digits, expected", [
    (12.345, 1, "12,3"), (12.35, 1, "12,4"), (0, 1, "0,0"), (-0.04, 1, "0,0"), (-2.5, 1, "-2,5"),
    (1234.56, 1, "1.234,6"), (3, 2, "3,00"), (85.5, 2, "85,50"), (5.4, 0, "5"), (None, 1, "—"),
])
def test_decimal_uses_a_decimal_comma(value, digits, expected):
    assert numbers.decimal(value, digits) == expected


@pytest.mark.parametrize("points, expected", [
    (1.0, "1,0 %"), (1, "1,0 %"), (0, "0,0 %"), (100, "100,0 %"), (12.345, "12,3 %"), (-12.5, "-12,5 %"),
    (1234.5, "1.234,5 %"), (None, "—"),
])
def test_percent_has_one_decimal_a_comma_and_a_space(points, expected):
    assert numbers.percent(points) == expected


def test_share_is_part_of_whole_as_a_percentage():
    assert numbers.share(33_600, 2_016_000) == "1,7 %"
    assert numbers.share(40, 4000) == "1,0 %"
    assert numbers.share(0, 5) == "0,0 %"
    assert numbers.share(1, 0) == numbers.EMPTY and numbers.share(None, 5) == numbers.EMPTY


@pytest.mark.parametrize("amount, expected", [
    (119_952_000, "Rp119.952.000"), (3_701_508, "Rp3.701.508"), (0, "Rp0"), (-5000, "-Rp5.000"),
    (10_000_000_000_000, "Rp10.000.000.000.000"), (None, "—"),
])
def test_rupiah(amount, expected):
    assert numbers.rupiah(amount) == expected
    assert money.rupiah is numbers.rupiah  # one Rupiah formatter


@pytest.mark.parametrize("value, digits, expected", [
    (12, 0, "+12"), (-1234, 0, "\u22121.234"), (0, 0, "0"), (-2.5, 1, "\u22122,5"), (-0.04, 1, "0,0"),
    (None, 0, "—"),
])
def test_signed_change(value, digits, expected):
    assert numbers.signed(value, digits) == expected


@pytest.mark.parametrize("points, expected", [
    (12.5, "+12,5 %"), (-3, "\u22123,0 %"), (0, "0,0 %"), (100, "+100,0 %"), (None, "—"),
])
def test_signed_percent(points, expected):
    assert numbers.signed_percent(points) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (7140, "orang", "7.140 orang"), (7140, "", "7.140"), (1.0, "%", "1,0 %"), (119_952_000, "Rp", "Rp119.952.000"),
    (None, "orang", "—"), (None, "%", "—"), (0, "kartu", "0 kartu"),
])
def test_with_unit(value, unit, expected):
    assert numbers.with_unit(value, unit) == expected


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_whole_numbers_and_rupiah_read_as_babel_writes_them(value):
    # number() and rupiah() take a fast path for Python ints; it must write what Babel writes.
    assert numbers.number(value) == format_decimal(value, "#,##0", locale="id")
    assert numbers.rupiah(value) == format_currency(value, "IDR", "¤#,##0", currency_digits=False, locale="id")
