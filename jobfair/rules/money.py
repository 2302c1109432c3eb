"""Money is integer Rupiah: one way to show it, and the city minimum wage (UMK) in force."""

from collections.abc import Mapping


def rupiah(amount: int) -> str:
    """3701508 -> 'Rp3.701.508'."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def umk_in_force(table: Mapping[int, int], year: int) -> tuple[int, int] | None:
    """(year, amount) of the UMK in force in `year` from {year: amount}: that year's, or when it is not recorded yet
    the latest earlier one (a UMK never falls, so it is the floor we know). None when no earlier UMK is known."""
    known = [y for y in table if y <= year]
    if not known:
        return None
    latest = max(known)
    return latest, table[latest]


def below_umk(wage: int, umk: tuple[int, int] | None) -> bool:
    """A monthly wage below the UMK in force (never True when no UMK is known)."""
    return umk is not None and wage < umk[1]
