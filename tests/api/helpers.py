"""Helpers of the API tests: users and tokens made through the services, bearer headers."""

import re

from jobfair.services.users import api_tokens
from tests import factories
from tests.conftest import csrf_token, login

TOKEN_RE = re.compile(r'id="api-token">(jf_[A-Za-z0-9_-]+)<')
COMPANY_SCOPES = tuple(api_tokens.COMPANY_SCOPES)
OFFICE_SCOPES = tuple(api_tokens.OFFICE_SCOPES)


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def company_with_token(app, scopes=COMPANY_SCOPES):
    """(company user id, company id, clear token) of a verified company."""
    with app.app_context():
        user = factories.verified_company_user()
        _token, raw = api_tokens.create_token(user, name="HR system", scopes=scopes)
        return user.id, user.company_id, raw


def officer_with_token(app, scopes=OFFICE_SCOPES):
    with app.app_context():
        officer = factories.make_officer()
        _token, raw = api_tokens.create_token(officer, name="Satu Data", scopes=scopes)
        return officer.id, raw


def logged_in(app, user_id: int):
    """A test client logged in as an existing user."""
    from jobfair.extensions import db
    from jobfair.models import User

    with app.app_context():
        email = db.session.get(User, user_id).email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def token_from_page(client, path: str, scopes) -> str:
    """Make a token on the token page (the browser way) and read the token shown once."""
    response = client.post(path, data={"name": "Sistem HR", "scopes": list(scopes),
                                       "csrf_token": csrf_token(client, path)})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert "no-store" in response.headers["Cache-Control"]
    return TOKEN_RE.search(response.get_data(as_text=True)).group(1)
