"""Rupiah: display and the UMK in force."""

from jobfair.rules.money import below_umk, rupiah, umk_in_force


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
