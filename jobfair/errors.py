"""Error pages in the user's language, never a traceback; DomainError -> HTTP status."""

from flask import Response, render_template
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from jobfair.api import problems
from jobfair.extensions import db
from jobfair.limits import retry_after_seconds
from jobfair.services.errors import DomainError

HANDLED_STATUSES = (400, 403, 404, 405, 409, 413, 422, 429, 500)


def render_error(status: int, message: str | None = None, **context):
    return render_template(f"errors/{status}.html", status=status, message=message, **context), status


def init_app(app) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        db.session.rollback()
        if problems.is_api_request():
            return problems.from_exception(exc)
        # str(): a lazy gettext message renders as markup in Jinja (its __html__ is unescaped); its parameters may
        # be user-typed, so the page gets the plain text and escapes it.
        return render_error(exc.status_code, str(exc.message) if exc.message else exc.message)

    @app.errorhandler(CSRFError)
    def _csrf_error(_exc):
        return render_error(400, "csrf")

    @app.errorhandler(SecurityError)
    def _untrusted_host(_exc):
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so no page with links; plain text only.
        return Response(_("Permintaan ditolak: alamat situs (Host) ini tidak dilayani di sini."), 400,
                        mimetype="text/plain")

    @app.errorhandler(RateLimitExceeded)
    def _too_many(exc: RateLimitExceeded):
        seconds = retry_after_seconds(exc)
        if problems.is_api_request():
            return problems.from_exception(exc, retry_after=seconds)
        body, status = render_error(429, retry_minutes=max(1, -(-seconds // 60)))
        return body, status, {"Retry-After": str(seconds)}

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if problems.is_api_request():
            return problems.from_exception(exc)
        status = exc.code if exc.code in HANDLED_STATUSES else None
        if status is None:
            return exc
        return render_error(status)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        app.logger.exception("Unhandled error")
        db.session.rollback()
        if problems.is_api_request():
            return problems.from_exception(exc)
        return render_error(500)
