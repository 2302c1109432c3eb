"""Dates and times written one way: Babel's month names and patterns, Balikpapan time (WITA, Asia/Makassar).

Pure (no Flask): the reader's locale is an argument, Indonesian ("id") by default. The web layer may use
flask_babel's format_date/format_datetime (BABEL_DEFAULT_TIMEZONE is Asia/Makassar) or these with the request's
locale; services, exports and rules use these.

    day(date(2026, 3, 5))              -> "5 Maret 2026"
    month(date(2026, 3, 1))            -> "Maret 2026"        month(..., short=True) -> "Mar 2026"
    month_name(3)                      -> "Maret"             month_names("en")      -> ("January", ...)
    moment(datetime(2026, 3, 5, 1, 30, tzinfo=UTC)) -> "5 Mar 2026 09.30 WITA"
    local(aware_or_naive_utc)          -> the same instant in WITA
"""

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, get_month_names

LOCALE = "id"
WITA = ZoneInfo("Asia/Makassar")
WITA_NAME = "WITA"
DAY = "d MMMM yyyy"
MOMENT = "d MMM yyyy HH.mm"


@lru_cache(maxsize=16)
def month_names(locale: str = LOCALE, *, short: bool = False) -> tuple[str, ...]:
    """The twelve month names, January first: ("Januari", ..., "Desember"); short: ("Jan", ..., "Des")."""
    names = get_month_names("abbreviated" if short else "wide", context="stand-alone", locale=locale)
    return tuple(names[m] for m in range(1, 13))


def month_name(month: int, locale: str = LOCALE, *, short: bool = False) -> str:
    """3 -> "Maret" (1..12)."""
    return month_names(locale, short=short)[month - 1]


def day(value: date, locale: str = LOCALE, fmt: str = DAY) -> str:
    """date(2026, 3, 5) -> "5 Maret 2026"."""
    return format_date(value, fmt, locale=locale)


def month(value: date, locale: str = LOCALE, *, short: bool = False) -> str:
    """The month of a date and its year: "Maret 2026" ("Mar 2026" short)."""
    return f"{month_name(value.month, locale, short=short)} {value.year}"


def local(value: datetime) -> datetime:
    """The instant in Balikpapan time; a naive datetime is taken as UTC (as the database stores it)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(WITA)


def moment(value: datetime | None, locale: str = LOCALE, fmt: str = MOMENT, *, zone: bool = True) -> str:
    """An instant in WITA: "5 Mar 2026 09.30 WITA" (zone=False leaves the " WITA" off); "" for None."""
    if value is None:
        return ""
    text = format_datetime(local(value), fmt, tzinfo=WITA, locale=locale)
    return f"{text} {WITA_NAME}" if zone else text
