"""Public API (search with the web filters, keyset cursors, one vacancy, fairs, open data), the office's audited
exports without NIK, the OpenAPI document and its docs page, and the API rate limit."""

from openapi_spec_validator import validate
from sqlalchemy import func, select

from jobfair import create_app
from jobfair.extensions import db
from jobfair.models import AuditEvent
from jobfair.services.users import api_tokens
from tests import factories
from tests.api.helpers import bearer, officer_with_token


def test_the_openapi_document_is_3_1_and_valid_and_the_docs_page_lists_it(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)
    assert "/api/v1/company/vacancies" in spec["paths"]
    assert spec["paths"]["/api/v1/company/vacancies"]["post"]["security"] == [{"bearerAuth": []}]
    assert "application/problem+json" in spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "POST /api/v1/company/vacancies" in html and "VacancyDraft" in html
    assert "cdn" not in html.lower() and "<script" not in html


def test_public_search_uses_the_web_filters_and_keyset_cursors(app, client):
    with app.app_context():
        company = factories.application_company()
        for n in range(3):
            factories.published_vacancy(company, title=f"Juru Las {n}", kecamatan_code="647103")
        factories.published_vacancy(company, title="Kasir Toko", kecamatan_code="647101")
        draft = factories.published_vacancy(company, title="Juru Las Rahasia", status="draft")
        draft_id = draft.id
    first = client.get("/api/v1/vacancies?q=las&per_page=2")
    assert first.status_code == 200
    body = first.get_json()
    assert body["count"] == 3 and len(body["items"]) == 2 and body["next_cursor"]
    second = client.get("/api/v1/vacancies", query_string={"q": "las", "per_page": 2, "after": body["next_cursor"]})
    rest = second.get_json()["items"]
    assert len(rest) == 1 and rest[0]["id"] not in {v["id"] for v in body["items"]}
    only_kota = client.get("/api/v1/vacancies?kecamatan=647101").get_json()
    assert [v["title"] for v in only_kota["items"]] == ["Kasir Toko"]
    one = client.get(f"/api/v1/vacancies/{rest[0]['id']}").get_json()
    assert one["url"].endswith(f"/lowongan/{rest[0]['id']}") and one["company"]["name"]
    hidden = client.get(f"/api/v1/vacancies/{draft_id}")
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    # A sector filter is an IN list: PostgreSQL's count estimate must expand it (schemathesis found a 500).
    none_in_sector = client.get("/api/v1/vacancies?sector=0")
    assert none_in_sector.status_code == 200 and none_in_sector.get_json()["items"] == []
    bad = client.get("/api/v1/vacancies?per_page=500&employment_type=boss")
    assert bad.status_code == 422 and {"per_page", "employment_type"} <= set(bad.get_json()["errors"])


def test_fairs_and_open_data(app, client):
    with app.app_context():
        factories.make_fair(name="Job Fair Juli")
    fairs = client.get("/api/v1/fairs").get_json()
    assert fairs["total"] == 1 and fairs["items"][0]["name"] == "Job Fair Juli"
    figures = client.get("/api/v1/open-data/figures").get_json()
    web = client.get("/open-data/figures.json").get_json()
    assert [f["key"] for f in figures["figures"]] == [f["key"] for f in web["figures"]]


def test_the_office_placement_export_is_audited_on_every_call(app, client):
    officer_id, raw = officer_with_token(app)
    for _ in range(2):
        response = client.get("/api/v1/office/placements", headers=bearer(raw))
        assert response.status_code == 200
        assert set(response.get_json()["totals"]) >= {"vacancies", "openings", "hires", "verified"}
    with app.app_context():
        count = db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "api.placements_exported", AuditEvent.actor_id == officer_id))
    assert count == 2
    assert client.get("/api/v1/office/placements").status_code == 401


def test_the_decree_list_export_has_no_nik_and_is_audited(app, client):
    with app.app_context():
        from jobfair.services.people import reveal_nik

        officer = factories.make_officer()
        enrolment = factories.make_enrolment(actor=officer, status="decreed")
        nik = reveal_nik(enrolment.worker.person)
        name = enrolment.worker.person.full_name
        programme_id, officer_id = enrolment.programme_id, officer.id
        _token, raw = api_tokens.create_token(officer, name="BPJS", scopes=["decree:read"])
    response = client.get(f"/api/v1/office/protection/programmes/{programme_id}/decree-list", headers=bearer(raw))
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert "NIK" not in body["columns"] and len(body["rows"]) == 1 and name in body["rows"][0]
    assert nik not in response.get_data(as_text=True)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == officer_id)))
    assert {"api.decree_list_exported", "protection.decree_list_exported"} <= actions
    assert client.get("/api/v1/office/placements", headers=bearer(raw)).status_code == 403  # no placements scope


def test_a_token_of_a_deactivated_account_stops_working(app, client):
    officer_id, raw = officer_with_token(app)
    with app.app_context():
        from jobfair.models import User

        db.session.get(User, officer_id).active = False
        db.session.commit()
    assert client.get("/api/v1/office/placements", headers=bearer(raw)).status_code == 401


def test_the_api_is_rate_limited_per_token_with_a_problem_answer(database_url):
    limited = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True,
                                               "RATELIMIT_API_PER_TOKEN": "2 per minute",
                                               "RATELIMIT_API_PER_IP": "100 per minute"})
    with limited.app_context():
        user = factories.verified_company_user()
        _token, raw = api_tokens.create_token(user, name="HR", scopes=["vacancies:read"])
        _token, other = api_tokens.create_token(user, name="HR 2", scopes=["vacancies:read"])
    client = limited.test_client()
    statuses = [client.get("/api/v1/company/vacancies", headers=bearer(raw)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    over = client.get("/api/v1/company/vacancies", headers=bearer(raw))
    assert over.mimetype == "application/problem+json" and int(over.headers["Retry-After"]) > 0
    assert client.get("/api/v1/company/vacancies", headers=bearer(other)).status_code == 200  # its own count
