"""Vacancy search on the full-text index (PostgreSQL tsvector + pg_trgm, SQLite FTS5) with keyset pages.

The same expectations hold on both databases, except where a test says it checks one engine's documented
contract: PostgreSQL stems Indonesian words, SQLite matches a word of 3+ letters as a prefix.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select, text

from jobfair.models import Vacancy
from jobfair.services.hiring import search, search_count, search_index
from tests import factories

TODAY = date.today()
NOW = datetime.now(UTC)


def _vacancy(company=None, minutes_ago: int = 0, **fields):
    return factories.published_vacancy(company, published_at=NOW - timedelta(minutes=minutes_ago), **fields)


def _titles(**kw) -> list[str]:
    return [v.title for v in search.search_vacancies(today=TODAY, **kw).items]


def _is_postgres(db) -> bool:
    return db.engine.dialect.name == "postgresql"


@pytest.fixture
def warehouse(db):
    """A few open vacancies of two companies, newest last."""
    maju = factories.application_company(company_name="PT Maju Logistik")
    jaya = factories.application_company(company_name="CV Operator Jaya")
    return {
        "forklift": _vacancy(maju, 50, title="Operator Forklift", description="Memindahkan palet di gudang."),
        "admin": _vacancy(maju, 40, title="Admin Gudang", description="Dibutuhkan admin untuk stok barang.",
                          kecamatan_code="647101"),
        "kasir": _vacancy(jaya, 30, title="Kasir", description="Melayani pembeli di toko."),
        "staff": _vacancy(maju, 20, title="Staf Produksi", description="Membantu operator mesin di pabrik."),
        "las": _vacancy(maju, 10, title="Juru Las", description="Pengelasan pipa."),
    }


def test_words_match_title_company_or_description_and_rank_title_first(warehouse):
    # A title match ranks above a company-name match above a description-only match, though those are newer.
    assert _titles(q="operator") == ["Operator Forklift", "Kasir", "Staf Produksi"]
    assert _titles(q="admin gudang") == ["Admin Gudang"]            # every word must match
    assert _titles(q="gudang") == ["Admin Gudang", "Operator Forklift"]  # title above description
    assert _titles(q="GUDANG") == _titles(q="gudang")


def test_typos_fall_back_to_similar_titles(warehouse):
    page = search.search_vacancies(q="operatr", today=TODAY)
    assert [v.title for v in page.items] == ["Operator Forklift"] and page.similar
    assert _titles(q="gudng")[0] == "Admin Gudang"
    assert _titles(q="admin gudng") == ["Admin Gudang"]
    assert not search.search_vacancies(q="operator", today=TODAY).similar   # exact words: no fallback
    assert _titles(q="zzqxw") == []


def test_a_word_begun_is_found(warehouse):
    # SQLite: prefix match of the full-text index; PostgreSQL: the trigram fallback. Same result for the seeker.
    assert _titles(q="gud")[0] == "Admin Gudang"
    assert _titles(q="forkli") == ["Operator Forklift"]


def test_postgresql_stems_indonesian_words(db, warehouse):
    if not _is_postgres(db):
        pytest.skip("stemming is PostgreSQL's contract (config 'indonesian'); SQLite FTS5 matches prefixes")
    # "butuh" is the stem of "Dibutuhkan" in Admin Gudang's description; "membantu" shares its stem "bantu".
    assert _titles(q="butuh") == ["Admin Gudang"]
    assert _titles(q="dibutuhkan") == ["Admin Gudang"]
    assert _titles(q="bantuan") == ["Staf Produksi"]


def test_sqlite_matches_a_word_as_a_prefix(db, warehouse):
    if _is_postgres(db):
        pytest.skip("prefix match is SQLite FTS5's contract; PostgreSQL stems")
    page = search.search_vacancies(q="pengel", today=TODAY)
    assert [v.title for v in page.items] == ["Juru Las"] and not page.similar


def test_filters_apply_to_word_searches_and_to_the_fallback(warehouse):
    assert _titles(q="gudang", kecamatan="647101") == ["Admin Gudang"]
    assert _titles(q="gudng", kecamatan="647103") == []
    assert _titles(q="operator", employment_type="contract", wage_min=4_000_000) == [
        "Operator Forklift", "Kasir", "Staf Produksi"]
    assert _titles(q="operator", education="SD") == []   # every vacancy asks for SMA


def test_drafts_expired_vacancies_and_unverified_companies_are_not_searched(db, warehouse):
    _vacancy(title="Operator Crane", status="draft")
    _vacancy(title="Operator Excavator", valid_until=TODAY - timedelta(days=1), valid_from=TODAY - timedelta(days=9))
    _vacancy(factories.make_company_user(), title="Operator Genset")   # company not verified
    assert _titles(q="operator") == ["Operator Forklift", "Kasir", "Staf Produksi"]
    assert _titles(q="crane") == _titles(q="excavatr") == _titles(q="genset") == []


def test_no_words_lists_every_open_vacancy_newest_first(warehouse):
    page = search.search_vacancies(q="", today=TODAY)
    assert [v.title for v in page.items] == ["Juru Las", "Staf Produksi", "Kasir", "Admin Gudang",
                                             "Operator Forklift"]
    assert page.count == 5 and page.count_exact and page.pages == 1 and not page.has_next and not page.has_prev
    assert _titles(q="   ") == [v.title for v in page.items]


@pytest.mark.parametrize("odd", ["%", "_", "%%", "'", '"', "*", "-", "()", "NEAR", "yang dan di", "'; DROP TABLE x; --",
                                 "x" * 10_000, "\x00", "١٢٣"])
def test_odd_input_is_harmless(db, warehouse, odd):
    page = search.search_vacancies(q=odd, today=TODAY)
    assert page.items == [] and not page.has_next
    assert db.session.scalar(select(func.count()).select_from(Vacancy)) == 5


def test_only_function_words_or_punctuation_find_nothing_and_say_so(warehouse):
    for odd in ("yang dan di", "%", "()"):
        page = search.search_vacancies(q=odd, today=TODAY)
        assert page.mode == search_index.NO_WORDS and page.count == 0
    assert _titles(q="operator yang") == _titles(q="operator")   # function words are dropped from a query


@pytest.mark.parametrize("query", ['"operator"', 'operator"', "operator*", "-operator", "(operator)", "%operator%",
                                  "operator_", "OPERATOR!!", "operator:", "^operator", "operator + -"])
def test_search_syntax_is_taken_as_words(warehouse, query):
    assert _titles(q=query)[0] == "Operator Forklift"   # no operator of the engines applies, no error


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_is_a_valid_search(db, text):
    page = search.search_vacancies(q=text, today=TODAY)
    assert page.count >= len(page.items)


def _walk(per_page: int, **kw) -> tuple[list[int], list[int]]:
    """(ids walking forward with `after`, page numbers seen)."""
    page = search.search_vacancies(today=TODAY, per_page=per_page, **kw)
    ids, numbers = [v.id for v in page.items], [page.page]
    while page.has_next:
        page = search.search_vacancies(today=TODAY, per_page=per_page, after=page.next_cursor, **kw)
        ids += [v.id for v in page.items]
        numbers.append(page.page)
    return ids, numbers


def test_walking_the_cursor_lists_every_open_vacancy_once_in_order(db):
    company = factories.application_company()
    vacancies = [_vacancy(company, minutes_ago=n // 3, title=f"Operator {n:02d}") for n in range(23)]  # ties by 3
    _vacancy(company, title="Operator Tutup", status="closed")
    expected = [v.id for v in sorted(vacancies, key=lambda v: (v.published_at, v.id), reverse=True)]
    ids, numbers = _walk(per_page=5)
    assert ids == expected and numbers == [1, 2, 3, 4, 5]
    # And back: each `before` link shows the page before, down to the first.
    page = search.search_vacancies(today=TODAY, per_page=5, page=5)
    assert page.page == 5 and [v.id for v in page.items] == expected[20:]
    back = []
    while page.has_prev:
        page = search.search_vacancies(today=TODAY, per_page=5, before=page.prev_cursor)
        back.insert(0, [v.id for v in page.items])
    assert sum(back, []) == expected[:20] and page.page == 1


def test_walking_ranked_results_lists_each_match_once(db):
    company = factories.application_company()
    in_title = [_vacancy(company, n, title=f"Operator {n}") for n in range(7)]
    in_text = [_vacancy(company, n, title=f"Staf {n}", description="Membantu operator.") for n in range(6)]
    _vacancy(company, title="Kasir")
    ids, numbers = _walk(per_page=4, q="operator")
    assert sorted(ids) == sorted(v.id for v in in_title + in_text) and len(ids) == 13 and numbers == [1, 2, 3, 4]
    assert set(ids[:7]) == {v.id for v in in_title}   # title matches first, on every page


def test_a_similar_result_walks_as_similar(db):
    company = factories.application_company()
    for n in range(5):
        _vacancy(company, n, title=f"Operator Gudang {n}")
    page = search.search_vacancies(q="operatr", per_page=2, today=TODAY)
    ids = [v.id for v in page.items]
    while page.has_next:
        page = search.search_vacancies(q="operatr", per_page=2, after=page.next_cursor, today=TODAY)
        assert page.similar
        ids += [v.id for v in page.items]
    assert len(ids) == len(set(ids)) == 5


def test_cursors_that_do_not_decode_serve_the_first_page(warehouse):
    first = _titles()
    for junk in ("", "abc", "%%%", "x" * 500, "dC4yLi4xLjE", "cS4xLjEuMS4x", "bC4wLi4xLjE"):
        assert _titles(after=junk) == first and _titles(before=junk) == first


def test_old_page_links_are_served_within_the_offset_bound(db):
    company = factories.application_company()
    for n in range(5):
        _vacancy(company, n, title=f"Operator {n}")
    assert _titles(per_page=2, page=2) == ["Operator 2", "Operator 3"]
    assert _titles(per_page=2, page=10_000) == ["Operator 0", "Operator 1"]   # past the bound: the first page
    assert search.legacy_page_served(50) and not search.legacy_page_served(51)


def _bulk_operators(db, company, n: int, **fields) -> None:
    row = dict(company_id=company.company_id, title="Operator", description="", openings=1, hired_count=0,
               valid_from=TODAY, valid_until=TODAY, kecamatan_code="647101", employment_type="contract",
               status="published", published_at=NOW, disability_friendly=False)
    db.session.execute(insert(Vacancy), [dict(row, title=f"Operator {i}", **fields) for i in range(n)])
    db.session.commit()


def _analyze(db) -> None:
    if _is_postgres(db):   # PostgreSQL's estimate comes from the table's statistics
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def test_counts_are_exact_up_to_the_cap_then_about(db):
    company = factories.application_company()
    _bulk_operators(db, company, search_count.COUNT_CAP)
    page = search.search_vacancies(q="operator", today=TODAY)
    assert page.count == 1000 and page.count_exact and page.pages == 50   # bulk inserts are indexed too
    _bulk_operators(db, company, 500)
    _vacancy(company, title="Operator Baru", description="")
    _analyze(db)
    for q in ("operator", ""):
        page = search.search_vacancies(q=q, today=TODAY)
        assert page.count_kind == search_count.ABOUT and not page.count_exact and page.pages is None
        assert 1_300 <= page.count <= 1_700 and page.count % 100 == 0 and page.has_next   # 1,501 rounded
        assert page.items[0].title == "Operator Baru"


def test_a_count_that_cannot_be_estimated_says_more_than(db, monkeypatch):
    company = factories.application_company()
    _bulk_operators(db, company, 30)
    monkeypatch.setattr(search_count, "COUNT_CAP", 10)
    monkeypatch.setattr(search_count, "SQLITE_ABOUT_CAP", 20)
    monkeypatch.setattr(search_count, "planner_estimate", lambda query: None if not _is_postgres(db) else 5)
    page = search.search_vacancies(q="", today=TODAY)
    assert (page.count, page.count_kind) == (10 if _is_postgres(db) else 20, search_count.MORE_THAN)


def test_only_the_newest_matches_are_ranked_then_the_older_follow_newest_first(db, monkeypatch):
    monkeypatch.setattr(search_index, "RANKED_WINDOW", 4)
    company = factories.application_company()
    old_title = _vacancy(company, 100, title="Operator Lama", description="")
    in_text = [_vacancy(company, 10 - n, title=f"Staf {n}", description="Membantu operator.") for n in range(6)]
    new_title = _vacancy(company, 0, title="Operator Baru", description="")
    _vacancy(company, title="Kasir")
    ids, numbers = _walk(per_page=2, q="operator")
    newest = [new_title.id, in_text[5].id, in_text[4].id, in_text[3].id]   # the window: 4 newest matches
    older = [in_text[2].id, in_text[1].id, in_text[0].id, old_title.id]    # after it, newest first
    assert ids[0] == new_title.id and sorted(ids[:4]) == sorted(newest) and ids[4:] == older
    assert numbers == [1, 2, 3, 4]
    # Walking back from the last page gives the same pages in reverse, across the window's edge.
    page = search.search_vacancies(q="operator", per_page=3, today=TODAY)
    forward = [[v.id for v in page.items]]
    while page.has_next:
        page = search.search_vacancies(q="operator", per_page=3, after=page.next_cursor, today=TODAY)
        forward.append([v.id for v in page.items])
    back = [[v.id for v in page.items]]
    while page.has_prev:
        page = search.search_vacancies(q="operator", per_page=3, before=page.prev_cursor, today=TODAY)
        back.insert(0, [v.id for v in page.items])
    assert back == forward and sum(forward, []) == ids
    assert _titles(q="operator", per_page=3, page=2) == [search.search_vacancies(
        q="operator", per_page=3, today=TODAY, after=search.search_vacancies(
            q="operator", per_page=3, today=TODAY).next_cursor).items[i].title for i in range(3)]


def test_a_small_result_is_counted_exactly_without_a_count_query(db, warehouse):
    page = search.search_vacancies(q="operator", today=TODAY)
    assert page.count == 3 and page.count_exact and page.pages == 1


def test_renaming_a_company_or_a_vacancy_updates_the_index(db, warehouse):
    company = warehouse["kasir"].company
    assert _titles(q="samudra") == []
    company.name = "PT Samudra Biru"
    db.session.commit()
    assert _titles(q="samudra") == ["Kasir"]
    assert _titles(q="jaya") == []
    warehouse["las"].title = "Tukang Las Pipa"
    warehouse["las"].description = "Bengkel."
    db.session.commit()
    assert _titles(q="tukang") == ["Tukang Las Pipa"] and _titles(q="pipa") == ["Tukang Las Pipa"]
    db.session.delete(warehouse["las"])
    db.session.commit()
    assert _titles(q="tukang") == []


def test_the_filter_lists_come_in_one_query_in_their_order(db, warehouse):
    from jobfair.models import JobFair
    from jobfair.services import reference
    older = JobFair(name="Job Fair Juli", starts_on=TODAY - timedelta(days=30), ends_on=TODAY, venue="BSCC",
                    booth_count=5, capacity=10)
    newer = JobFair(name="Job Fair Agustus", starts_on=TODAY, ends_on=TODAY, venue="BSCC", booth_count=5,
                    capacity=10)
    empty = JobFair(name="Job Fair Kosong", starts_on=TODAY, ends_on=TODAY, venue="BSCC", booth_count=5, capacity=10)
    db.session.add_all([older, newer, empty])
    db.session.commit()
    _vacancy(title="Sopir Truk", job_fair_id=older.id)
    _vacancy(title="Sopir Bus", job_fair_id=newer.id)
    choices = search.filter_choices(TODAY)
    assert choices["fair"] == [(str(newer.id), "Job Fair Agustus"), (str(older.id), "Job Fair Juli")]
    assert choices["fair"] == search.fair_choices(TODAY)
    assert choices["education"] == reference.education_choices() and len(choices["education"]) > 3
    assert choices["kecamatan"] == reference.kecamatan_choices() and len(choices["kecamatan"]) == 6
