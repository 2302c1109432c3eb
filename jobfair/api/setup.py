"""Wire the API into the app: flask-smorest's Api (OpenAPI 3.1 at /api/v1/openapi.json), the blueprints, CSRF
exemption (token auth, no cookies), and the locally served docs page."""

import http

from flask import Blueprint, render_template
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from jobfair.api import problems

SECURITY_SCHEME = "bearerAuth"
DESCRIPTION = (
    "JSON API of the Balikpapan labour office (Disnaker). Public reads need no login. Company and office "
    "calls need a personal API token, made on the company's (or the officer's) *Token API* page and sent as "
    "`Authorization: Bearer <token>`; a browser session never authorises an API call. Errors are RFC 9457 "
    "problem details (`application/problem+json`); a 422 lists what is wrong per field in `errors`. "
    "Long lists are keyset pages: pass an answer's `next_cursor` / `prev_cursor` as `after` / `before`, or follow "
    "its `Link` header (rel next / prev); `count` is exact up to 1,000 rows, else an estimate (`count_exact` "
    "false). The company lists still take `page` numbers. An invalid cursor serves the first page. "
    "No NIK is ever part of an answer.")


class JobfairApi(Api):
    """flask-smorest's Api with RFC 9457 errors: jobfair/errors.py answers API errors (problems.py), so the Api
    registers no error handler of its own (it would replace the HTML error pages of the whole site)."""

    ERROR_SCHEMA = problems.ProblemSchema

    def _register_error_handlers(self):
        return None

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, problems.MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Problem details (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, problems.MIMETYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


pages = Blueprint("api_pages", __name__, url_prefix="/api/v1")


@pages.route("/docs")
def docs():
    """A readable page of the OpenAPI document, rendered on the server (no CDN, no JavaScript)."""
    from flask import current_app

    spec = current_app.extensions["jobfair_api"].spec.to_dict()
    return render_template("api/docs.html", spec=spec)


def init_app(app) -> JobfairApi:
    from jobfair.api import company, office, public
    from jobfair.extensions import csrf

    api = JobfairApi(app, spec_kwargs={
        "info": {"description": DESCRIPTION},
        "servers": [{"url": "/"}],
    })
    api.spec.components.security_scheme(SECURITY_SCHEME, {"type": "http", "scheme": "bearer"})
    for blueprint in (public.bp, company.bp, office.bp):
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)
    app.register_blueprint(pages)
    app.extensions["jobfair_api"] = api
    return api
