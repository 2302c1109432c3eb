"""Rupiah: display and the UMK in force."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jobfair.rules.money import below_umk, parse_rupiah, rupiah, umk_in_force


def test_rupiah_uses_dots_for_thousands():
    assert rupiah(3_701_508) == "Rp3.701.508" and rupiah(0) == "Rp0" and rupiah(-16_800) == "-Rp16.800"


def test_umk_in_force_falls_back_to_the_latest_earlier_year():
    table = {2024: 3_500_000, 2025: 3_701_508}
    assert umk_in_force(table, 2025) == (2025, 3_701_508)
    assert umk_in_force(table, 2024) == (2024, 3_500_000)
    assert umk_in_force(table, 2027) == (2025, 3_701_508)
    assert umk_in_force(table, 2023) is None and umk_in_force({}, 2025) is None


def test_below_umk_is_strictly_below_and_never_without_a_umk():
    umk = (2025, 3_701_508)
    assert below_umk(3_701_507, umk) and not below_umk(3_701_508, umk) and not below_umk(1, None)


@pytest.mark.parametrize(("raw", "expected"), [
    ("4.000.000", 4_000_000), ("Rp 4.000.000", 4_000_000), ("Rp4.000.000", 4_000_000), ("rp. 4.000.000", 4_000_000),
    ("IDR 4.000.000", 4_000_000), ("4000000", 4_000_000), (" 4 000 000 ", 4_000_000), ("Rp4.000.000,-", 4_000_000),
    ("Rp 4.000.000,00", 4_000_000), ("4.000.000,0", 4_000_000), ("3.701.508", 3_701_508), ("0", 0), ("500", 500),
    ("16.800", 16_800), ("4\u00a0000\u00a0000", 4_000_000), (4_000_000, 4_000_000), (2500000.0, 2_500_000),
])
def test_parse_rupiah_reads_what_indonesians_type(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "   ", "Rp", "empat juta", "4 juta", "3.5", "4.00.000", "4.0000.000", ".400", "400.", "4..000", "-4.000.000",
    "4,000,000", "4.000.000,50", "４０００", "12a", "1e6", "Rp-5", True, -1, None, "9" * 16,
])
def test_parse_rupiah_refuses_anything_else(raw):
    assert parse_rupiah(raw) is None


@given(st.integers(min_value=0, max_value=10**13))
def test_parse_rupiah_reads_back_every_way_it_is_written(amount):
    dotted = f"{amount:,}".replace(",", ".")
    for text in (str(amount), dotted, rupiah(amount), f"Rp {dotted}", f"{rupiah(amount)},-", f"{dotted},00"):
        assert parse_rupiah(text) == amount, text


@given(st.text(alphabet="0123456789.", min_size=1, max_size=12))
@example("0.001")  # found by hypothesis: a zero before the first dot was read as 1
def test_parse_rupiah_never_misreads_dots(text):
    """A number with dots is read only when every dot separates thousands: "3.5" is not 35."""
    value = parse_rupiah(text)
    if value is not None:
        assert f"{value:,}".replace(",", ".") == text.lstrip("0") or str(value) == text.lstrip("0") or value == 0
