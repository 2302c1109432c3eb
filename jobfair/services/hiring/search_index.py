"""Full-text match, ranking and keyset pages of the vacancy search, per database (called by services/hiring/search.py).

Contract, the same on both databases: every searched word must match the title, the company name or the
description; results are ranked by relevance (a title match above a company-name match above a description-only
match), then newest first (published_at, id). When the words match nothing, titles SIMILAR to the words are shown
instead (mode "similar"): PostgreSQL by trigram word similarity (pg_trgm), SQLite by titles whose words begin with
the first 3-4 letters of each typed word. The engines differ in one documented way: PostgreSQL stems Indonesian
words (config `indonesian`: "dibutuhkan" finds "butuh"), SQLite FTS5 matches a word of 3+ letters as a prefix
("gud" finds "gudang").

Ranking is bounded: a word search takes the RANKED_WINDOW newest matches (the listing index scanned newest first,
or the full-text index, as the planner finds cheaper) and ranks only those by relevance, then recency; older matches
follow, newest first (score TAIL_SCORE). So a word found in 40 % of the vacancies costs about what a rare word
costs: nothing scores every match. The window is recomputed on each page; a vacancy published between two page
loads can move one match across the window's edge.

Pages use a keyset (seek) cursor on (score, published_at, id), so page 500 costs what page 1 costs; old `?page=N`
links are served with a bounded OFFSET (OFFSET_ROWS_LIMIT). Counts come from hiring/search_count.py: exact up to
COUNT_CAP, "sekitar N" (an estimate) or "lebih dari N" above it, never a full COUNT(*).
"""

from dataclasses import dataclass, field

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
from sqlalchemy.orm import contains_eager, joinedload

from jobfair.extensions import db
from jobfair.models import Vacancy
from jobfair.rules import search_query
from jobfair.rules.search_query import Cursor, SearchWords
from jobfair.services.hiring import search_count
from jobfair.services.hiring.search_count import COUNT_CAP, EXACT, Count, CountedPage

__all__ = ["COUNT_CAP", "SearchPage", "search_page"]

OFFSET_ROWS_LIMIT = 1000    # an old ?page=N link is served only while (N - 1) x per_page stays below this
RANKED_WINDOW = 200         # a word search ranks the newest RANKED_WINDOW matches (10 pages of 20)
TAIL_SCORE = -1             # the score of the older matches after the window (real scores are >= 0)
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
class SearchPage(CountedPage):
    """One page of results (a CountedPage) and how they were found: `mode` listing, text or similar."""

    mode: str = field(kw_only=True)

    @property
    def similar(self) -> bool:
        return self.mode == SIMILAR


@dataclass(frozen=True)
class _Match:
    """A query restricted to the matches, the columns the window carries, and how to score a window row."""

    query: object
    carried: list
    score_of: object   # (window subquery) -> integer score expression


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _as_score(expression):
    return cast(cast(expression, Float) * SCORE_SCALE, BigInteger)


def _text_match(query, words: SearchWords, dialect: str) -> _Match:
    if dialect == "postgresql":
        def tsquery():   # fresh bound parameters for each place the query appears
            result = None
            for tokens in words.words:
                part = func.phraseto_tsquery(_config, bindparam(None, " ".join(tokens), type_=Text), type_=TSQUERY)
                result = part if result is None else result.op("&&", return_type=TSQUERY)(part)
            return result
        # ts_rank runs in the outer query, over the window's rows only, not over every match.
        return _Match(query.where(_search_vector.op("@@", return_type=Boolean)(tsquery())),
                      [_search_vector.label("document")],
                      lambda window: _as_score(func.ts_rank(window.c.document, tsquery())))
    return _fts5_match(query, search_query.fts5_query(words))


def _similar_match(query, words: SearchWords, dialect: str) -> _Match | None:
    if dialect == "postgresql":
        db.session.execute(select(func.set_config("pg_trgm.word_similarity_threshold", WORD_SIMILARITY_THRESHOLD,
                                                  True)))
        title = func.lower(Vacancy.title)
        typed = bindparam(None, words.plain(), type_=Text)
        return _Match(query.where(title.op("%>", return_type=Boolean)(typed)),   # GIN trigram index on lower(title)
                      [title.label("document")],
                      lambda window: _as_score(func.word_similarity(bindparam(None, words.plain(), type_=Text),
                                                                    window.c.document)))
    expression = search_query.fts5_similar_query(words)
    return _fts5_match(query, expression) if expression else None


