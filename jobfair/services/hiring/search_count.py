"""How many vacancies a search finds, at a bounded cost (called by services/hiring/search_index.py).

An exact COUNT(*) of a broad search reads every match (85,000 rows for the bare listing at 100k vacancies). The
count shown is therefore:

- exact up to COUNT_CAP: counted with `SELECT count(*) FROM (... LIMIT COUNT_CAP + 1)`, which reads at most
  COUNT_CAP + 1 rows whatever the table holds;
- above it, "sekitar N" (about N), N rounded to two significant digits: on PostgreSQL the planner's row estimate
  (EXPLAIN, no row read; when the estimate is above TRUSTED_ESTIMATE the capped count is skipped altogether), on
  SQLite (no estimate to ask for) a second capped count up to SQLITE_ABOUT_CAP rows;
- "lebih dari N" (more than N) when the about figure is not known: PostgreSQL's estimate says fewer than the
  capped count found, or SQLite finds more than SQLITE_ABOUT_CAP.
"""

import json
import math
from dataclasses import dataclass

from sqlalchemy import func, literal_column, select

from jobfair.extensions import db
from jobfair.models import Vacancy
from jobfair.rules.search_query import about

COUNT_CAP = 1000                     # exact up to this
TRUSTED_ESTIMATE = 10 * COUNT_CAP    # PostgreSQL: an estimate above this is shown without counting
SQLITE_ABOUT_CAP = 10 * COUNT_CAP    # SQLite: "sekitar N" up to this, "lebih dari" above

EXACT, ABOUT, MORE_THAN = "exact", "about", "more_than"


@dataclass(frozen=True)
class Count:
    value: int
    kind: str = EXACT


@dataclass
class CountedPage:
    """A page of a list with a bounded count (services/keyset.py, the search): `count_kind` says whether `count`
    is exact, about (an estimate) or "more than"; the cursors lead to the next and previous pages."""

    items: list
    count: int
    count_kind: str
    page: int
    per_page: int
    has_next: bool = False
    has_prev: bool = False
    next_cursor: str | None = None
    prev_cursor: str | None = None

    @property
    def count_exact(self) -> bool:
        return self.count_kind == EXACT

    @property
    def total(self) -> int:
        return self.count

    @property
    def pages(self) -> int | None:
        """The number of pages when the count is exact; None otherwise ("Halaman N" without "dari M")."""
        return max(1, math.ceil(self.count / self.per_page)) if self.count_exact else None


def _narrow(query, whole: bool):
    """`query` without its ORDER BY, reduced to the vacancy id (search) or kept whole (any list: services/keyset.py;
    the columns of a plain SELECT are dropped for a constant, keeping its FROM clauses)."""
    if not whole:
        return query.with_only_columns(Vacancy.id).order_by(None)
    if query._group_by_clauses or query._distinct or query._having_criteria:
        return query.order_by(None)
    return query.with_only_columns(literal_column("1").label("one"), maintain_column_froms=True).order_by(None)


def capped(query, cap: int, *, whole: bool = False) -> int:
    """min(rows of `query`, cap + 1), reading at most cap + 1 rows."""
    limited = _narrow(query, whole).limit(cap + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(limited))


def planner_estimate(query, *, whole: bool = False) -> int | None:
    """PostgreSQL's estimate of the rows of `query` (EXPLAIN: planned, not run); None elsewhere."""
    bind = db.session.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    statement = _narrow(query, whole)
    # render_postcompile: an IN list (a sector filter) becomes one placeholder per value, not "__[POSTCOMPILE_..]"
    compiled = statement.compile(dialect=bind.dialect, compile_kwargs={"render_postcompile": True})
    # The compiled text keeps bound parameters as placeholders: the words typed never become SQL text.
    plan = db.session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled),
                                                   compiled.params).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def bounded_count(query, *, whole: bool = False) -> Count:
    """The count of `query` (restricted to the matches) as described in the module docstring."""
    estimate = planner_estimate(query, whole=True) if whole else planner_estimate(query)
    if estimate is not None and estimate > TRUSTED_ESTIMATE:
        return Count(about(estimate), ABOUT)
    found = capped(query, COUNT_CAP, whole=whole)
    if found <= COUNT_CAP:
        return Count(found)
    if estimate is not None:
        return Count(about(estimate), ABOUT) if estimate > COUNT_CAP else Count(COUNT_CAP, MORE_THAN)
    found = capped(query, SQLITE_ABOUT_CAP, whole=whole)
    return Count(about(found), ABOUT) if found <= SQLITE_ABOUT_CAP else Count(SQLITE_ABOUT_CAP, MORE_THAN)
