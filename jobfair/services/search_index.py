"""Full-text match, ranking and keyset pages of the vacancy search, per database (called by services/search.py).

Contract, the same on both databases: every searched word must match the title, the company name or the
description; results are ranked by relevance (a title match above a company-name match above a description-only
match), then newest first (published_at, id). When the words match nothing, titles SIMILAR to the words are shown
instead (mode "similar"): PostgreSQL by trigram word similarity (pg_trgm), SQLite by titles whose words begin with
the first 3-4 letters of each typed word. The engines differ in one documented way: PostgreSQL stems Indonesian
words (config `indonesian`: "dibutuhkan" finds "butuh"), SQLite FTS5 matches a word of 3+ letters as a prefix
("gud" finds "gudang").

Pages use a keyset (seek) cursor on (score, published_at, id), so page 500 costs what page 1 costs; old `?page=N`
links are served with a bounded OFFSET (OFFSET_ROWS_LIMIT). Counts are exact up to COUNT_CAP and "more than
COUNT_CAP" above it.
"""

import math
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    Text,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import contains_eager, selectinload

from jobfair.extensions import db
from jobfair.models import Vacancy
from jobfair.rules import search_query
from jobfair.rules.search_query import Cursor, SearchWords

COUNT_CAP = 1000            # "lebih dari 1.000 lowongan" above this
OFFSET_ROWS_LIMIT = 1000    # an old ?page=N link is served only while (N - 1) x per_page stays below this
SCORE_SCALE = 1_000_000     # scores are kept as integers (exact in a cursor): rank x SCORE_SCALE
BM25_WEIGHTS = (10.0, 4.0, 1.0)   # SQLite FTS5 columns: title, company, description
# pg_trgm's default word-similarity threshold (0.6) misses one dropped letter in a short word ("gudng" ~ "gudang"
# is 0.5); the fallback lowers it for its own transaction only (set_config(..., is_local => true)).
WORD_SIMILARITY_THRESHOLD = "0.4"

LISTING, TEXT, SIMILAR, NO_WORDS = "l", "t", "s", "no_words"

_fts = table("vacancy_fts", column("rowid"))
_search_vector = literal_column("vacancy.search_vector", type_=TSVECTOR)
_config = literal_column("'indonesian'::regconfig")


@dataclass
class SearchPage:
    """One page of results. `count` is exact when `count_exact`, else it is COUNT_CAP ("more than")."""

    items: list
    count: int
    count_exact: bool
    page: int
    per_page: int
    mode: str
    has_next: bool = False
    has_prev: bool = False
    next_cursor: str | None = None
    prev_cursor: str | None = None

    @property
    def total(self) -> int:
        return self.count

    @property
    def pages(self) -> int | None:
        return max(1, math.ceil(self.count / self.per_page)) if self.count_exact else None

    @property
    def similar(self) -> bool:
        return self.mode == SIMILAR


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _text_match(query, words: SearchWords, dialect: str):
    """(query restricted to full-text matches, integer score expression)."""
    if dialect == "postgresql":
        tsquery = None
        for tokens in words.words:
            part = func.phraseto_tsquery(_config, bindparam(None, " ".join(tokens), type_=Text), type_=TSQUERY)
            tsquery = part if tsquery is None else tsquery.op("&&", return_type=TSQUERY)(part)
        score = cast(cast(func.ts_rank(_search_vector, tsquery), Float) * SCORE_SCALE, BigInteger)
        return query.where(_search_vector.op("@@", return_type=Boolean)(tsquery)), score
    return _fts5_match(query, search_query.fts5_query(words))


def _similar_match(query, words: SearchWords, dialect: str):
    """(query restricted to titles similar to the words, integer score expression), or (None, None)."""
    if dialect == "postgresql":
        db.session.execute(select(func.set_config("pg_trgm.word_similarity_threshold", WORD_SIMILARITY_THRESHOLD,
                                                  True)))
        text = bindparam(None, words.plain(), type_=Text)
        title = func.lower(Vacancy.title)
        score = cast(cast(func.word_similarity(text, title), Float) * SCORE_SCALE, BigInteger)
        return query.where(title.op("%>", return_type=Boolean)(text)), score   # GIN trigram index on lower(title)
    expression = search_query.fts5_similar_query(words)
    return _fts5_match(query, expression) if expression else (None, None)


def _fts5_match(query, expression: str):
    bm25 = func.bm25(literal_column("vacancy_fts"), *BM25_WEIGHTS)   # negative: lower is better
    score = cast(-bm25 * SCORE_SCALE * 1000, BigInteger)   # bm25 values are small: keep three more digits
    query = query.join(_fts, _fts.c.rowid == Vacancy.id).where(
        literal_column("vacancy_fts").op("MATCH", return_type=Boolean)(bindparam(None, expression, type_=Text)))
    return query, score


