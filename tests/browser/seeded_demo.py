"""A second app on its own database, seeded with the whole demo (`flask seed-demo`) and served over HTTP.

The session app of tests/conftest.py has its tables emptied after every test; this one lives on a separate
database (a temporary SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set) so the
per-test cleaner never touches it. Seeding takes a while, so the fixture is session-scoped
and registered in tests/browser/conftest.py: the crawl and the demo-account tests share one seeded database.

The demo is built by the builders `seed-demo` calls (demo_today.seed_all, dated today); the demo accounts'
passwords are its return value.
"""

import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from werkzeug.serving import make_server

from jobfair import create_app
from jobfair.demo import seed as demo
from jobfair.demo import today as demo_today
from jobfair.extensions import db
from jobfair.services.reference import load_reference_data
from tests.conftest import TEST_OVERRIDES, _fresh_postgres_database


@dataclass
class SeededDemo:
    app: Flask
    base_url: str
    passwords: dict[str, str]  # demo e-mail -> password, one account per role

    def credentials(self, role: str) -> tuple[str, str]:
        email = demo.demo_email(role)
        return email, self.passwords[email]


def _seed(app: Flask) -> dict[str, str]:
    """The whole demo as `seed-demo` builds it (demo_today.seed_all), dated today, with a smaller protection
    register and fewer fair seekers so the browser tests stay quick; returns {demo e-mail: password}."""
    with app.app_context():
        passwords = demo_today.seed_all(today=date.today(), covered=300, fair_seekers=40)
        db.session.remove()
    assert passwords, "the demo created no demo accounts"
    return passwords


def _build(database_url: str, uploads: str) -> Flask:
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url, "UPLOAD_FOLDER": uploads,
                                           **TEST_OVERRIDES})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        load_reference_data()
    return app


@pytest.fixture(scope="session")
def seeded_demo():
    """SeededDemo(app, base_url, passwords): the demo on its own database, served by werkzeug in a thread."""
    with tempfile.TemporaryDirectory(prefix="jobfair-demo-") as tmp:
        server_url = os.environ.get("TEST_DATABASE_URL")
        drop = None
        if server_url:
            database_url, drop = _fresh_postgres_database(server_url)
        else:
            database_url = f"sqlite:///{tmp}/demo.sqlite3"
        app = None
        try:
            app = _build(database_url, os.path.join(tmp, "uploads"))
            passwords = _seed(app)
            server = make_server("127.0.0.1", 0, app, threaded=True)
            thread = threading.Thread(target=server.serve_forever, name="jobfair-demo-server", daemon=True)
            thread.start()
            try:
                yield SeededDemo(app=app, base_url=f"http://127.0.0.1:{server.server_port}", passwords=passwords)
            finally:
                server.shutdown()
                server.server_close()
                thread.join(timeout=10)
        finally:
            if app is not None:
                with app.app_context():
                    db.session.remove()
                    db.engine.dispose()
            if drop is not None:
                drop()
