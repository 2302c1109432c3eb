"""Access control: the gate that enforces ROUTE_POLICY (jobfair/route_policy.py, merged from each area's policy.py), the
user loader, login/logout of the server-side session, the second-factor step of office staff, and safe redirects.

Every endpoint must appear in ROUTE_POLICY (a test walks app.url_map). Values:
PUBLIC (anyone), ANONYMOUS (only when logged out, e.g. the registration forms), AUTHENTICATED
(any logged-in role) or a frozenset of role names. Ownership of objects is checked in services.

Sessions (login_session.py): the Flask session cookie holds Flask-Login's user token and a random session id
checked against its user_session row on every request. The gate here sends officers and admins who have not passed
their second factor in this session to it, before any page but the second-factor pages, logout and public pages.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from jobfair.api.policy import ApiAccess
from jobfair.extensions import login_manager
from jobfair.login_session import CONSENT_REVIEW_ENDPOINTS, consent_review_pending, second_factor_pending
from jobfair.route_policy import (  # noqa: F401  (re-exported: views and tests import them from here)
    ACCOUNTS_DESK_POLICY,
    ADMIN,
    ALL_ROLES,
    ANONYMOUS,
    APPLICATIONS_POLICY,
    APPRENTICESHIPS_POLICY,
    AUDIT_POLICY,
    AUTHENTICATED,
    CITY_FIGURES_POLICY,
    COMPANIES_VACANCIES_POLICY,
    COMPANY,
    CONSENT_POLICY,
    ERASURE_POLICY,
    FAIRS_REPORTS_POLICY,
    FOUNDATION_POLICY,
    JOBS_POLICY,
    MONTHLY_REPORT_POLICY,
    OFFICE,
    PDP_POLICY,
    PLACES_MATCH_POLICY,
    PROTECTION_FIGURES_POLICY,
    PROTECTION_IMPORT_POLICY,
    PROTECTION_LEDGER_POLICY,
    PROTECTION_REGISTER_POLICY,
    PUBLIC,
    ROUTE_POLICY,
    SCHOOL,
    SCHOOLS_STUDENTS_POLICY,
    SEEKER,
    SEEKERS_AK1_POLICY,
    STUDENT,
    TRAINING_POLICY,
)

SECOND_FACTOR_ENDPOINTS = frozenset({"auth.two_factor", "auth.two_factor_enrol", "auth.two_factor_qr",
                                     "auth.logout"})


def init_app(app) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Silakan masuk terlebih dahulu untuk membuka halaman itu.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    # The cookie lives as long as the server-side session may (SESSION_ABSOLUTE_HOURS).
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"])


def second_factor_url(user, next_url: str | None = None) -> str:
    from jobfair.services.users import second_factor

    endpoint = "auth.two_factor" if second_factor.is_enrolled(user) else "auth.two_factor_enrol"
    return url_for(endpoint, next=next_url if is_safe_next(next_url) else None)


def public_url(endpoint: str, **values) -> str:
    """An absolute link for e-mails, from PUBLIC_BASE_URL (never from the request's Host header)."""
    from flask import current_app, has_request_context

    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    # A job or a command (the alerts digest): no request to build from, the app's routes alone.
    return base + current_app.url_map.bind("localhost").build(endpoint, values)


def enforce_route_policy():
    """before_request gate. Unknown endpoints are denied: the table must be complete."""
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":  # no route matched (Flask answers 404/405), or a static file
        return None
    policy = ROUTE_POLICY.get(endpoint)
    if policy is None:
        abort(403)
    if isinstance(policy, ApiAccess):  # a bearer token of that kind and scope; the session is never asked
        from jobfair.api import auth as api_auth

        return api_auth.enforce(policy)
    # Check the session now, before any view has pending changes (the check may end a lapsed session and commit).
    authenticated = current_user.is_authenticated
    if policy == PUBLIC:
        return None
    if policy == ANONYMOUS:
        if authenticated:
            return redirect(url_for("public.dashboard"))
        return None
    if not authenticated:
        return login_manager.unauthorized()
    if endpoint not in SECOND_FACTOR_ENDPOINTS and second_factor_pending():
        next_url = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(second_factor_url(current_user, next_url))
    if endpoint not in CONSENT_REVIEW_ENDPOINTS and consent_review_pending():
        next_url = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("public.consent_review", next=next_url if is_safe_next(next_url) else None))
    if policy == AUTHENTICATED or current_user.role in policy:
        return None
    abort(403)



def is_safe_next(target: str | None) -> bool:
    """Only relative paths on this site: no scheme, no host, no '//' or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not any(ord(c) < 32 for c in target)


def safe_next(target: str | None, fallback_endpoint: str = "public.dashboard") -> str:
    return target if is_safe_next(target) else url_for(fallback_endpoint)
