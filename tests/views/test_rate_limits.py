"""Rate limits (jobfair/limits.py) in-process, on an app of their own with memory storage.

The shared test app runs with limits off (the suite logs in hundreds of times from one address); this module's app
turns them on. Each test uses its own client address (REMOTE_ADDR) so that the counters of one test never reach
another. The same limits across two gunicorn workers and Redis: tests/test_gunicorn_limits.py.
"""

import itertools
import uuid

import pytest

from jobfair import create_app
from jobfair.limits import rate_limited
from tests import factories
from tests.conftest import CSRF_RE, TEST_OVERRIDES, login

_addresses = (f"198.51.100.{n}" for n in itertools.count(1))
LIMITED_ENDPOINTS = {"auth.login", "auth.register_seeker", "auth.register_company", "students.activate",
                     "office.ak1_check", "office.fair_desk", "auth.forgot_password", "auth.reset_password",
                     "auth.two_factor", "auth.two_factor_enrol"}


@pytest.fixture(scope="module")
def limited_app(app, database_url):
    limited = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url, **TEST_OVERRIDES, "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_KEY_PREFIX": f"jobfair-test-{uuid.uuid4().hex[:8]}",
        "RATELIMIT_AUTH_PER_IP": "10 per minute; 100 per hour", "RATELIMIT_AUTH_PER_ACCOUNT": "5 per minute",
        "RATELIMIT_CHECK_PER_IP": "60 per minute", "RATELIMIT_CHECK_PER_ACCOUNT": "3 per minute"})
    yield limited
    with limited.app_context():
        from jobfair.extensions import db

        db.engine.dispose()


def _client(app):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = next(_addresses)
    return client


def _token(client, path="/akun/masuk"):
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def _login(client, token, email, password="salah-sekali-123"):
    return client.post("/akun/masuk", data={"email": email, "password": password, "csrf_token": token})


def test_the_sixth_login_in_a_minute_gets_the_indonesian_429_page(limited_app):
    client = _client(limited_app)
    token = _token(client)
    statuses = [_login(client, token, "korban@example.id").status_code for _ in range(5)]
    assert 429 not in statuses
    response = _login(client, token, "korban@example.id")
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in page and "coba lagi" in page
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert "Traceback" not in page


def test_the_account_limit_follows_the_e_mail_across_addresses(limited_app):
    first, second = _client(limited_app), _client(limited_app)
    token = _token(first)
    for _ in range(5):
        assert _login(first, token, "Sasaran@Example.id").status_code != 429
    other_token = _token(second)
    assert _login(second, other_token, " sasaran@example.id ").status_code == 429   # same account, other address
    assert _login(second, other_token, "orang-lain@example.id").status_code != 429   # the address itself is fine


def test_the_address_limit_holds_over_many_e_mails(limited_app):
    client = _client(limited_app)
    token = _token(client)
    statuses = [_login(client, token, f"tebak{n}@example.id").status_code for n in range(11)]
    assert statuses[:10].count(429) == 0
    assert statuses[10] == 429


def test_opening_the_login_form_costs_nothing(limited_app):
    client = _client(limited_app)
    for _ in range(15):
        assert client.get("/akun/masuk").status_code == 200
    assert _login(client, _token(client), "baru@example.id").status_code != 429


def test_a_real_login_still_works_under_the_limit(limited_app):
    with limited_app.app_context():
        email = factories.make_user("seeker").email
    client = _client(limited_app)
    response = _login(client, _token(client), email, factories.PASSWORD)
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/akun/daftar/pencari-kerja", "/akun/daftar/perusahaan"])
def test_registrations_are_limited_per_address(limited_app, path):
    client = _client(limited_app)
    token = _token(client, path)
    statuses = [client.post(path, data={"email": f"daftar{n}@example.id", "csrf_token": token}).status_code
                for n in range(11)]
    assert 429 not in statuses[:10] and statuses[10] == 429


def test_the_ak1_check_page_is_limited_per_officer(limited_app):
    with limited_app.app_context():
        email = factories.make_user("officer").email
    client = _client(limited_app)
    assert login(client, email).status_code == 302  # password, then the officer's second factor
    statuses = [client.get(f"/disnaker/ak1/cek?token=tebakan{n}").status_code for n in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429


def test_every_page_that_must_be_limited_is(limited_app):
    marked = {endpoint for endpoint, view in limited_app.view_functions.items()
              if getattr(view, "__wrapped__", None) is not None and hasattr(view, "_jobfair_rate_limit")}
    assert LIMITED_ENDPOINTS <= marked


def test_limits_off_in_the_shared_test_app(app, client):
    token = _token(client)
    assert 429 not in {_login(client, token, "sama@example.id").status_code for _ in range(8)}


def test_an_unknown_limit_kind_is_refused():
    with pytest.raises(ValueError, match="unknown rate-limit kind"):
        rate_limited("nope")


def test_with_redis_unreachable_logins_work_and_each_worker_still_limits(app, database_url):
    """ProductionConfig's fallback: the storage is down, so the process counts in memory instead of failing."""
    fallback = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url, **TEST_OVERRIDES, "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1", "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1},
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True, "RATELIMIT_AUTH_PER_ACCOUNT": "2 per minute"})
    client = fallback.test_client()
    token = _token(client)
    statuses = [_login(client, token, "cadangan@example.id").status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    with fallback.app_context():
        from jobfair.extensions import db

        db.engine.dispose()
