"""services/keyset.py: keyset pages of any ordered SELECT, on SQLite and PostgreSQL."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from jobfair.models import User
from jobfair.rules import keyset_cursor
from jobfair.services import keyset

BASE = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
ROWS = 23


@pytest.fixture
def users(db):
    made = []
    for n in range(ROWS):
        user = User(email=f"k{n}@example.id", password_hash="x", role="seeker" if n % 3 else "school",
                    full_name=f"Nama {n % 5}", phone=None if n % 4 == 0 else f"08{n % 6}",
                    created_at=BASE + timedelta(hours=n % 4),   # ties on the sort key
                    last_login_at=None if n % 3 == 0 else BASE - timedelta(days=n % 7))
        db.session.add(user)
        made.append(user)
    db.session.commit()
    return [(u.id, u.created_at, u.phone, u.full_name, u.last_login_at, u.role) for u in made]


def _nulls_last(value, descending):
    return (value is None, value if value is not None else 0) if not descending else (value is not None, value or 0)


ORDERINGS = {
    "newest": ([User.created_at.desc(), User.id.desc()],
               lambda r: sorted(r, key=lambda x: (x[1], x[0]), reverse=True)),
    "phone": ([User.phone, User.id],   # nullable key, NULLs last
              lambda r: sorted(r, key=lambda x: ((x[2] is None), x[2] or "", x[0]))),
    "mixed": ([User.full_name.asc(), User.created_at.desc(), User.id.desc()],
              lambda r: sorted(sorted(r, key=lambda x: (x[1], x[0]), reverse=True), key=lambda x: x[3])),
    "login": ([User.last_login_at.desc(), User.id.desc()],   # nullable and descending: NULLs still last
              lambda r: sorted(sorted([x for x in r if x[4] is not None], key=lambda x: (x[4], x[0]), reverse=True))
              and sorted([x for x in r if x[4] is not None], key=lambda x: (x[4], x[0]), reverse=True)
              + sorted([x for x in r if x[4] is None], key=lambda x: x[0], reverse=True)),
}


def _walk(query, per_page):
    pages, page = [], keyset.paginate(query, per_page=per_page)
    while True:
        pages.append(page)
        if not page.has_next:
            return pages
        page = keyset.paginate(query, after=page.next_cursor, per_page=per_page)


@pytest.mark.parametrize("name", sorted(ORDERINGS))
@pytest.mark.parametrize("per_page", [1, 4, 5, 23, 30])
def test_forward_gives_every_row_once_in_order_and_backward_the_same_pages(db, users, name, per_page):
    order, expected_of = ORDERINGS[name]
    query = select(User).order_by(*order)
    pages = _walk(query, per_page)
    expected = [row[0] for row in expected_of(users)]
    assert [u.id for p in pages for u in p.items] == expected
    assert [p.page for p in pages] == list(range(1, len(pages) + 1))
    assert len(pages) == -(-ROWS // per_page)
    assert not pages[0].has_prev and pages[0].prev_cursor is None and not pages[-1].has_next
    assert all(p.total == ROWS and p.count_exact for p in pages)
    # backward from the last page through the "Sebelumnya" links: the same pages, in reverse
    page = pages[-1]
    for earlier in reversed(pages[:-1]):
        page = keyset.paginate(query, before=page.prev_cursor, per_page=per_page)
        assert [u.id for u in page.items] == [u.id for u in earlier.items]
        assert page.page == earlier.page and page.has_next and page.has_prev == (earlier.page > 1)


def test_filters_are_kept_on_every_page(db, users):
    query = select(User).where(User.role == "school").order_by(User.created_at.desc(), User.id.desc())
    pages = _walk(query, 2)
    schools = sorted((r for r in users if r[5] == "school"), key=lambda x: (x[1], x[0]), reverse=True)
    assert [u.id for p in pages for u in p.items] == [r[0] for r in schools]
    assert all(u.role == "school" for p in pages for u in p.items)
    assert pages[0].total == len(schools)


def _first_page_ids(query, per_page=5):
    return [u.id for u in keyset.paginate(query, per_page=per_page).items]


@pytest.mark.parametrize("bad", [
    "garbage", "", "!!!", "a" * 5000, base64.urlsafe_b64encode(b"[1,2,3]").decode(),
    base64.urlsafe_b64encode(b'{"a": 1}').decode(), base64.urlsafe_b64encode(b"\xff\xfe").decode(),
])
def test_an_invalid_cursor_serves_the_first_page(db, users, bad):
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    for direction in ("after", "before"):
        page = keyset.paginate(query, per_page=5, **{direction: bad})
        assert page.page == 1 and not page.has_prev
        assert [u.id for u in page.items] == _first_page_ids(query)


def test_a_tampered_or_foreign_cursor_serves_the_first_page(db, users):
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    good = keyset.paginate(query, per_page=5).next_cursor
    tag, page, values = json.loads(base64.urlsafe_b64decode(good + "=" * (-len(good) % 4)))
    def forged(*parts):
        return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode()
    cases = [forged(tag, page, [["s", "2026"], values[1]]),          # a text where a time is expected
             forged(tag, page, [values[0], ["i", "1 OR 1=1"]]),        # not an integer
             forged(tag, page, [["t", "2026-01-05T08:00:00"], values[1]]),   # a time without its zone
             forged(tag, page, [["t", "not a time"], values[1]]),
             forged(tag, page, [values[0]]),                           # a key missing
             forged(tag, page, [values[0], ["n", ""]]),                # NULL on a NOT NULL key
             forged(tag, 0, values), forged(tag, "2", values),         # page numbers out of range / not int
             forged("ffffffff", page, values)]                         # another list's cursor
    other = select(User).order_by(User.phone, User.id)
    cases.append(keyset.paginate(other, per_page=5).next_cursor)
    for cursor in cases:
        result = keyset.paginate(query, after=cursor, per_page=5)
        assert result.page == 1 and [u.id for u in result.items] == _first_page_ids(query), cursor


def test_a_cursor_past_the_end_serves_the_first_page(db, users):
    query = select(User).order_by(User.id)
    last_id = max(r[0] for r in users)
    beyond = keyset_cursor.encode(keyset._tag(keyset._keys(query)), keyset_cursor.KeysetCursor(3, (last_id + 10,)))
    page = keyset.paginate(query, after=beyond, per_page=5)
    assert page.page == 1 and len(page.items) == 5


def test_legacy_page_numbers_are_served_while_small(db, users):
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    pages = _walk(query, 5)
    second = keyset.paginate(query, page=2, per_page=5)
    assert [u.id for u in second.items] == [u.id for u in pages[1].items] and second.has_prev
    assert keyset.paginate(query, page=10_000, per_page=5).page == 1   # too deep for OFFSET: the first page


def test_the_count_is_bounded(db, users, monkeypatch):
    from jobfair.services.hiring import search_count
    monkeypatch.setattr(search_count, "COUNT_CAP", 10)
    monkeypatch.setattr(search_count, "SQLITE_ABOUT_CAP", 15)
    monkeypatch.setattr(search_count, "TRUSTED_ESTIMATE", 10_000)
    page = keyset.paginate(select(User).order_by(User.id), per_page=5)
    assert page.count_kind in ("about", "more_than") and page.pages is None
    assert len(page.items) == 5 and page.has_next


def test_page_numbers_keep_the_old_contract(db, users, monkeypatch):
    monkeypatch.setattr(keyset, "OFFSET_ROWS_LIMIT", 5)
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    expected = [u.id for p in _walk(query, 1) for u in p.items]
    page = keyset.paginate(query, page=20, per_page=1, page_numbers=True)
    assert page.page == 20 and [u.id for u in page.items] == [expected[19]] and page.pages == ROWS
    assert keyset.paginate(query, page=20, per_page=1).page == 1   # beyond the OFFSET limit without it
