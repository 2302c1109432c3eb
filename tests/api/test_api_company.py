"""Company API: a token made on the company page posts a draft the web page lists; another company's token gets
404; a revoked token 401; a missing scope 403; errors are RFC 9457 problems; a session cookie opens nothing."""

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import ApiToken, Application, AuditEvent, Vacancy
from tests import factories
from tests.api.helpers import bearer, company_with_token, logged_in, token_from_page
from tests.conftest import csrf_token

DRAFT = {"title": "Teknisi Listrik Gedung", "description": "Merawat instalasi listrik gedung perkantoran."}


def _draft(**overrides):
    """The fields of the web tests' complete vacancy, as JSON."""
    fields = {**factories.vacancy_fields(**DRAFT), **overrides}
    return {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in fields.items()}


def test_a_token_made_on_the_page_creates_a_draft_seen_in_the_web_draft_list(app):
    with app.app_context():
        user_id = factories.verified_company_user().id
    web = logged_in(app, user_id)
    assert web.get("/perusahaan/token-api").status_code == 200
    raw = token_from_page(web, "/perusahaan/token-api/baru", ["vacancies:read", "vacancies:write"])
    with app.app_context():
        stored = db.session.scalar(select(ApiToken))
        assert stored.token_hash != raw and raw not in stored.token_hash and stored.prefix == raw[:10]

    api = app.test_client()  # no cookie at all: the token is the only credential
    response = api.post("/api/v1/company/vacancies", json=_draft(), headers=bearer(raw))
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == "draft" and body["title"] == DRAFT["title"]
    assert response.headers["Location"].endswith(f"/api/v1/company/vacancies/{body['id']}")
    page = web.get("/perusahaan/lowongan").get_data(as_text=True)
    assert DRAFT["title"] in page
    with app.app_context():  # the same audit row as the web form writes
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.created",
                                                          AuditEvent.actor_id == user_id)) is not None

    submitted = api.post(f"/api/v1/company/vacancies/{body['id']}/submit", headers=bearer(raw))
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    closed = api.post(f"/api/v1/company/vacancies/{body['id']}/close", headers=bearer(raw))
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    again = api.post(f"/api/v1/company/vacancies/{body['id']}/close", headers=bearer(raw))
    assert again.status_code == 409 and again.mimetype == "application/problem+json"


def test_another_companys_token_gets_404_on_every_vacancy_call(app):
    _user, _company, owner = company_with_token(app)
    _other_user, _other_company, intruder = company_with_token(app)
    client = app.test_client()
    vacancy_id = client.post("/api/v1/company/vacancies", json=_draft(), headers=bearer(owner)).get_json()["id"]
    for method, path in (("GET", ""), ("POST", "/submit"), ("POST", "/close"), ("GET", "/applications")):
        response = client.open(f"/api/v1/company/vacancies/{vacancy_id}{path}", method=method,
                               headers=bearer(intruder))
        assert response.status_code == 404, (method, path)
        assert response.mimetype == "application/problem+json"
    with app.app_context():
        assert db.session.get(Vacancy, vacancy_id).status == "draft"  # nothing moved
    listed = client.get("/api/v1/company/vacancies", headers=bearer(intruder)).get_json()
    assert listed["total"] == 0


def test_a_revoked_token_gets_401(app):
    with app.app_context():
        user_id = factories.verified_company_user().id
    web = logged_in(app, user_id)
    raw = token_from_page(web, "/perusahaan/token-api/baru", ["vacancies:read"])
    api = app.test_client()
    assert api.get("/api/v1/company/vacancies", headers=bearer(raw)).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    path = f"/perusahaan/token-api/{token_id}/cabut"
    assert web.get(path).status_code == 200   # the confirmation step
    unconfirmed = web.post(path, data={"csrf_token": csrf_token(web, path)})
    assert unconfirmed.status_code == 422
    assert api.get("/api/v1/company/vacancies", headers=bearer(raw)).status_code == 200
    confirmed = web.post(path, data={"confirm": "y", "csrf_token": csrf_token(web, path)})
    assert confirmed.status_code == 302
    response = api.get("/api/v1/company/vacancies", headers=bearer(raw))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["status"] == 401
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "api_token.revoked")) is not None


