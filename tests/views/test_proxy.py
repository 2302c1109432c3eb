"""Behind a reverse proxy: ProxyFix with a configured number of hops (PROXY_FIX_X_*), TRUSTED_HOSTS.

The client address reaches the audit log (and the rate limits) only through a trusted proxy; without one
(hops 0, the default) a forged X-Forwarded-For changes nothing. Links the site builds (activation, AK/1 QR)
carry the public scheme and host the proxy forwards.
"""

import re

import pytest
from sqlalchemy import select

from jobfair import create_app
from jobfair.extensions import db
from jobfair.models import AuditEvent, School
from tests import factories
from tests.conftest import CSRF_RE, TEST_OVERRIDES

PUBLIC_HOST = "kerja.balikpapan.go.id"
BEHIND_ONE_PROXY = {"PROXY_FIX_X_FOR": 1, "PROXY_FIX_X_PROTO": 1, "PROXY_FIX_X_HOST": 1}


@pytest.fixture
def make_app(app, database_url):
    """make_app(**overrides) -> an app of its own on the shared database; engines disposed afterwards."""
    made = []

    def _make(**overrides):
        made.append(create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url, **TEST_OVERRIDES,
                                                     **overrides}))
        return made[-1]

    yield _make
    for application in made:
        with application.app_context():
            db.engine.dispose()


def _login_origin(application, headers) -> str | None:
    with application.app_context():
        user = factories.make_user("officer")
        email, user_id = user.email, user.id
    client = application.test_client()
    token = CSRF_RE.search(client.get("/akun/masuk").get_data(as_text=True)).group(1)
    response = client.post("/akun/masuk", headers=headers,
                           data={"email": email, "password": factories.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    with application.app_context():
        return db.session.scalar(select(AuditEvent.origin).where(AuditEvent.action == "login.succeeded",
                                                                 AuditEvent.actor_id == user_id))


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(make_app):
    origin = _login_origin(make_app(), {"X-Forwarded-For": "203.0.113.66"})
    assert origin == "127.0.0.1"


def test_behind_one_proxy_the_audit_log_records_the_client(make_app):
    origin = _login_origin(make_app(**BEHIND_ONE_PROXY), {"X-Forwarded-For": "203.0.113.7"})
    assert origin == "203.0.113.7"


def test_behind_one_proxy_only_the_address_the_proxy_added_counts(make_app):
    # The client wrote the first entry itself; the proxy appended the address it saw.
    origin = _login_origin(make_app(**BEHIND_ONE_PROXY), {"X-Forwarded-For": "198.51.100.1, 203.0.113.8"})
    assert origin == "203.0.113.8"


def _invite_link(application, headers) -> str:
    """Every request goes through the (pretended) proxy, as in production: the login, the page, the invitation."""
    with application.app_context():
        staff = factories.make_school_staff()
        student = factories.make_student(db.session.get(School, staff.school_id))  # adult: no consent needed
        email, student_id = staff.email, student.id
    client = application.test_client()
    token = CSRF_RE.search(client.get("/akun/masuk", headers=headers).get_data(as_text=True)).group(1)
    response = client.post("/akun/masuk", headers=headers,
                           data={"email": email, "password": factories.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    detail = f"/smk/sekolah/siswa/{student_id}"
    detail_page = client.get(detail, headers=headers)
    assert detail_page.status_code == 200
    token = CSRF_RE.search(detail_page.get_data(as_text=True)).group(1)  # the session (and token) is new after login
    response = client.post(f"{detail}/undangan", data={"csrf_token": token}, headers=headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    return re.search(r'(https?://[^\s"<]+/smk/aktivasi/[A-Za-z0-9_-]+)', page).group(1)


def test_links_carry_the_public_scheme_and_host_behind_the_proxy(make_app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": PUBLIC_HOST, "X-Forwarded-For": "203.0.113.9",
                 "Referer": f"https://{PUBLIC_HOST}/smk/sekolah/siswa"}  # Flask-WTF checks it over HTTPS
    link = _invite_link(make_app(**BEHIND_ONE_PROXY, TRUSTED_HOSTS=[PUBLIC_HOST]), forwarded)
    assert link.startswith(f"https://{PUBLIC_HOST}/smk/aktivasi/")


def test_without_a_trusted_proxy_forwarded_host_and_scheme_are_ignored(make_app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    link = _invite_link(make_app(), forwarded)
    assert link.startswith("http://localhost/smk/aktivasi/")


@pytest.mark.parametrize("proxied", [False, True])
def test_a_host_outside_trusted_hosts_gets_400(make_app, proxied):
    settings = {**(BEHIND_ONE_PROXY if proxied else {}), "TRUSTED_HOSTS": [PUBLIC_HOST]}
    client = make_app(**settings).test_client()
    if proxied:
        good, evil = {"X-Forwarded-Host": PUBLIC_HOST}, {"X-Forwarded-Host": "evil.example"}
    else:
        good, evil = {"Host": PUBLIC_HOST}, {"Host": "evil.example"}
    assert client.get("/akun/masuk", headers=good).status_code == 200
    refused = client.get("/akun/masuk", headers=evil)
    assert refused.status_code == 400
    assert "tidak dilayani" in refused.get_data(as_text=True)
    assert refused.headers["Content-Security-Policy"]  # still carries the security headers


def test_rate_limits_count_per_client_behind_the_proxy(make_app):
    application = make_app(**BEHIND_ONE_PROXY, RATELIMIT_ENABLED=True, RATELIMIT_AUTH_PER_IP="2 per minute",
                           RATELIMIT_KEY_PREFIX="jobfair-test-proxy")
    client = application.test_client()
    token = CSRF_RE.search(client.get("/akun/masuk").get_data(as_text=True)).group(1)

    def attempt(address: str, n: int) -> int:
        return client.post("/akun/masuk", headers={"X-Forwarded-For": address},
                           data={"email": f"p{n}@example.id", "password": "salah-sekali-123",
                                 "csrf_token": token}).status_code

    assert [attempt("203.0.113.20", n) for n in range(3)][-1] == 429
    assert attempt("203.0.113.21", 9) != 429  # another client behind the same proxy is not blocked