def _capped_count(query) -> tuple[int, bool]:
    limited = query.with_only_columns(Vacancy.id).order_by(None).limit(COUNT_CAP + 1).subquery()
    count = db.session.scalar(select(func.count()).select_from(limited))
    return (count, True) if count <= COUNT_CAP else (COUNT_CAP, False)


def _keys(score) -> list:
    return ([score] if score is not None else []) + [Vacancy.published_at, Vacancy.id]


def _fetch(query, score, *, seek: Cursor | None, backwards: bool, offset: int, limit: int) -> list[tuple]:
    """Rows (vacancy, score) in display order: up to `limit` after (or, backwards, before) the cursor."""
    keys = _keys(score)
    if seek is not None:
        bound = tuple_(*keys)
        values = tuple_(*[bindparam(None, value, type_=key.type) for key, value in zip(keys, seek.key(), strict=True)])
        query = query.where(bound > values if backwards else bound < values)
    order = [key.asc() if backwards else key.desc() for key in keys]
    columns = [Vacancy, score if score is not None else literal_column("NULL")]
    query = (query.with_only_columns(*columns).order_by(*order).offset(offset or None).limit(limit)
             .options(contains_eager(Vacancy.company), selectinload(Vacancy.kecamatan)))
    rows = [tuple(row) for row in db.session.execute(query)]
    return rows[::-1] if backwards else rows


def _cursor(mode: str, page: int, row: tuple) -> str:
    vacancy, score = row
    return search_query.encode_cursor(Cursor(mode=mode, page=page, score=score if mode != LISTING else None,
                                             published_at=vacancy.published_at, vacancy_id=vacancy.id))


def search_page(query, words: SearchWords, *, after: str | None = None, before: str | None = None,
                page: int = 1, per_page: int = 20) -> SearchPage:
    """A page of `query` (open vacancies with the filters applied, joined to Company) for the search words."""
    if words.typed and not words.searchable:   # only punctuation or function words ("yang dan di")
        return SearchPage(items=[], count=0, count_exact=True, page=1, per_page=per_page, mode=NO_WORDS)
    query = query.where(Vacancy.published_at.is_not(None))   # set when published; the keyset needs it
    dialect = _dialect()
    raw_cursor, backwards = (after, False) if after else (before, bool(before))
    cursor = search_query.decode_cursor(raw_cursor)
    mode, score = LISTING, None
    if words.searchable:
        mode = cursor.mode if cursor is not None and cursor.mode != LISTING else TEXT
        if mode == TEXT:
            matched, score = _text_match(query, words, dialect)
            count, exact = _capped_count(matched)
            if count == 0 and cursor is None:
                mode = SIMILAR
        if mode == SIMILAR:
            matched, score = _similar_match(query, words, dialect)
            if matched is None:
                return SearchPage(items=[], count=0, count_exact=True, page=1, per_page=per_page, mode=SIMILAR)
            count, exact = _capped_count(matched)
        query = matched
    else:
        count, exact = _capped_count(query)
    if cursor is not None and cursor.mode != mode:
        cursor = None   # a cursor from another kind of result (the words changed): start again
    return _page(query, score, mode, count, exact, cursor, backwards=backwards and cursor is not None,
                 page=page, per_page=per_page)


def _page(query, score, mode, count, exact, cursor, *, backwards: bool, page: int, per_page: int) -> SearchPage:
    if backwards:
        rows = _fetch(query, score, seek=cursor, backwards=True, offset=0, limit=per_page + 1)
        if len(rows) <= per_page:   # nothing before these: show the true first page
            return _page(query, score, mode, count, exact, None, backwards=False, page=1, per_page=per_page)
        rows, number, has_prev, has_next = rows[1:], cursor.page, True, True
    else:
        offset = 0
        if cursor is not None:
            number = cursor.page
        else:
            number = page if 1 < page and (page - 1) * per_page < OFFSET_ROWS_LIMIT else 1
            offset = (number - 1) * per_page
        rows = _fetch(query, score, seek=cursor, backwards=False, offset=offset, limit=per_page + 1)
        has_next, rows = len(rows) > per_page, rows[:per_page]
        has_prev = number > 1
    result = SearchPage(items=[vacancy for vacancy, _score in rows], count=count, count_exact=exact, page=number,
                        per_page=per_page, mode=mode, has_next=has_next and bool(rows),
                        has_prev=has_prev and bool(rows))
    if result.has_next:
        result.next_cursor = _cursor(mode, number + 1, rows[-1])
    if result.has_prev:
        result.prev_cursor = _cursor(mode, number - 1, rows[0])
    return result
