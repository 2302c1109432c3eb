"""Keyset (seek) pages of any long list, at the cost of page 1 whatever the page number.

`paginate(query, after=..., before=..., page=..., per_page=...)` pages a SELECT by its own ORDER BY, which must end
with a unique key (the primary key as tie-breaker): `WHERE (keys) < / > (values of the last row) LIMIT
per_page + 1`, never OFFSET over the rows already seen. The ORDER BY may mix directions and hold nullable columns:
when every key is a NOT NULL column in one direction, a row-value comparison (both SQLite and PostgreSQL use the
index with it); otherwise the expanded form `k1 > v1 OR (k1 = v1 AND k2 > v2) ...`, with NULLs sorted last
(`NULLS LAST`, the same on both databases).

The count is bounded (services/hiring/search_count.py): exact up to COUNT_CAP rows, "sekitar N" or "lebih dari N" above,
never a COUNT(*) of every row. The cursors are opaque (rules/keyset_cursor.py); an invalid or tampered one, or a
cursor of another list, serves the first page. Old `?page=N` links are served with a bounded OFFSET while
(N - 1) x per_page < OFFSET_ROWS_LIMIT, else the first page.

`@listing` turns a function that checks the actor and returns the ordered SELECT into the list service: the page
arguments and the call to `paginate` are written once, here.
"""

import functools
from dataclasses import dataclass

from sqlalchemy import Column, and_, bindparam, false, func, or_, select, true, tuple_
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import Label, UnaryExpression
from sqlalchemy.sql.functions import coalesce

from jobfair.extensions import db
from jobfair.rules import keyset_cursor
from jobfair.rules.keyset_cursor import KeysetCursor
from jobfair.services.hiring import search_count
from jobfair.services.hiring.search_count import CountedPage

OFFSET_ROWS_LIMIT = 1000   # a legacy ?page=N is served only while (N - 1) x per_page stays below this
MAX_PER_PAGE = 200
PER_PAGE = 20


class KeysetPage(CountedPage):
    """One page. Quacks like Flask-SQLAlchemy's Pagination where templates and the API read it (items, page,
    pages, total, has_prev, has_next); `count_kind` says whether `total` is exact, about or "more than"."""

    keyset = True

    def __iter__(self):
        return iter(self.items)


@dataclass(frozen=True)
class _Key:
    expression: object
    descending: bool
    nullable: bool
    kind: str


def _kind(sql_type) -> str:
    sql_type = getattr(sql_type, "impl_instance", sql_type)   # a TypeDecorator (UTCDateTime): what it stores
    try:
        kind = keyset_cursor.kind_of_type(sql_type.python_type)
    except NotImplementedError:
        return keyset_cursor.ANY
    return keyset_cursor.AWARE_TIME if kind == "t" and getattr(sql_type, "timezone", False) else kind


def _keys(query) -> list[_Key]:
    keys = []
    for clause in query._order_by_clauses:
        descending, element = False, clause
        if isinstance(clause, UnaryExpression) and clause.modifier in (operators.desc_op, operators.asc_op):
            descending, element = clause.modifier is operators.desc_op, clause.element
        if isinstance(element, UnaryExpression) and element.modifier in (operators.nulls_last_op,
                                                                         operators.nulls_first_op):
            raise ValueError("keyset: give NULLS FIRST/LAST no order of its own; the helper sorts NULLs last")
        column = element.element if isinstance(element, Label) else element
        nullable = not ((isinstance(column, Column) and not column.nullable) or isinstance(column, coalesce))
        keys.append(_Key(element, descending, nullable, _kind(element.type)))
    if not keys:
        raise ValueError("keyset: the query needs an ORDER BY ending with a unique key")
    return keys


def _tag(keys: list[_Key]) -> str:
    return keyset_cursor.ordering_tag(";".join(f"{k.expression}:{int(k.descending)}" for k in keys))


def _ordering(keys: list[_Key], backwards: bool) -> list:
    order = []
    for key in keys:
        clause = key.expression.asc() if key.descending == backwards else key.expression.desc()
        if key.nullable:
            clause = clause.nulls_first() if backwards else clause.nulls_last()
        order.append(clause)
    return order


def _bind(key: _Key, value):
    return bindparam(None, value, type_=key.expression.type)


def _beyond(key: _Key, value, backwards: bool):
    """Rows strictly after `value` on this key in the walking direction (NULLs are last going forward)."""
    greater = key.descending == backwards
    if not backwards:
        if value is None:
            return false()
        step = key.expression > _bind(key, value) if greater else key.expression < _bind(key, value)
        return or_(step, key.expression.is_(None)) if key.nullable else step
    if value is None:
        return key.expression.is_not(None)
    return key.expression > _bind(key, value) if greater else key.expression < _bind(key, value)


