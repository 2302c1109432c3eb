"""A second app on its own database with seeded data and one token per role, served over HTTP on 127.0.0.1
(werkzeug in a thread), for the schemathesis run. The per-test table cleaner of tests/conftest.py never touches
it (a separate SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set)."""

import os
import tempfile
import threading
from dataclasses import dataclass

from werkzeug.serving import make_server

from jobfair.extensions import db
from jobfair.services.users import api_tokens
from tests import factories
from tests.browser.seeded_demo import _build
from tests.conftest import _fresh_postgres_database


@dataclass
class LiveApi:
    base_url: str
    company_token: str
    office_token: str


def _seed(app) -> tuple[str, str]:
    """A verified company with published and draft vacancies and an applicant, a fair, a BPJS programme with a
    decreed enrolment; a company token and an office token holding every scope."""
    with app.app_context():
        officer = factories.make_officer()
        company = factories.verified_company_user(officer)
        for title in ("Juru Las", "Operator Forklift", "Kasir"):
            factories.make_vacancy(company, officer=officer, title=title)
        factories.make_vacancy(company, publish=False, title="Draf Teknisi")
        vacancy = factories.published_vacancy(company, title="Admin Gudang")
        factories.fair_application(vacancy, factories.seeker_with_cv())
        factories.make_fair(officer)
        factories.make_enrolment(actor=officer, status="decreed")
        _t, company_raw = api_tokens.create_token(company, name="HR", scopes=list(api_tokens.COMPANY_SCOPES))
        _t, office_raw = api_tokens.create_token(officer, name="Satu Data", scopes=list(api_tokens.OFFICE_SCOPES))
        db.session.remove()
    return company_raw, office_raw


def serve():
    """Generator for a pytest fixture: yields a LiveApi, then stops the server and drops its database."""
    with tempfile.TemporaryDirectory(prefix="jobfair-api-") as tmp:
        server_url = os.environ.get("TEST_DATABASE_URL")
        drop = None
        if server_url:
            database_url, drop = _fresh_postgres_database(server_url)
        else:
            database_url = f"sqlite:///{tmp}/api.sqlite3"
        app = None
        try:
            app = _build(database_url, os.path.join(tmp, "uploads"))
            company_raw, office_raw = _seed(app)
            server = make_server("127.0.0.1", 0, app, threaded=True)
            thread = threading.Thread(target=server.serve_forever, name="jobfair-api-server", daemon=True)
            thread.start()
            try:
                yield LiveApi(f"http://127.0.0.1:{server.server_port}", company_raw, office_raw)
            finally:
                server.shutdown()
                thread.join(timeout=10)
        finally:
            if app is not None:
                with app.app_context():
                    db.session.remove()
                    db.engine.dispose()
            if drop is not None:
                drop()
