"""The city's figures precomputed: the unfiltered headline, the five charts and the filter choices in one row.

The office dashboard (/disnaker/), the city figures page (/disnaker/angka-kota) and the open data read this row
(one statement) instead of aggregating the whole tables on every request; each shows when it was computed.
The figures are exactly those of services.city_figures / city_charts: the snapshot stores their output.

When it is refreshed (app config FIGURES_REFRESH):
- "sync" (development, tests): in the same transaction as any write to a table the figures read, just before
  its commit, so the pages are never stale. The write pays the aggregate queries, not every page view.
- "queue" (production): such a commit only calls the scheduler registered as
  app.extensions["figure_snapshots.schedule"] (the job queue's enqueue of `refresh`, deduplicated there); the
  pages show the last snapshot with its time. `flask refresh-figures` refreshes on demand (or from cron).
- "off": nothing on write (bulk loaders; they call refresh() once at the end).
Reads never aggregate the tables, except once when no snapshot exists yet (a fresh database).
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from flask import current_app, has_app_context
from flask_babel import lazy_gettext
from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from jobfair import messages
from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Application,
    Apprenticeship,
    ApprenticeshipPlace,
    Company,
    CoverMonth,
    Enrolment,
    FairBooth,
    FairRegistration,
    FigureSnapshot,
    JobFair,
    Kecamatan,
    LedgerEntry,
    Placement,
    Programme,
    TrainingCourse,
    TrainingEnrolment,
    Vacancy,
    Worker,
    WorkerCategory,
)
from jobfair.models.base import utcnow

CITY = "city"
# Every table an unfiltered city figure or chart reads (filters only narrow them: seeker_profile is not here).
FIGURE_TABLES = frozenset(model.__table__.name for model in (
    Ak1Card, Application, Apprenticeship, ApprenticeshipPlace, Company, CoverMonth, Enrolment, FairBooth,
    FairRegistration, JobFair, Kecamatan, LedgerEntry, Placement, Programme, TrainingCourse, TrainingEnrolment,
    Vacancy, Worker, WorkerCategory))
_CHANGED = "figure_snapshots.changed"    # session.info: this transaction wrote a figure table
_DEFERRED = "figure_snapshots.deferred"  # session.info: refresh once at the end of a bulk job instead
SCHEDULER = "figure_snapshots.schedule"


@dataclass(frozen=True)
class CitySnapshot:
    figures: list            # city_figures.Figure, unfiltered headline, in section order
    charts: dict             # chart slug -> [(label, value), ...], unfiltered
    fair_choices: list       # [(fair id, label)]
    kecamatan_choices: list  # [(code, name)]
    computed_at: datetime


def compute(now: datetime | None = None) -> dict:
    """The snapshot's payload, computed from the records: the same functions the filtered pages run."""
    from jobfair.services.office import city_charts, city_figures

    now = now or utcnow()
    unfiltered = city_figures.Filters()
    figures = city_figures.headline_for(unfiltered, now=now)
    return {
        "figures": [{"key": fig.key, "label": messages.indonesian(fig.label), "value": fig.value, "unit": fig.unit,
                     "endpoint": fig.endpoint, "args": fig.args, **_label_parts(fig.label)} for fig in figures],
        "charts": {slug: rows(unfiltered) for slug, rows in city_charts.ROWS.items()},
        "fair_choices": city_charts.fair_choices(),
        "kecamatan_choices": city_charts.kecamatan_choices(),
    }


def _label_parts(label) -> dict:
    """A figure's label is stored as its message key and parameters too, so it reads in the reader's language."""
    key, params = messages.parts(label)
    return {"label_key": key, "label_params": params} if key else {}


def _label(stored: dict):
    """The stored label as a lazy message again (older snapshots: the Indonesian text)."""
    if stored.get("label_key"):
        return lazy_gettext(stored["label_key"], **(stored.get("label_params") or {}))
    return stored["label"]


