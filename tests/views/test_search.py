"""The public search page: keyset pager links without JavaScript, old ?page=N links, counts, odd input."""

import html
import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, insert, text

from jobfair.extensions import db
from jobfair.models import Vacancy
from tests import factories

NOW = datetime.now(UTC)
NEXT = re.compile(r'href="([^"]+)" rel="next"')
PREV = re.compile(r'href="([^"]+)" rel="prev"')
TITLE = re.compile(r'<h2><a href="/lowongan/\d+">([^<]+)</a></h2>')


def _operators(app, n: int) -> None:
    with app.app_context():
        company = factories.application_company()
        for i in range(n):
            factories.published_vacancy(company, title=f"Operator {i:02d}", published_at=NOW - timedelta(minutes=i))


def _link(pattern, page: str) -> str:
    match = pattern.search(page)
    assert match, "no pager link"
    return html.unescape(match.group(1))


def test_next_and_previous_links_walk_the_pages(app, client):
    _operators(app, 45)
    first = client.get("/lowongan?q=operator&kecamatan=").get_data(as_text=True)
    assert "45 lowongan ditemukan." in first and "Halaman 1 dari 3" in first and 'rel="prev"' not in first
    second_link = _link(NEXT, first)
    assert "setelah=" in second_link and "q=operator" in second_link and "page=" not in second_link
    second = client.get(second_link).get_data(as_text=True)
    assert "Halaman 2 dari 3" in second and "Operator 20" in second and "Operator 19" not in second
    third = client.get(_link(NEXT, second)).get_data(as_text=True)
    assert "Halaman 3 dari 3" in third and "Operator 44" in third and 'rel="next"' not in third
    back = client.get(_link(PREV, third)).get_data(as_text=True)
    assert TITLE.findall(back) == TITLE.findall(second) and len(TITLE.findall(back)) == 20
    assert "Halaman 2 dari 3" in back
    again = client.get(_link(PREV, back)).get_data(as_text=True)
    assert TITLE.findall(again) == TITLE.findall(first) and 'rel="prev"' not in again


def test_old_page_links_are_served_or_sent_to_the_first_page(app, client):
    _operators(app, 23)
    assert "Operator 22" in client.get("/lowongan?page=2").get_data(as_text=True)
    deep = client.get("/lowongan?page=500&q=operator")
    assert deep.status_code == 302 and deep.headers["Location"].endswith("/lowongan?q=operator")
    for junk in ("/lowongan?page=abc", "/lowongan?page=-3", "/lowongan?setelah=%%%", "/lowongan?sebelum=xyz",
                 "/lowongan?setelah=" + "a" * 5000):
        response = client.get(junk)
        assert response.status_code == 200 and "Operator 00" in response.get_data(as_text=True)


def test_a_large_result_says_about_how_many(app, client):
    with app.app_context():
        company = factories.application_company()
        row = dict(company_id=company.company_id, title="Operator", description="", openings=1, hired_count=0,
                   valid_from=date.today(), valid_until=date.today(), employment_type="contract",
                   status="published", published_at=NOW, disability_friendly=False)
        db.session.execute(insert(Vacancy), [row] * 1200)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))   # the estimate PostgreSQL gives comes from statistics
            db.session.commit()
    for path in ("/lowongan", "/lowongan?q=operator"):
        page = client.get(path).get_data(as_text=True)
        assert re.search(r"Sekitar 1\.[12]00 lowongan ditemukan\.", page), path
        assert "Halaman 1<" in page and 'rel="next"' in page


def test_typos_stop_words_and_odd_input_on_the_page(app, client):
    _operators(app, 2)
    similar = client.get("/lowongan?q=operatr").get_data(as_text=True)
    assert "Operator 00" in similar and "jabatan yang mirip" in similar
    stop = client.get("/lowongan?q=yang+dan+di").get_data(as_text=True)
    assert "Kata kunci itu terlalu umum" in stop and "Operator 00" not in stop
    odd = client.get("/lowongan", query_string={"q": '%_\'"*NEAR-() <b>x</b>' + "y" * 10_000})
    assert odd.status_code == 200 and "<b>x</b>" not in odd.get_data(as_text=True)


def _statements(app, client, path: str) -> int:
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(statements)


def test_a_search_page_costs_a_few_statements_whatever_the_data(app, client):
    # Form lists (1), ranked window (1), estimate or capped count (0-2), the page with its joins (1).
    _operators(app, 3)
    few = {path: _statements(app, client, path) for path in ("/lowongan", "/lowongan?q=operator")}
    with app.app_context():
        company = factories.application_company()
        row = dict(company_id=company.company_id, title="Operator", description="", openings=1, hired_count=0,
                   valid_from=date.today(), valid_until=date.today(), employment_type="contract",
                   status="published", published_at=NOW, disability_friendly=False)
        db.session.execute(insert(Vacancy), [row] * 1500)
        db.session.commit()
    many = {path: _statements(app, client, path) for path in few}
    assert few["/lowongan?q=operator"] == 3   # a small result is counted from its window, for free
    assert all(count <= 5 for count in [*few.values(), *many.values()]), (few, many)
