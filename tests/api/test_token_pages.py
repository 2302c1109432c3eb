"""The token pages: an officer makes an office token (office scopes only), a company cannot pick an office scope,
a company user sees only the company's tokens, and another's token answers 404 on the revoke page."""

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import ApiToken
from jobfair.services.users import api_tokens
from tests import factories
from tests.api.helpers import bearer, company_with_token, logged_in, token_from_page
from tests.conftest import csrf_token


def test_an_officer_makes_an_office_token_on_the_office_page(app):
    with app.app_context():
        officer_id = factories.make_officer().id
    web = logged_in(app, officer_id)
    page = web.get("/disnaker/token-api/baru").get_data(as_text=True)
    assert "placements:read" in page and "vacancies:write" not in page
    raw = token_from_page(web, "/disnaker/token-api/baru", ["placements:read"])
    assert app.test_client().get("/api/v1/office/placements", headers=bearer(raw)).status_code == 200
    assert "Sistem HR" in web.get("/disnaker/token-api").get_data(as_text=True)
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        assert token.kind == "office" and token.company_id is None and token.last_used_at is not None


def test_a_company_cannot_choose_an_office_scope_and_errors_stand_beside_the_field(app):
    with app.app_context():
        user_id = factories.verified_company_user().id
    web = logged_in(app, user_id)
    path = "/perusahaan/token-api/baru"
    response = web.post(path, data={"name": "", "scopes": ["decree:read"], "csrf_token": csrf_token(web, path)})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Beri nama token" in html and "jf_" not in html
    response = web.post(path, data={"name": "HR", "scopes": ["decree:read"], "csrf_token": csrf_token(web, path)})
    assert response.status_code == 422 and "hak akses" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ApiToken)) is None


def test_a_company_sees_and_revokes_only_its_own_tokens(app):
    _owner_id, _company, _raw = company_with_token(app)
    with app.app_context():
        other_token = db.session.scalar(select(ApiToken))
        other_id, other_name = other_token.id, other_token.name
        user_id = factories.verified_company_user().id
    web = logged_in(app, user_id)
    assert other_name not in web.get("/perusahaan/token-api").get_data(as_text=True)
    assert web.get(f"/perusahaan/token-api/{other_id}/cabut").status_code == 404
    path = f"/perusahaan/token-api/{other_id}/cabut"
    assert web.post(path, data={"confirm": "y", "csrf_token": csrf_token(web, "/perusahaan/token-api/baru")}
                    ).status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, other_id).revoked_at is None


def test_tokens_are_limited_in_number(app):
    with app.app_context():
        user = factories.verified_company_user()
        for n in range(api_tokens.MAX_ACTIVE_TOKENS):
            api_tokens.create_token(user, name=f"T{n}", scopes=["vacancies:read"])
        import pytest

        from jobfair.services.errors import ValidationFailed

        with pytest.raises(ValidationFailed):
            api_tokens.create_token(user, name="one too many", scopes=["vacancies:read"])
