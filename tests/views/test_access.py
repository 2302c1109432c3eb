"""ROUTE_POLICY completeness, the role matrix over every endpoint, and safe `next` redirects."""

import pytest
from werkzeug.routing import BuildError

from jobfair import create_app
from jobfair.api.policy import ApiAccess
from jobfair.models import Role
from jobfair.security import ANONYMOUS, AUTHENTICATED, PUBLIC, ROUTE_POLICY, is_safe_next
from tests.conftest import complete_second_factor, csrf_token

IDENTITIES = ["anonymous", *Role.values()]


def _endpoints(app):
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()})


def test_every_endpoint_is_in_the_route_policy(app):
    missing = [endpoint for endpoint in _endpoints(app) if endpoint not in ROUTE_POLICY]
    assert missing == [], f"endpoints missing from ROUTE_POLICY: {missing}"


def test_route_policy_names_no_unknown_endpoint_or_role(app):
    endpoints = set(_endpoints(app))
    assert set(ROUTE_POLICY) - endpoints == set()
    for policy in ROUTE_POLICY.values():
        if isinstance(policy, ApiAccess):
            assert policy.kind in ("company", "office") and ":" in policy.scope
        elif policy not in (PUBLIC, ANONYMOUS, AUTHENTICATED):
            assert policy and set(policy) <= set(Role.values())


def test_an_endpoint_missing_from_the_policy_is_denied(database_url):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url})

    @app.route("/unlisted")
    def unlisted():
        return "should never be served"

    response = app.test_client().get("/unlisted")
    assert response.status_code == 403
    assert "should never be served" not in response.get_data(as_text=True)


def test_each_row_sits_in_the_policy_of_its_blueprint_package(app):
    """office.* rows in jobfair/office/policy.py, api_*.* rows in jobfair/api/policy.py, and so on."""
    import importlib

    from jobfair.route_policy import APP_POLICY

    misplaced = []
    for endpoint in _endpoints(app):
        if endpoint in APP_POLICY:
            continue
        import_name = app.blueprints[endpoint.split(".")[0]].import_name
        package = "jobfair.api" if import_name.startswith(("jobfair.api.", "flask_smorest")) else (
            import_name.rsplit(".", 1)[0])
        if endpoint not in importlib.import_module(f"{package}.policy").POLICY:
            misplaced.append(f"{endpoint} (expected in {package}.policy)")
    assert misplaced == []


def test_an_endpoint_declared_twice_fails_loudly():
    from jobfair.policy_types import OFFICE, PUBLIC, DuplicateEndpoint, merge_policies

    with pytest.raises(DuplicateEndpoint, match="office.dashboard.*office.policy.*public.policy"):
        merge_policies({"office.policy": {"office.dashboard": OFFICE},
                        "public.policy": {"public.index": PUBLIC, "office.dashboard": PUBLIC}})
    assert merge_policies({"a": {"x.y": PUBLIC}, "b": {"x.z": OFFICE}}) == {"x.y": PUBLIC, "x.z": OFFICE}


def test_a_grant_or_a_section_naming_an_endpoint_twice_fails_loudly():
    from jobfair.policy_types import ADMIN, OFFICE, DuplicateEndpoint, area_policy, combine, grant

    with pytest.raises(DuplicateEndpoint, match="office.dashboard"):
        grant(OFFICE, "office.dashboard", "office.audit_trail", "office.dashboard")
    with pytest.raises(DuplicateEndpoint, match="office.account_new"):
        combine(grant(OFFICE, "office.accounts_list", "office.account_new"), grant(ADMIN, "office.account_new"))
    with pytest.raises(DuplicateEndpoint, match="office.dashboard.*FOUNDATION.*AUDIT"):
        area_policy("office.policy", {"FOUNDATION": grant(OFFICE, "office.dashboard"),
                                      "AUDIT": grant(OFFICE, "office.audit_trail", "office.dashboard")})
    section = combine(grant(OFFICE, "office.accounts_list"), grant(ADMIN, "office.account_new", "office.account_role"))
    assert section == {"office.accounts_list": OFFICE, "office.account_new": ADMIN, "office.account_role": ADMIN}


