"""Rate limits on the pages people (or scripts) can hammer: login, registration, password reset, token checks.

One place for the limits. A view opts in with a decorator (above or below its ``@bp.route``)::

    @bp.route("/masuk", methods=["GET", "POST"])
    @rate_limited("auth", account_field="email")
    def login(): ...

``kind`` names a pair of config settings (per client address, per account) holding Flask-Limiter limit strings
such as ``"5 per minute; 30 per hour"``. The account is the submitted form field ``account_field`` (hashed with
the secret key, so no e-mail address is stored in the limit storage) or, with ``per_user=True``, the logged-in
user. Only the listed methods count (POST by default: opening a form costs nothing).

The counters live in ``RATELIMIT_STORAGE_URI``: ``memory://`` for the embedded default (one process), Redis in
production so that every gunicorn worker shares them. Over a limit the request gets the 429 page
(``templates/errors/429.html``) with a ``Retry-After`` header.

The decorator only marks the view; ``init_app`` wraps the marked views of each app with that app's own
``Limiter`` (Flask-Limiter keeps its storage on the ``Limiter`` object, so one per app keeps test apps apart).
"""

import hashlib
import hmac
from dataclasses import dataclass

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_login import current_user

# kind -> (config key of the per-address limit, config key of the per-account limit)
LIMIT_KINDS: dict[str, tuple[str, str]] = {
    "auth": ("RATELIMIT_AUTH_PER_IP", "RATELIMIT_AUTH_PER_ACCOUNT"),
    "check": ("RATELIMIT_CHECK_PER_IP", "RATELIMIT_CHECK_PER_ACCOUNT"),
    "api": ("RATELIMIT_API_PER_IP", "RATELIMIT_API_PER_TOKEN"),
}
_MARK = "_jobfair_rate_limit"


@dataclass(frozen=True)
class LimitSpec:
    kind: str
    account_field: str | None
    per_user: bool
    per_token: bool
    methods: tuple[str, ...]


def rate_limited(kind: str, *, account_field: str | None = None, per_user: bool = False, per_token: bool = False,
                 methods: tuple[str, ...] = ("POST",)):
    """Mark a view for the ``kind`` limits (see the module docstring); returns the view unchanged.
    ``per_token``: the API token the route gate accepted (``g.api_token``) is the account."""
    if kind not in LIMIT_KINDS:
        raise ValueError(f"unknown rate-limit kind {kind!r}; known: {sorted(LIMIT_KINDS)}")
    if sum(map(bool, (account_field, per_user, per_token))) > 1:
        raise ValueError("count per submitted account field, per logged-in user or per API token, only one")
    spec = LimitSpec(kind, account_field, per_user, per_token, tuple(m.upper() for m in methods))

    def mark(view):
        setattr(view, _MARK, spec)
        return view

    return mark


def client_address() -> str:
    """The client's address (after ProxyFix, when the app sits behind a configured number of proxies)."""
    return request.remote_addr or "unknown"


def _account_digest(value: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def _submitted_account(field: str):
    def key() -> str:
        return "account-" + _account_digest(request.values.get(field, ""))

    def no_account() -> bool:
        return not request.values.get(field, "").strip()

    return key, no_account


def _logged_in_user() -> str:
    return f"user-{current_user.get_id()}" if current_user.is_authenticated else f"anon-{client_address()}"


def _api_token() -> str:
    token = getattr(g, "api_token", None)
    return f"token-{token.id}" if token is not None else f"anon-{client_address()}"


def _setting(name: str):
    return lambda: current_app.config[name]


def init_app(app: Flask) -> Limiter:
    """Give the app its own Limiter (settings RATELIMIT_*) and wrap every marked view in the limits of its kind."""
    limiter = Limiter(key_func=client_address)
    limiter.init_app(app)
    app.extensions["jobfair_limiter"] = limiter
    if not limiter.enabled:
        return limiter
    for endpoint, view in list(app.view_functions.items()):
        spec: LimitSpec | None = getattr(view, _MARK, None)
        if spec is None:
            continue
        per_ip, per_account = LIMIT_KINDS[spec.kind]
        methods = list(spec.methods)
        wrapped = limiter.limit(_setting(per_ip), key_func=client_address, methods=methods)(view)
        if spec.account_field:
            key, no_account = _submitted_account(spec.account_field)
            wrapped = limiter.limit(_setting(per_account), key_func=key, methods=methods,
                                    exempt_when=no_account)(wrapped)
        elif spec.per_user:
            wrapped = limiter.limit(_setting(per_account), key_func=_logged_in_user, methods=methods)(wrapped)
        elif spec.per_token:
            wrapped = limiter.limit(_setting(per_account), key_func=_api_token, methods=methods)(wrapped)
        app.view_functions[endpoint] = wrapped
    return limiter


def retry_after_seconds(exc) -> int:
    """Seconds until the breached window ends at the latest (the window length of the breached limit)."""
    limit = getattr(exc, "limit", None)
    try:
        return int(limit.limit.get_expiry())
    except AttributeError:
        return 60
