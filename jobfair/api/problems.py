"""RFC 9457 problem details (application/problem+json) for every error under /api/.

errors.py asks `is_api_request()` first and hands API errors here, so an API client never gets an HTML page:
domain errors (services.errors) keep their status and Indonesian message, a ValidationFailed carries its field
errors, webargs' 422 its per-field messages, and an unexpected error is a bare 500 without a traceback.
"""

import marshmallow as ma
from flask import current_app, json, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from jobfair.services.errors import DomainError, ValidationFailed

MIMETYPE = "application/problem+json"
API_PREFIX = "/api/"
DOCS_PATH = "/api/v1/docs#problem-"  # a specific kind of problem is described on the docs page

TITLES = {
    400: _l("Permintaan tidak valid"), 401: _l("Perlu token API"), 403: _l("Tidak diizinkan"),
    404: _l("Tidak ditemukan"), 405: _l("Metode tidak didukung"), 409: _l("Keadaan tidak memungkinkan"),
    413: _l("Permintaan terlalu besar"), 415: _l("Jenis isi tidak didukung"), 422: _l("Data tidak valid"),
    429: _l("Terlalu banyak permintaan"), 500: _l("Kesalahan server"),
}


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem (documentation of the error bodies; errors are built by `problem`)."""

    type = ma.fields.String(required=True, metadata={"description": "URI naming the kind of problem"})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String()
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(),
                            metadata={"description": "Field name -> what is wrong and how to fix it (422)"})


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def problem(status: int, detail: str = "", *, errors: dict[str, str] | None = None, headers: dict | None = None,
            kind: str | None = None):
    body = {"type": DOCS_PATH + kind if kind else "about:blank", "title": str(TITLES.get(status, _l("Kesalahan"))),
            "status": status}
    if detail:
        body["detail"] = str(detail)  # service messages are lazy strings: the reader's language, as JSON text
    if errors:
        body["errors"] = {name: str(message) for name, message in errors.items()}
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status, mimetype=MIMETYPE)
    response.headers.update(headers or {})
    return response


def _flatten(messages, prefix: str = "") -> dict[str, str]:
    """webargs' {"json": {"field": ["msg"]}} or {"query": {...}} -> {"field": "msg"}."""
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key in ("json", "query", "form", "headers", "view_args", "path") and not prefix:
                flat.update(_flatten(value))
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
                if isinstance(value, dict):
                    flat.update(_flatten(value, name))
                else:
                    flat[name] = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    elif isinstance(messages, list):
        flat[prefix or "_schema"] = "; ".join(str(m) for m in messages)
    return flat


def from_exception(exc: Exception, *, retry_after: int | None = None):
    if isinstance(exc, ValidationFailed):
        return problem(422, exc.message, errors=exc.field_errors, kind="validation")
    if isinstance(exc, DomainError):
        return problem(exc.status_code, exc.message)
    if not isinstance(exc, HTTPException):
        exc = InternalServerError()
    data = getattr(exc, "data", None) or {}
    status = exc.code or 500
    headers = dict(data.get("headers") or {})
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="jobfair"')
    errors = _flatten(data.get("messages") or data.get("errors") or {}) if status == 422 else None
    detail = data.get("message") or (exc.description if status < 500 else "")
    if status == 422 and errors:
        detail = "Periksa isian yang disebut di errors."
    return problem(status, str(detail or ""), errors=errors, headers=headers,
                   kind="validation" if status == 422 else None)
