"""Numbers written one way everywhere a person reads them: pages, text cells of exports, chart labels, open-data
labels and messages. Indonesian style through Babel with the "id" locale, whatever the reader's language (the
city publishes its figures this way, and a figure must read the same on every page and in every file):

    number(7140)        -> "7.140"            decimal(12.345)    -> "12,3"
    percent(1.0)        -> "1,0 %"            rupiah(119952000)  -> "Rp119.952.000"
    signed(-3)          -> "−3"               signed_percent(12.5) -> "+12,5 %"
    with_unit(7140, "orang") -> "7.140 orang" (and "%" -> percent, "Rp" -> rupiah)

A percentage is given in points (1.0 means one per cent), as the services compute it (placement_rate and so on),
and is written with one decimal, a decimal comma and a space before the sign. Years, codes and identifiers are not
numbers to group: never pass them here. JSON values and numeric spreadsheet cells stay plain numbers; these
functions are only for text. None (no value) is written EMPTY.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_currency, format_decimal, parse_pattern

LOCALE = "id"
EMPTY = "—"
MINUS = "\u2212"  # the sign of a change (−3), easier to read than a hyphen beside a number
PERCENT_DIGITS = 1
_ID = Locale.parse(LOCALE)
_WHOLE = parse_pattern("#,##0")


def _rounded(value, digits: int) -> Decimal:
    """The value rounded half up to `digits` decimals (as people round), without a negative zero."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)


def _grouped_int(value: int) -> str:
    """Babel's "#,##0" in the "id" locale for a Python int, the pattern parsed once (hot on list pages);
    tests/rules/test_numbers.py checks it against format_decimal."""
    return _WHOLE.apply(value, _ID)


def _plain_int(value) -> bool:
    return type(value) is int


def number(value) -> str:
    """A whole number with thousands grouped: 7140 -> "7.140", -1234567 -> "-1.234.567"."""
    if value is None:
        return EMPTY
    if _plain_int(value):
        return _grouped_int(value)
    return format_decimal(_rounded(value, 0), "#,##0", locale=LOCALE)


def decimal(value, digits: int = 1) -> str:
    """A number with exactly `digits` decimals: 1234.56 -> "1.234,6"; digits=0 is number()."""
    if value is None:
        return EMPTY
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(_rounded(value, digits), pattern, locale=LOCALE)


def percent(points, digits: int = PERCENT_DIGITS) -> str:
    """Percentage points with one decimal: 1.0 -> "1,0 %", 12.345 -> "12,3 %", 0 -> "0,0 %"."""
    if points is None:
        return EMPTY
    return f"{decimal(points, digits)} %"


def share(part, whole, digits: int = PERCENT_DIGITS) -> str:
    """part / whole as a percentage: share(33600, 2016000) -> "1,7 %"; EMPTY when there is no whole."""
    if not whole or part is None:
        return EMPTY
    return percent(Decimal(str(part)) * 100 / Decimal(str(whole)), digits)


def rupiah(amount) -> str:
    """Whole Rupiah: 119952000 -> "Rp119.952.000", -5000 -> "-Rp5.000" (money is integer Rupiah)."""
    if amount is None:
        return EMPTY
    if _plain_int(amount):
        return ("-" if amount < 0 else "") + "Rp" + _grouped_int(abs(amount))
    return format_currency(_rounded(amount, 0), "IDR", "¤#,##0", currency_digits=False, locale=LOCALE)


def with_unit(value, unit: str = "") -> str:
    """A figure with its unit: "%" -> percent(), "Rp" -> rupiah(), else "7.140 orang" (no unit: "7.140")."""
    if unit == "%":
        return percent(value)
    if unit == "Rp":
        return rupiah(value)
    return number(value) if value is None or not unit else f"{number(value)} {unit}"


def _sign(value: Decimal) -> str:
    return "+" if value > 0 else MINUS if value < 0 else ""


def signed(value, digits: int = 0) -> str:
    """A change with its sign: 12 -> "+12", -1234 -> "−1.234", 0 -> "0"; digits=1 for rates: -2.5 -> "−2,5"."""
    if value is None:
        return EMPTY
    rounded = _rounded(value, digits)
    return _sign(rounded) + (decimal(abs(rounded), digits) if digits else number(abs(rounded)))


def signed_percent(points, digits: int = PERCENT_DIGITS) -> str:
    """A change in per cent: 12.5 -> "+12,5 %", -3 -> "−3,0 %", 0 -> "0,0 %"."""
    if points is None:
        return EMPTY
    rounded = _rounded(points, digits)
    return _sign(rounded) + percent(abs(rounded), digits)