def test_a_token_without_the_scope_gets_403_and_a_wrong_token_401(app):
    _user, _company, reader = company_with_token(app, scopes=("vacancies:read",))
    client = app.test_client()
    response = client.post("/api/v1/company/vacancies", json=_draft(), headers=bearer(reader))
    assert response.status_code == 403
    problem = response.get_json()
    assert problem["status"] == 403 and "vacancies:write" in problem["detail"]
    assert client.get("/api/v1/company/vacancies", headers=bearer(reader)).status_code == 200
    assert client.get("/api/v1/company/vacancies", headers=bearer(reader + "x")).status_code == 401
    assert client.get("/api/v1/company/vacancies", headers={"Authorization": reader}).status_code == 401
    assert client.get("/api/v1/office/placements", headers=bearer(reader)).status_code == 403  # wrong kind


def test_a_browser_session_alone_never_authorises_an_api_write(app):
    with app.app_context():
        user_id = factories.verified_company_user().id
    web = logged_in(app, user_id)
    for headers in ({}, {"X-CSRFToken": csrf_token(web, "/perusahaan/lowongan/baru")}):
        response = web.post("/api/v1/company/vacancies", json=_draft(), headers=headers)
        assert response.status_code == 401
    with app.app_context():
        assert db.session.scalar(select(Vacancy)) is None


def test_validation_errors_are_problem_json_with_field_errors(app):
    _user, _company, raw = company_with_token(app)
    client = app.test_client()
    response = client.post("/api/v1/company/vacancies", headers=bearer(raw),
                           json=_draft(valid_from="2030-02-01", valid_until="2030-01-01"))
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert set(problem) >= {"type", "title", "status", "detail", "errors"} and problem["status"] == 422
    assert problem["type"] == "/api/v1/docs#problem-validation" and problem["title"]
    assert "valid_until" in problem["errors"]   # the service's field error, as beside the web form's field

    typed = client.post("/api/v1/company/vacancies", headers=bearer(raw),
                        json={"title": "x" * 161, "openings": "many", "colour": "red"})
    assert typed.status_code == 422
    assert {"title", "openings", "colour"} <= set(typed.get_json()["errors"])
    nul = client.post("/api/v1/company/vacancies", headers=bearer(raw), json=_draft(title="Las\x00"))
    assert nul.status_code == 422 and "title" in nul.get_json()["errors"]
    missing = client.post(f"/api/v1/company/vacancies/{2**40}/submit", headers=bearer(raw))
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert missing.get_json()["type"] == "about:blank"


def test_applicants_come_without_nik_and_status_changes_use_the_web_rules(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        seeker = factories.seeker_with_cv()
        application = factories.fair_application(vacancy, seeker)
        from jobfair.services.users import api_tokens

        _token, raw = api_tokens.create_token(company, name="ATS", scopes=["applicants:read", "applicants:write"])
        from jobfair.services.people import reveal_nik

        person = db.session.get(Application, application.id).seeker.person
        nik, nik_digits = reveal_nik(person), person.nik_last4
        vacancy_id, application_id = vacancy.id, application.id
    client = app.test_client()
    listed = client.get(f"/api/v1/company/vacancies/{vacancy_id}/applications", headers=bearer(raw))
    assert listed.status_code == 200
    text = listed.get_data(as_text=True)
    assert nik not in text and '"nik' not in text.lower() and nik_digits
    assert listed.get_json()["items"][0]["id"] == application_id
    moved = client.post(f"/api/v1/company/applications/{application_id}/status", headers=bearer(raw),
                        json={"status": "shortlisted", "note": "Dipanggil tes"})
    assert moved.status_code == 200 and moved.get_json()["status"] == "shortlisted"
    back = client.post(f"/api/v1/company/applications/{application_id}/status", headers=bearer(raw),
                       json={"status": "reviewed"})
    assert back.status_code == 409   # shortlisted -> reviewed is not a move the web page allows either
    one = client.get(f"/api/v1/company/applications/{application_id}", headers=bearer(raw))
    assert one.status_code == 200 and nik not in one.get_data(as_text=True)
