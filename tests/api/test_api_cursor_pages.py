"""Company API lists by keyset cursor: walking every page (forwards by `after` or the Link header, backwards by
`before`) returns each row once in the list's order; `?page=N` keeps its old answer; a tampered cursor, or one of
another list, serves the first page as the public search and the web pages do; the public search's Link header."""

import base64
import json
import re
from datetime import UTC, datetime

from jobfair.extensions import db
from jobfair.models import Application
from tests import factories
from tests.api.helpers import bearer

LINK = re.compile(r'<([^>]+)>; rel="(next|prev)"')
SCORES = (70, 50, 50, 90, 50, 10, 50)   # ties on fit score and on created_at: the id breaks them


def _vacancy_with_applicants(app):
    """(vacancy id, company token, application ids in the list's order: best fit first, then oldest, then id)."""
    from jobfair.services.users import api_tokens

    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        factories.published_vacancy(company, title="Kasir Toko")   # a second list to take a cursor from
        same_time = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        rows = []
        for score in SCORES:
            application = factories.fair_application(vacancy, factories.seeker_with_cv(cv=False))
            stored = db.session.get(Application, application.id)
            stored.fit_score, stored.created_at = score, same_time
            rows.append((-score, application.id))
        db.session.commit()
        _token, raw = api_tokens.create_token(company, name="ATS", scopes=["applicants:read", "vacancies:read"])
        return vacancy.id, raw, [application_id for _score, application_id in sorted(rows)]


def _links(response) -> dict[str, str]:
    return {rel: url for url, rel in LINK.findall(response.headers.get("Link", ""))}


def test_walking_the_applicants_by_cursor_returns_each_once_in_order_and_back(app):
    vacancy_id, raw, expected = _vacancy_with_applicants(app)
    client, path = app.test_client(), f"/api/v1/company/vacancies/{vacancy_id}/applications"
    pages, cursor = [], None
    while True:
        response = client.get(path, query_string={"per_page": 2, **({"after": cursor} if cursor else {})},
                              headers=bearer(raw))
        assert response.status_code == 200
        body = response.get_json()
        assert body["count"] == len(SCORES) and body["count_exact"] is True and body["page"] == len(pages) + 1
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            assert "next" not in _links(response)
            break
    assert [i for page in pages for i in page] == expected and len(pages) == 4
    back, cursor = [], body["prev_cursor"]
    while cursor:
        body = client.get(path, query_string={"per_page": 2, "before": cursor}, headers=bearer(raw)).get_json()
        back.append([item["id"] for item in body["items"]])
        cursor = body["prev_cursor"]
    assert back == pages[-2::-1] and body["page"] == 1


def test_the_link_header_walks_the_list_and_keeps_its_filters(app):
    vacancy_id, raw, expected = _vacancy_with_applicants(app)
    client = app.test_client()
    response = client.get(f"/api/v1/company/vacancies/{vacancy_id}/applications?per_page=3&status=submitted",
                          headers=bearer(raw))
    assert set(_links(response)) == {"next"}
    seen, visited = [item["id"] for item in response.get_json()["items"]], 1
    while "next" in _links(response):
        url = _links(response)["next"]
        assert "status=submitted" in url and "per_page=3" in url and "after=" in url and url.startswith("http")
        response = client.get(url, headers=bearer(raw))
        seen += [item["id"] for item in response.get_json()["items"]]
        visited += 1
    assert seen == expected and visited == 3
    assert set(_links(response)) == {"prev"}
    previous = client.get(_links(response)["prev"], headers=bearer(raw)).get_json()
    assert [item["id"] for item in previous["items"]] == expected[3:6]