def _seek(keys: list[_Key], values: tuple, backwards: bool):
    if all(not k.nullable for k in keys) and len({k.descending for k in keys}) == 1:
        bound = tuple_(*[k.expression for k in keys])
        given = tuple_(*[_bind(k, v) for k, v in zip(keys, values, strict=True)])
        return bound > given if keys[0].descending == backwards else bound < given
    alternatives = []
    for i, key in enumerate(keys):
        equal = [k.expression.is_(None) if v is None else k.expression == _bind(k, v)
                 for k, v in zip(keys[:i], values[:i], strict=True)]
        alternatives.append(and_(true(), *equal, _beyond(key, values[i], backwards)))
    return or_(*alternatives)


def _fetch(query, keys: list[_Key], values: tuple | None, *, backwards: bool, offset: int, limit: int) -> list:
    width = len(keys)
    keyed = query.add_columns(*[k.expression.label(f"keyset_{i}") for i, k in enumerate(keys)])
    if values is not None:
        keyed = keyed.where(_seek(keys, values, backwards))
    keyed = keyed.order_by(None).order_by(*_ordering(keys, backwards)).offset(offset or None).limit(limit)
    rows = [(row[0], tuple(row[-width:])) for row in db.session.execute(keyed).unique()]
    return rows[::-1] if backwards else rows


def bounded_count(query) -> search_count.Count:
    return search_count.bounded_count(query, whole=True)


def paginate(query, *, after: str | None = None, before: str | None = None, page: int | None = 1,
             per_page: int = PER_PAGE, count: bool = True, page_numbers: bool = False) -> KeysetPage:
    """A page of `query` (ordered, the last ORDER BY key unique) after / before an opaque cursor.

    `after` wins when both are given. `count=False` skips the (bounded) count: `total` is then 0, kind "more_than".
    `page_numbers=True` keeps the old contract of a caller that pages by number (the company API without a cursor):
    any `page` is served by OFFSET and the count is exact (a COUNT(*), as db.paginate did).
    """
    per_page = max(1, min(int(per_page or 1), MAX_PER_PAGE))
    keys = _keys(query)
    tag = _tag(keys)
    kinds = tuple(k.kind for k in keys)
    nullable = tuple(k.nullable for k in keys)
    backwards = not after and bool(before)
    cursor = keyset_cursor.decode(after or before, tag, kinds, nullable)
    if page_numbers:
        total = search_count.Count(db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())))
    else:
        total = bounded_count(query) if count else search_count.Count(0, search_count.MORE_THAN)

    def cursor_of(number: int, values: tuple) -> str:
        return keyset_cursor.encode(tag, KeysetCursor(page=number, values=values))

    rows, has_prev, has_next, number = [], False, False, 1
    if cursor is not None and backwards:
        rows = _fetch(query, keys, cursor.values, backwards=True, offset=0, limit=per_page + 1)
        if len(rows) > per_page:
            rows, has_prev, has_next, number = rows[1:], True, True, max(2, cursor.page)
        else:
            cursor, backwards = None, False   # nothing before these rows: serve the true first page
    if not backwards or cursor is None:
        offset = 0
        if cursor is not None:
            number, has_prev = max(2, cursor.page), True
        else:
            page = page or 1
            number = page if 1 < page and (page_numbers or (page - 1) * per_page < OFFSET_ROWS_LIMIT) else 1
            offset, has_prev = (number - 1) * per_page, number > 1
        rows = _fetch(query, keys, cursor.values if cursor else None, backwards=False, offset=offset,
                      limit=per_page + 1)
        has_next, rows = len(rows) > per_page, rows[:per_page]
        if not rows and cursor is not None:   # past the end (the rows went away): the first page
            return paginate(query, page=1, per_page=per_page, count=count)
    result = KeysetPage(items=[item for item, _values in rows], count=total.value, count_kind=total.kind,
                        page=number, per_page=per_page, has_next=has_next and bool(rows),
                        has_prev=has_prev and bool(rows))
    if result.has_next:
        result.next_cursor = cursor_of(number + 1, rows[-1][1])
    if result.has_prev:
        result.prev_cursor = cursor_of(number - 1, rows[0][1])
    return result


def listing(build):
    """A list service from `build(actor, **filters)`, which checks the actor and returns the ordered SELECT.

    The service takes `(actor, page=1, per_page=PER_PAGE, *, after=None, before=None, page_numbers=False,
    **filters)` and returns `paginate` of that SELECT; the checks run before anything is read.
    """
    @functools.wraps(build)
    def list_service(actor, page: int | None = 1, per_page: int = PER_PAGE, *, after: str | None = None,
                     before: str | None = None, page_numbers: bool = False, **filters) -> KeysetPage:
        return paginate(build(actor, **filters), after=after, before=before, page=page, per_page=per_page,
                        page_numbers=page_numbers)
    return list_service