def _request_for(app, endpoint):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {arg: 1 for arg in rule.arguments}
    if endpoint == "static":
        values = {"filename": "css/app.css"}
    with app.test_request_context():
        from flask import url_for

        try:
            url = url_for(endpoint, **values)
        except BuildError:  # pragma: no cover - a rule we cannot build is a test bug
            pytest.fail(f"cannot build a URL for {endpoint}")
    method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
    return method, url


def _expected(policy, identity):
    """'allow', 'login' (anonymous sent to the login page), 'token' (an API endpoint: 401 whatever the browser
    session) or 'deny'."""
    if isinstance(policy, ApiAccess):
        return "token"
    if policy == PUBLIC:
        return "allow"
    if policy == ANONYMOUS:
        return "allow" if identity == "anonymous" else "redirect_home"
    if identity == "anonymous":
        return "login"
    if policy == AUTHENTICATED or identity in policy:
        return "allow"
    return "deny"


def _as_expected(expected: str, status: int, location: str) -> bool:
    if expected == "allow":  # let through: any answer but a refusal, a login redirect or a server error
        return status not in (401, 403) and status < 500 and "/akun/masuk" not in location
    if expected == "login":
        return status == 302 and "/akun/masuk" in location
    if expected == "token":  # a session cookie never opens a token endpoint
        return status == 401
    if expected == "redirect_home":
        return status == 302 and location.endswith("/dasbor")
    return status == 403


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_never_counted_as_allowed(status):
    assert not _as_expected("allow", status, "")
    assert _as_expected("allow", 404, "") and _as_expected("allow", 200, "")


@pytest.fixture(scope="module")
def policy_cases():
    return sorted(ROUTE_POLICY.items())


@pytest.mark.parametrize("identity", IDENTITIES)
def test_role_matrix(app, login_as, identity):
    client = app.test_client() if identity == "anonymous" else login_as(identity)
    failures = []
    for endpoint in _endpoints(app):
        method, url = _request_for(app, endpoint)
        response = client.open(url, method=method)
        expected = _expected(ROUTE_POLICY[endpoint], identity)
        location = response.headers.get("Location", "")
        if not _as_expected(expected, response.status_code, location):
            failures.append(f"{identity} {method} {url} ({endpoint}): {response.status_code} {location}")
    assert failures == []


@pytest.mark.parametrize("target", [
    "//evil.example", "https://evil.example/", "http:evil.example", "/\\evil.example", "\\\\evil.example",
    "javascript:alert(1)", "", None, "evil.example", "/%0d%0aSet-Cookie:x=1".replace("%0d%0a", "\r\n"),
])
def test_unsafe_next_targets_are_refused(target):
    assert not is_safe_next(target)


@pytest.mark.parametrize("target", ["/dasbor", "/pencari-kerja/?page=2", "/akun/kata-sandi"])
def test_local_next_targets_are_allowed(target):
    assert is_safe_next(target)


def test_login_ignores_an_offsite_next(app, client):
    from tests import factories

    with app.app_context():
        email = factories.make_user("officer").email
    token = csrf_token(client)
    response = client.post("/akun/masuk?next=//evil.example", data={
        "email": email, "password": factories.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]  # not even passed on to the second-factor step
    finished = complete_second_factor(client, email, response.headers["Location"])
    assert finished.status_code == 200 and "evil.example" not in finished.get_data(as_text=True)
    assert client.get("/akun/verifikasi-dua-langkah?next=//evil.example").headers["Location"].endswith("/dasbor")


def test_login_follows_a_local_next(app, client):
    from tests import factories

    with app.app_context():
        email = factories.make_user("seeker").email
    response = client.get("/akun/kata-sandi")
    assert "/akun/masuk" in response.headers["Location"]
    token = csrf_token(client)
    response = client.post("/akun/masuk?next=/akun/kata-sandi", data={
        "email": email, "password": factories.PASSWORD, "csrf_token": token})
    assert response.headers["Location"].endswith("/akun/kata-sandi")
