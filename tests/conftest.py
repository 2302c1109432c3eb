"""Fixtures: one app per test run on a fresh database (SQLite file, or a new PostgreSQL database when
TEST_DATABASE_URL is set), migrated with Alembic; tables emptied after each test."""

import os
import re
import tempfile
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jobfair import create_app
from jobfair.extensions import db as _db
from jobfair.services.reference import REFERENCE_TABLES, load_reference_data
from tests import factories

CSRF_RE = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def _fresh_postgres_database(server_url: str):
    """Create an empty database for this run; returns (url, drop_function)."""
    url = make_url(server_url)
    name = f"jobfair_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def database_url():
    server_url = os.environ.get("TEST_DATABASE_URL")
    if server_url:
        url, drop = _fresh_postgres_database(server_url)
        yield url
        drop()
    else:
        with tempfile.TemporaryDirectory(prefix="jobfair-test-") as tmp:
            yield f"sqlite:///{tmp}/test.sqlite3"


TEST_OVERRIDES = {
    # Cheap argon2 parameters: the algorithm is the same, the tests just run faster.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
}


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    uploads = str(tmp_path_factory.mktemp("uploads"))
    application = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url, "UPLOAD_FOLDER": uploads,
                                                   **TEST_OVERRIDES})
    with application.app_context():
        from flask_migrate import upgrade

        upgrade(directory=application.extensions["migrate"].directory, revision="heads")
        load_reference_data()
    yield application
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(app):
    yield
    with app.app_context():
        _db.session.remove()
        tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture
def db(app):
    """An app context and the database, for service tests (no client)."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, path="/akun/masuk") -> str:
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, email: str, password: str = factories.PASSWORD):
    token = csrf_token(client)
    return client.post("/akun/masuk", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def login_as(app):
    """login_as(role) -> a test client logged in as a new user of that role."""

    def _login_as(role: str):
        with app.app_context():
            user = factories.make_user(role)
            email = user.email
        client = app.test_client()
        response = login(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return _login_as


@pytest.fixture
def seeker_client(login_as):
    return login_as("seeker")


@pytest.fixture
def company_client(login_as):
    return login_as("company")


@pytest.fixture
def officer_client(login_as):
    return login_as("officer")


@pytest.fixture
def admin_client(login_as):
    return login_as("admin")


@pytest.fixture
def student_client(login_as):
    return login_as("student")


@pytest.fixture
def school_client(login_as):
    return login_as("school")


@pytest.fixture
def pin_today(app, monkeypatch):
    """pin_today(day): the services' today (services/clock.py) for pages and commands, which cannot pass a day."""
    def pin(day):
        monkeypatch.setitem(app.config, "PINNED_TODAY", day)
    return pin