def _store(payload: dict, now: datetime) -> None:
    """Upsert the row (concurrent refreshes: the last commit wins; each saw committed data)."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    values = {"key": CITY, "payload": json.dumps(payload, ensure_ascii=False), "computed_at": now}
    statement = insert(FigureSnapshot).values(**values)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[FigureSnapshot.key], set_={"payload": statement.excluded.payload,
                                                   "computed_at": statement.excluded.computed_at}))


def refresh(now: datetime | None = None) -> datetime:
    """Recompute the city's figures and store them; commits. The job queue and `flask refresh-figures` call it.
    A constant number of aggregate queries (about twenty) whatever the data size. Returns the computation time."""
    now = now or utcnow()
    session = db.session()
    depth = session.info.get(_DEFERRED, 0)
    session.info[_DEFERRED] = depth + 1     # this commit must not trigger another refresh
    try:
        _store(compute(now), now)
        session.commit()
    finally:
        session.info[_DEFERRED] = depth
        if not depth:
            session.info.pop(_DEFERRED, None)
        session.info.pop(_CHANGED, None)
    return now


def city() -> CitySnapshot:
    """The stored snapshot (one statement); computed and stored first if the database has none yet."""
    from jobfair.services.office.city_figures import Figure

    row = db.session.get(FigureSnapshot, CITY)
    if row is None:
        refresh()
        row = db.session.get(FigureSnapshot, CITY)
    data, at = json.loads(row.payload), row.computed_at
    return CitySnapshot(
        figures=[Figure(d["key"], _label(d), d["value"], d["unit"], d["endpoint"], at, d["args"])
                 for d in data["figures"]],
        charts={slug: [tuple(r) for r in rows] for slug, rows in data["charts"].items()},
        fair_choices=[tuple(r) for r in data["fair_choices"]],
        kecamatan_choices=[tuple(r) for r in data["kecamatan_choices"]], computed_at=at)


@contextmanager
def deferred():
    """Around a bulk job of many commits (the demo seed): no refresh per commit, one at the end of the outermost
    (nested uses are fine: a seed step inside the whole seed)."""
    session = db.session()
    depth = session.info.get(_DEFERRED, 0)
    session.info[_DEFERRED] = depth + 1
    try:
        yield
    finally:
        session.info[_DEFERRED] = depth
        if not depth:
            session.info.pop(_DEFERRED, None)
            session.info.pop(_CHANGED, None)
    if not depth and _mode() == "sync":
        refresh()


def refreshed_once(function):
    """Decorator form of deferred()."""
    @wraps(function)
    def wrapper(*args, **kwargs):
        with deferred():
            return function(*args, **kwargs)
    return wrapper


# --- noticing writes -------------------------------------------------------------------------------------------

def _mode() -> str:
    return current_app.config.get("FIGURES_REFRESH", "sync") if has_app_context() else "off"


def _after_flush(session, _context) -> None:
    if _CHANGED in session.info:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(type(obj), "__table__", None)
        if table is not None and table.name in FIGURE_TABLES:
            session.info[_CHANGED] = True
            return


def _do_orm_execute(state) -> None:
    """Bulk Core writes through the session (insert(...).values / executemany, update(), delete())."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in FIGURE_TABLES:
        state.session.info[_CHANGED] = True


def _before_commit(session) -> None:
    if session.info.get(_DEFERRED) or _mode() != "sync" or session is not db.session():
        return
    session.flush()   # pending objects: let _after_flush see them
    if session.info.pop(_CHANGED, False):
        now = utcnow()
        _store(compute(now), now)


def _after_commit(session) -> None:
    if session.info.get(_DEFERRED) or not session.info.pop(_CHANGED, False):
        return
    schedule = current_app.extensions.get(SCHEDULER) if _mode() == "queue" else None
    if schedule is not None:
        schedule()


def _after_rollback(session) -> None:
    session.info.pop(_CHANGED, None)


_installed = False


def init_app(app) -> None:
    """Listen to every session of db (once per process: the listeners read the current app's config)."""
    global _installed
    if _installed:
        return
    event.listen(db.session, "after_flush", _after_flush)
    event.listen(db.session, "do_orm_execute", _do_orm_execute)
    event.listen(db.session, "before_commit", _before_commit)
    event.listen(db.session, "after_commit", _after_commit)
    event.listen(db.session, "after_soft_rollback", lambda session, _previous: _after_rollback(session))
    _installed = True


def latest() -> datetime | None:
    """The snapshot's computation time, or None (for health checks and the CLI)."""
    return db.session.scalar(select(FigureSnapshot.computed_at).where(FigureSnapshot.key == CITY))
