"""Error pages in the user's language, never a traceback; DomainError -> HTTP status."""

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from jobfair.extensions import db
from jobfair.services.errors import DomainError

HANDLED_STATUSES = (400, 403, 404, 405, 409, 413, 422, 500)


def render_error(status: int, message: str | None = None):
    return render_template(f"errors/{status}.html", status=status, message=message), status


def init_app(app) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        db.session.rollback()
        return render_error(exc.status_code, exc.message)

    @app.errorhandler(CSRFError)
    def _csrf_error(_exc):
        return render_error(400, "csrf")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
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
        return render_error(500)