def _fts5_match(query, expression: str) -> _Match:
    # bm25() only exists inside the MATCH query, so SQLite scores in the window's own query.
    bm25 = func.bm25(literal_column("vacancy_fts"), *BM25_WEIGHTS)   # negative: lower is better
    score = cast(-bm25 * SCORE_SCALE * 1000, BigInteger)   # bm25 values are small: keep three more digits
    query = query.join(_fts, _fts.c.rowid == Vacancy.id).where(
        literal_column("vacancy_fts").op("MATCH", return_type=Boolean)(bindparam(None, expression, type_=Text)))
    return _Match(query, [score.label("score")], lambda window: window.c.score)


def _recency() -> list:
    return [Vacancy.published_at.desc(), Vacancy.id.desc()]


def _window(match: _Match) -> list[tuple]:
    """The RANKED_WINDOW newest matches as (score, published_at, id), best first."""
    newest = (match.query.with_only_columns(Vacancy.id, Vacancy.published_at, *match.carried)
              .order_by(*_recency()).limit(RANKED_WINDOW).subquery())
    rows = db.session.execute(select(match.score_of(newest), newest.c.published_at, newest.c.id))
    return sorted((tuple(row) for row in rows), reverse=True)


def _seek(query, keys: list, key: tuple, *, before: bool):
    bound = tuple_(*keys)
    values = tuple_(*[bindparam(None, value, type_=k.type) for k, value in zip(keys, key, strict=True)])
    return query.where(bound > values if before else bound < values)


def _fetch(query, *, seek: tuple | None, backwards: bool, offset: int, limit: int) -> list[tuple]:
    """Newest-first rows (vacancy, None) after (or, backwards, before) the (published_at, id) `seek`."""
    keys = [Vacancy.published_at, Vacancy.id]
    if seek is not None:
        query = _seek(query, keys, seek, before=backwards)
    order = [key.asc() if backwards else key.desc() for key in keys]
    query = (query.with_only_columns(Vacancy).order_by(*order).offset(offset or None).limit(limit)
             .options(contains_eager(Vacancy.company), joinedload(Vacancy.kecamatan)))
    rows = [(vacancy, None) for vacancy in db.session.scalars(query)]
    return rows[::-1] if backwards else rows


def _window_rows(query, keys: list[tuple]) -> list[tuple]:
    """(vacancy, score) for window keys, in their order (one query for the page's vacancies)."""
    if not keys:
        return []
    ids = [key[2] for key in keys]
    loaded = {v.id: v for v in db.session.scalars(
        query.with_only_columns(Vacancy).where(Vacancy.id.in_(ids))
        .options(contains_eager(Vacancy.company), joinedload(Vacancy.kecamatan)))}
    return [(loaded[key[2]], key[0]) for key in keys if key[2] in loaded]


def _tail_rows(match: _Match, edge: tuple, *, seek: tuple | None, backwards: bool, offset: int,
               limit: int) -> list[tuple]:
    """The matches older than the window's oldest row `edge` (published_at, id), newest first, score TAIL_SCORE."""
    tail = _seek(match.query, [Vacancy.published_at, Vacancy.id], edge, before=False)
    rows = _fetch(tail, seek=seek, backwards=backwards, offset=offset, limit=limit) if limit > 0 else []
    return [(vacancy, TAIL_SCORE) for vacancy, _none in rows]


def _fetch_ranked(query, match: _Match, window: list[tuple], *, seek: Cursor | None, backwards: bool,
                  offset: int, limit: int) -> list[tuple]:
    """Rows (vacancy, score) in display order: the ranked window, then the older matches (the tail)."""
    full = len(window) >= RANKED_WINDOW
    edge = min((key[1], key[2]) for key in window) if full else None
    in_tail = seek is not None and seek.score == TAIL_SCORE
    if not backwards:
        keys = [] if in_tail else [key for key in window if seek is None or key < seek.key()]
        rows = _window_rows(query, keys[offset:offset + limit])
        if len(rows) < limit and full:
            rows += _tail_rows(match, edge, seek=seek.key()[1:] if in_tail else None, backwards=False,
                               offset=max(0, offset - len(keys)), limit=limit - len(rows))
        return rows
    tail = _tail_rows(match, edge, seek=seek.key()[1:], backwards=True, offset=0, limit=limit) if in_tail and full \
        else []
    keys = window if in_tail else [key for key in window if key > seek.key()]
    need = limit - len(tail)
    return _window_rows(query, keys[-need:] if need > 0 else []) + tail


