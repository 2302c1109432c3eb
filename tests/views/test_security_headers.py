"""Security headers on every kind of response (jobfair/headers.py), and templates the CSP can live with."""

import re
import uuid
from pathlib import Path

import pytest

from jobfair import create_app
from jobfair.headers import PAGE_CSP
from tests.conftest import CSRF_RE, TEST_OVERRIDES

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def edge_app(app, database_url):
    """Its own app (same database): limits on (1 login per account per minute) and a route that fails."""
    from jobfair.security import PUBLIC, ROUTE_POLICY

    edge = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url, **TEST_OVERRIDES, "RATELIMIT_ENABLED": True,
        "RATELIMIT_KEY_PREFIX": f"jobfair-test-{uuid.uuid4().hex[:8]}", "RATELIMIT_AUTH_PER_ACCOUNT": "1 per minute"})

    def boom():
        raise RuntimeError("secret internal detail")

    edge.add_url_rule("/_test/headers-boom", "headers_boom", boom)
    ROUTE_POLICY["headers_boom"] = PUBLIC
    yield edge
    ROUTE_POLICY.pop("headers_boom")
    with edge.app_context():
        from jobfair.extensions import db

        db.engine.dispose()


def _too_many_logins(client):
    token = CSRF_RE.search(client.get("/akun/masuk").get_data(as_text=True)).group(1)
    data = {"email": "satu-kali@example.id", "password": "salah-sekali-123", "csrf_token": token}
    client.post("/akun/masuk", data=data)
    return client.post("/akun/masuk", data=data)


CASES = {
    "page 200": (lambda c: c.get("/"), 200),
    "redirect 302": (lambda c: c.get("/dasbor"), 302),
    "not found 404": (lambda c: c.get("/tidak-ada"), 404),
    "method 405": (lambda c: c.post("/"), 405),
    "csrf 400": (lambda c: c.post("/akun/masuk", data={"email": "x@example.id"}), 400),
    "error 500": (lambda c: c.get("/_test/headers-boom"), 500),
    "limited 429": (_too_many_logins, 429),
    "static file": (lambda c: c.get("/static/css/app.css"), 200),
    "download": (lambda c: c.get("/open-data/figures.csv"), 200),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_response_carries_the_security_headers(edge_app, case):
    make, status = CASES[case]
    client = edge_app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"192.0.2.{sorted(CASES).index(case) + 1}"
    response = make(client)
    headers = response.headers
    assert response.status_code == status
    csp = headers["Content-Security-Policy"]
    if case == "download":
        assert "sandbox" in csp
    else:
        assert csp == PAGE_CSP
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers   # plain HTTP outside production
    assert "Server" not in headers                       # the app never names itself or a version
    response.close()


def test_the_page_policy_is_strict():
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'"):
        assert directive in PAGE_CSP


def test_hsts_only_in_production(app):
    strong = "y" * 40
    production = create_app("production", overrides={
        "SECRET_KEY": strong, "NIK_ENCRYPTION_KEY": strong + "e", "NIK_HMAC_KEY": strong + "h",
        "TOTP_ENCRYPTION_KEY": strong + "t",
        "PUBLIC_BASE_URL": "https://localhost", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_HOSTS": ["localhost"]})
    response = production.test_client().get("/static/css/app.css")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    response.close()
    assert "Strict-Transport-Security" not in app.test_client().get("/tidak-ada").headers


INLINE = {
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc\s*=)", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_no_template_needs_unsafe_inline():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}: {what}")
    assert found == []