def test_the_company_vacancies_walk_by_cursor_newest_first(app):
    from jobfair.services.users import api_tokens

    with app.app_context():
        company = factories.application_company()
        same_time = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        ids = [factories.published_vacancy(company, title=f"Juru Las {n}", created_at=same_time).id
               for n in range(5)]
        _token, raw = api_tokens.create_token(company, name="ATS", scopes=["vacancies:read"])
    client, seen, cursor = app.test_client(), [], None
    while True:
        body = client.get("/api/v1/company/vacancies", query_string={"per_page": 2, "after": cursor or ""},
                          headers=bearer(raw)).get_json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(ids, reverse=True)


def test_page_numbers_keep_their_old_answer_beside_the_cursors(app):
    vacancy_id, raw, expected = _vacancy_with_applicants(app)
    client, path = app.test_client(), f"/api/v1/company/vacancies/{vacancy_id}/applications"
    body = client.get(f"{path}?page=2&per_page=2", headers=bearer(raw)).get_json()
    assert (body["page"], body["pages"], body["total"]) == (2, 4, len(SCORES))
    assert [item["id"] for item in body["items"]] == expected[2:4]
    following = client.get(path, query_string={"per_page": 2, "after": body["next_cursor"]}, headers=bearer(raw))
    assert [item["id"] for item in following.get_json()["items"]] == expected[4:6]
    beyond = client.get(f"{path}?page=9&per_page=2", headers=bearer(raw)).get_json()
    assert beyond["items"] == [] and beyond["page"] == 9 and beyond["total"] == len(SCORES)


def test_a_tampered_cursor_or_one_of_another_list_serves_the_first_page(app):
    vacancy_id, raw, expected = _vacancy_with_applicants(app)
    client, path = app.test_client(), f"/api/v1/company/vacancies/{vacancy_id}/applications"
    second = client.get(path, query_string={"per_page": 2}, headers=bearer(raw)).get_json()["next_cursor"]
    tag, page, values = json.loads(base64.urlsafe_b64decode(second + "=" * (-len(second) % 4)))
    values[0][0] = "s"   # the fit score as text: not the kind this list sorts by
    tampered = base64.urlsafe_b64encode(json.dumps([tag, page, values]).encode()).decode().rstrip("=")
    vacancies_cursor = client.get("/api/v1/company/vacancies?per_page=1", headers=bearer(raw)).get_json()
    assert vacancies_cursor["next_cursor"]
    for cursor in ("garbage", second[:-3], tampered, vacancies_cursor["next_cursor"]):
        response = client.get(path, query_string={"per_page": 2, "after": cursor}, headers=bearer(raw))
        assert response.status_code == 200, cursor
        body = response.get_json()
        assert [item["id"] for item in body["items"]] == expected[:2] and body["prev_cursor"] is None
    too_long = client.get(path, query_string={"after": "x" * 401}, headers=bearer(raw))
    assert too_long.status_code == 422 and "after" in too_long.get_json()["errors"]


def test_the_openapi_document_describes_the_cursors_and_the_link_header(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/company/vacancies", "/api/v1/company/vacancies/{vacancy_id}/applications",
                 "/api/v1/vacancies"):
        operation = spec["paths"][path]["get"]
        assert {"after", "before"} <= {p["name"] for p in operation["parameters"]}, path
        assert "Link" in operation["responses"]["200"]["headers"], path
    page = spec["components"]["schemas"]["ApplicantPage"]["properties"]
    assert {"next_cursor", "prev_cursor", "count", "count_exact", "page", "pages", "total"} <= set(page)


def test_the_public_search_sends_the_link_header_with_its_filters(app, client):
    with app.app_context():
        company = factories.application_company()
        ids = {factories.published_vacancy(company, title=f"Juru Las {n}").id for n in range(3)}
    first = client.get("/api/v1/vacancies?q=las&per_page=2")
    assert set(_links(first)) == {"next"} and "q=las" in _links(first)["next"]
    second = client.get(_links(first)["next"])
    walked = [v["id"] for v in first.get_json()["items"] + second.get_json()["items"]]
    assert len(walked) == 3 and set(walked) == ids
    assert set(_links(second)) == {"prev"}
