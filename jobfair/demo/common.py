"""Shared pieces of the demo builders that stand on the seeding day (demo/today.py and its parts):
the day arithmetic, the minimum wage of a year, and the markers that make every part run once per database.

A part is done when the audit log holds its `demo.part_seeded` row (object type "demo", object id the part's
name), written in the part's last unit of work. A second `seed-demo` skips the part; nothing is added twice.
"""

import calendar
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from jobfair.demo.seed import demo_email
from jobfair.extensions import db
from jobfair.models import AuditEvent, Role, UmkSetting, User
from jobfair.rules import dates
from jobfair.services import audit
from jobfair.services.protection import programmes

WITA = dates.WITA
FIRST_LIVING_DAY = date(2026, 1, 1)   # the living demo never dates anything into 2025 (the city's published year)
# Balikpapan's UMK 2026 (Keputusan Gubernur Kalimantan Timur, in force 1 January 2026). Later years are not known
# yet: the demo carries the last known amount over (an admin corrects it on /perlindungan/umk).
UMK_KNOWN = {2026: 3_856_694}
MARKER_ACTION = "demo.part_seeded"


def wita(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """The UTC moment of `hour`:`minute` WITA on `day`."""
    return datetime.combine(day, time(hour, minute), WITA).astimezone(UTC)


def living_day(day: date) -> date:
    """`day`, or 1 January 2026 when it would fall in 2025 (the living demo leaves 2025 as published)."""
    return max(day, FIRST_LIVING_DAY)


def month_end(year: int, month: int) -> date:
    """The last day of a month; `month` may run past 12 (the following years)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def next_weekday(day: date, weekday: int) -> date:
    """`day` itself or the first later day that is `weekday` (Monday 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def month_name(day: date) -> str:
    return dates.month(day)


def part_done(part: str) -> bool:
    return db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == MARKER_ACTION, AuditEvent.object_type == "demo", AuditEvent.object_id == part)
        .limit(1)) is not None


def mark_done(actor, part: str, today: date, **detail) -> None:
    """Record that `part` was seeded (standing on `today`) and commit."""
    audit.record(actor, MARKER_ACTION, object_type="demo", object_id=part,
                 detail={"today": today.isoformat(), "demo": True, **detail})
    db.session.commit()


def demo_admin() -> User | None:
    """The demo admin, else the first admin (only an admin records the UMK)."""
    admin = db.session.scalar(select(User).where(User.email == demo_email(Role.ADMIN.value),
                                                 User.role == Role.ADMIN.value))
    return admin or db.session.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))


def ensure_umk(year: int) -> int:
    """The UMK of `year`; when missing, the demo admin records it (the known amount, else the last year's)."""
    amount = programmes.umk_for(year)
    if amount is not None:
        return amount
    latest = db.session.scalar(select(UmkSetting).where(UmkSetting.year < year).order_by(UmkSetting.year.desc()))
    amount = UMK_KNOWN.get(year) or (latest.amount if latest else 3_701_508)
    admin = demo_admin()
    if admin is None:  # only an admin may record it
        raise RuntimeError(f"UMK {year} is not set and there is no admin account to record it: set it on "
                           "/perlindungan/umk first")
    programmes.set_umk(admin, year, amount)
    return amount


def wage_floor(today: date) -> int:
    """The minimum wage the demo's vacancies start from: the UMK of the year (recorded if missing)."""
    return ensure_umk(today.year)
