"""Login sessions on the web side: the Flask-Login user loader that checks the server-side session row on every
request, login (a fresh Flask session with a new session id) and logout (the row ends), and whether this session
has passed the second factor. The rules live in services/users/sessions.py and services/users/second_factor.py.
"""

from flask import g, request, session
from flask_login import current_user, login_user, logout_user

from jobfair.extensions import login_manager
from jobfair.models import Role

SESSION_KEY = "sid"
KEPT_ACROSS_LOGIN = ("lang",)  # the chosen language survives a login; nothing else from before it does
OFFICE = frozenset({Role.OFFICER.value, Role.ADMIN.value})


@login_manager.user_loader
def _load_user(token: str):
    from jobfair.services.users.sessions import resume

    resumed = resume(session.get(SESSION_KEY), token)
    if resumed is None:
        session.pop(SESSION_KEY, None)
        return None
    g.session_id = resumed.session_id
    g.second_factor_done = resumed.second_factor_done
    return resumed.user


def begin_session(user) -> None:
    """Log a user in on this browser: a fresh Flask session (keys planted before login are dropped) holding a new
    server-side session id. Office staff still have to pass their second factor."""
    from jobfair.services.users import sessions

    kept = {key: session[key] for key in KEPT_ACROSS_LOGIN if key in session}
    session.clear()
    session.update(kept)
    session[SESSION_KEY] = sessions.start(user, ip=request.remote_addr, user_agent=request.user_agent.string)
    session.permanent = True
    login_user(user)
    g.session_id = None
    g.second_factor_done = False


def end_session() -> None:
    """Logout: this browser's server-side session ends, so a copy of the cookie opens nothing either."""
    from jobfair.services.users import sessions

    sessions.end(session.get(SESSION_KEY), "logout")
    kept = {key: session[key] for key in KEPT_ACROSS_LOGIN if key in session}
    logout_user()
    session.clear()
    session.update(kept)


def session_token() -> str | None:
    return session.get(SESSION_KEY)


def current_session_id() -> int | None:
    return g.get("session_id")


def replace_session_token(token: str | None) -> None:
    """After a rotation (second factor done): the cookie carries the new id."""
    if token:
        session[SESSION_KEY] = token
        g.second_factor_done = True


def second_factor_pending() -> bool:
    """A logged-in officer or admin who has not passed the second factor in this session."""
    return (current_user.is_authenticated and current_user.role in OFFICE
            and not g.get("second_factor_done", False))


# The review of consents asked after login (a notice changed, or a required consent is missing): until answered,
# a seeker or student reaches only the review, logout and the public pages (privacy notices included).
CONSENT_CHECKED_KEY = "consent_review_pending"   # in the Flask session: absent = not checked since login
CONSENT_ROLES = frozenset({Role.SEEKER.value, Role.STUDENT.value})
# TODO(erasure helper): add the "Data saya" endpoints (/data-saya) here, so a seeker who withdrew placement can
# ask for erasure.
CONSENT_REVIEW_ENDPOINTS = frozenset({"public.consent_review", "auth.logout", "public.my_data", "public.my_data_json",
                                      "public.my_data_html", "public.erasure_request", "public.erasure_request_status"})


def consent_review_pending() -> bool:
    """Checked once per login session (the answer is kept in the Flask session, which login clears; the consent
    pages drop it when the person's answers change), so a new notice version is asked at the next login."""
    if current_user.role not in CONSENT_ROLES:
        return False
    if CONSENT_CHECKED_KEY not in session:
        from jobfair.services.privacy import consents

        session[CONSENT_CHECKED_KEY] = bool(consents.pending_review(current_user))
    return session[CONSENT_CHECKED_KEY]