def _cursor(mode: str, page: int, row: tuple) -> str:
    vacancy, score = row
    return search_query.encode_cursor(Cursor(mode=mode, page=page, score=score if mode != LISTING else None,
                                             published_at=vacancy.published_at, vacancy_id=vacancy.id))


def search_page(query, words: SearchWords, *, after: str | None = None, before: str | None = None,
                page: int = 1, per_page: int = 20) -> SearchPage:
    """A page of `query` (open vacancies with the filters applied, joined to Company) for the search words."""
    if words.typed and not words.searchable:   # only punctuation or function words ("yang dan di")
        return SearchPage(items=[], count=0, count_kind=EXACT, page=1, per_page=per_page, mode=NO_WORDS)
    query = query.where(Vacancy.published_at.is_not(None))   # set when published; the keyset needs it
    dialect = _dialect()
    raw_cursor, backwards = (after, False) if after else (before, bool(before))
    cursor = search_query.decode_cursor(raw_cursor)
    if not words.searchable:
        if cursor is not None and cursor.mode != LISTING:
            cursor = None

        def fetch_listing(*, seek, backwards, offset, limit):
            return _fetch(query, seek=seek.key() if seek else None, backwards=backwards, offset=offset, limit=limit)
        return _page(fetch_listing, LISTING, search_count.bounded_count(query), cursor,
                     backwards=backwards and bool(cursor), page=page, per_page=per_page)
    mode = cursor.mode if cursor is not None and cursor.mode != LISTING else TEXT
    match = _text_match(query, words, dialect) if mode == TEXT else None
    window = _window(match) if match is not None else []
    if not window and cursor is None:
        mode = SIMILAR
    if mode == SIMILAR:
        match = _similar_match(query, words, dialect)
        window = _window(match) if match is not None else []
    if not window:
        return SearchPage(items=[], count=0, count_kind=EXACT, page=1, per_page=per_page, mode=mode)
    count = search_count.bounded_count(match.query) if len(window) >= RANKED_WINDOW else Count(len(window))
    if cursor is not None and cursor.mode != mode:
        cursor = None   # a cursor from another kind of result (the words changed): start again

    def fetch(*, seek, backwards, offset, limit):
        return _fetch_ranked(query, match, window, seek=seek, backwards=backwards, offset=offset, limit=limit)
    return _page(fetch, mode, count, cursor, backwards=backwards and cursor is not None, page=page,
                 per_page=per_page)


def _page(fetch, mode: str, count: Count, cursor, *, backwards: bool, page: int, per_page: int) -> SearchPage:
    if backwards:
        rows = fetch(seek=cursor, backwards=True, offset=0, limit=per_page + 1)
        if len(rows) <= per_page:   # nothing before these: show the true first page
            return _page(fetch, mode, count, None, backwards=False, page=1, per_page=per_page)
        rows, number, has_prev, has_next = rows[1:], cursor.page, True, True
    else:
        offset = 0
        if cursor is not None:
            number = cursor.page
        else:
            number = page if 1 < page and (page - 1) * per_page < OFFSET_ROWS_LIMIT else 1
            offset = (number - 1) * per_page
        rows = fetch(seek=cursor, backwards=False, offset=offset, limit=per_page + 1)
        has_next, rows = len(rows) > per_page, rows[:per_page]
        has_prev = number > 1
    result = SearchPage(items=[vacancy for vacancy, _score in rows], count=count.value, count_kind=count.kind,
                        page=number, per_page=per_page, mode=mode, has_next=has_next and bool(rows),
                        has_prev=has_prev and bool(rows))
    if result.has_next:
        result.next_cursor = _cursor(mode, number + 1, rows[-1])
    if result.has_prev:
        result.prev_cursor = _cursor(mode, number - 1, rows[0])
    return result
