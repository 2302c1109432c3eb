"""Sessions through the real pages: logout ends the session on the server (a copied cookie opens nothing), a
session key planted before login is dropped, the cookie is permanent with the absolute lifetime, idle sessions
end."""

from datetime import timedelta

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import UserSession
from tests import factories
from tests.conftest import csrf_token, login

SEEKER_HOME = "/pencari-kerja/"


def _seeker(app):
    with app.app_context():
        return factories.make_user("seeker").email


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _browser_with(app, cookie: str):
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def _logout(client, page=SEEKER_HOME):
    return client.post("/akun/keluar", data={"csrf_token": csrf_token(client, page)})


def test_a_cookie_copied_before_logout_lands_on_the_login_page_after_it(app, client):
    login(client, _seeker(app))
    assert client.get(SEEKER_HOME).status_code == 200
    copied = _cookie(client)
    assert _browser_with(app, copied).get(SEEKER_HOME).status_code == 200  # the copy works while logged in
    assert _logout(client).status_code == 302
    replay = _browser_with(app, copied).get(SEEKER_HOME)
    assert replay.status_code == 302 and "/akun/masuk" in replay.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(UserSession.end_reason)) == "logout"


def test_logout_ends_only_the_session_of_that_browser(app):
    email = _seeker(app)
    phone, laptop = app.test_client(), app.test_client()
    login(phone, email)
    login(laptop, email)
    _logout(phone)
    assert phone.get(SEEKER_HOME).status_code == 302
    assert laptop.get(SEEKER_HOME).status_code == 200


def test_a_session_key_planted_before_login_is_not_kept(app, client):
    email = _seeker(app)
    client.get("/akun/masuk")
    with client.session_transaction() as planted:
        planted["sid"] = "chosen-by-the-attacker"
        planted["_user_id"] = "1:1"
        planted["role_hint"] = "admin"
        planted["lang"] = "en"
    assert client.get(SEEKER_HOME).status_code == 302  # a planted user id without a real session opens nothing
    response = login(client, email)
    assert response.status_code == 302
    with client.session_transaction() as after:
        assert after["sid"] != "chosen-by-the-attacker" and "role_hint" not in after
        assert after["lang"] == "en"  # only the chosen language survives the login
        new_sid = after["sid"]
    with app.app_context():
        hashes = set(db.session.scalars(select(UserSession.token_hash)))
    from jobfair.services.users.sessions import token_hash

    assert token_hash(new_sid) in hashes and token_hash("chosen-by-the-attacker") not in hashes


def test_the_session_cookie_is_permanent_with_the_absolute_lifetime(app, client):
    email = _seeker(app)
    token = csrf_token(client)
    response = client.post("/akun/masuk", data={"email": email, "password": factories.PASSWORD, "csrf_token": token})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Expires=" in cookie and "HttpOnly" in cookie
    assert app.permanent_session_lifetime == timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"]) == timedelta(
        hours=12)
    with client.session_transaction() as session:
        assert session.permanent


def test_an_idle_office_session_ends_after_30_minutes(app, officer_client):
    assert officer_client.get("/disnaker/").status_code == 200
    with app.app_context():
        row = db.session.scalar(select(UserSession).where(UserSession.ended_at.is_(None)))
        row.last_seen_at -= timedelta(minutes=31)
        db.session.commit()
    response = officer_client.get("/disnaker/")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    with app.app_context():
        assert "idle" in set(db.session.scalars(select(UserSession.end_reason)))
