"""Money is integer Rupiah: one way to read it, one way to show it, and the city minimum wage (UMK) in force."""

import math
import re
from collections.abc import Mapping

from jobfair.rules import numbers
from jobfair.rules.cells import parse_whole

_PREFIX = re.compile(r"(?:rp|idr)\.?", re.IGNORECASE)
_NO_CENTS = (",-", ",00", ",0")


def parse_rupiah(value) -> int | None:
    """Whole Rupiah as Indonesians write it: "4.000.000" (dots between thousands), "Rp 4.000.000", "Rp4.000.000,-",
    "Rp 4.000.000,00", "4000000", "4 000 000"; a spreadsheet number is taken as it is. None when it cannot be read
    as a whole, non-negative amount: letters ("4 juta"), "3.5", misplaced dots, commas between thousands (in
    Indonesian a comma starts the decimals), cents, a sign."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(round(value)) if value >= 0 and math.isfinite(value) else None
    text = "".join(str(value).split())
    match = _PREFIX.match(text)
    if match:
        text = text[match.end():]
    for ending in _NO_CENTS:
        if text.endswith(ending):
            text = text[:-len(ending)]
            break
    return parse_whole(text) if text else None


rupiah = numbers.rupiah  # 3701508 -> 'Rp3.701.508': one formatter (Babel, Indonesian style), re-exported here


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
