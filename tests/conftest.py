"""Fixtures: one app per test run on a fresh database (SQLite file, or a new PostgreSQL database when
TEST_DATABASE_URL is set), migrated with Alembic; tables emptied after each test."""

import os
import re
import tempfile
import uuid

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from jobfair import create_app
from jobfair.extensions import db as _db
from jobfair.services.reference import REFERENCE_TABLES, load_reference_data
from tests import factories

CSRF_RE = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
SECRET_RE = re.compile(r'id="secret-key"><code>([A-Z2-7 ]+)</code>')
SECOND_FACTOR_PATH = "/akun/verifikasi-dua-langkah"

# Hypothesis in CI: no deadline (two shared cores make timings meaningless; speed is measured in bench/), and
# derandomized: the same examples on every run, so a red CI reproduces exactly on a developer's machine
# (CI=true pytest tests/rules) and never flakes on a rare example found by chance. Developers' runs stay random,
# with the example database, and keep exploring; the example they find becomes a test like any other.
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])


def hypothesis_profile(environ) -> str | None:
    return "ci" if environ.get("CI", "").lower() in ("1", "true", "yes") else None


if hypothesis_profile(os.environ):
    settings.load_profile(hypothesis_profile(os.environ))


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
            _reset_umk(conn)


def _reset_umk(conn) -> None:
    """UMK settings are reference data an admin adds to (and the demo seed does, for the years after 2025): back to
    the years of jobfair/data/umk.csv after each test."""
    import csv

    from jobfair.models import UmkSetting
    from jobfair.services.reference import DATA_DIR

    with open(DATA_DIR / "umk.csv", newline="", encoding="utf-8") as handle:
        years = [int(row["year"]) for row in csv.DictReader(handle)]
    conn.execute(UmkSetting.__table__.delete().where(UmkSetting.year.not_in(years)))


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


def login_password_only(client, email: str, password: str = factories.PASSWORD, next_url: str | None = None):
    """Only the password form (office staff are then sent to their second factor)."""
    path = "/akun/masuk" + (f"?next={next_url}" if next_url else "")
    token = csrf_token(client)
    return client.post(path, data={"email": email, "password": password, "csrf_token": token})


def login(client, email: str, password: str = factories.PASSWORD):
    """Log in through the real pages and return the answer to the password form. Office staff then pass their
    second factor the way a person would: at first login they enrol (the secret is read from the enrolment page,
    as an officer types it into an authenticator app), later they type the current TOTP code."""
    response = login_password_only(client, email, password)
    location = response.headers.get("Location", "")
    if response.status_code == 302 and SECOND_FACTOR_PATH in location:
        finished = complete_second_factor(client, email, location)
        assert finished.status_code in (200, 302), finished.get_data(as_text=True)
        assert SECOND_FACTOR_PATH not in finished.headers.get("Location", ""), "second factor refused"
    return response


def complete_second_factor(client, email: str, location: str):
    """Enrol (first login) or type a fresh code; returns the answer to the code form."""
    page = client.get(location)
    if page.status_code == 302:  # the code page sends a not-yet-enrolled account to the enrolment page
        location = page.headers["Location"]
        page = client.get(location)
    html = page.get_data(as_text=True)
    csrf = CSRF_RE.search(html).group(1)
    secret_match = SECRET_RE.search(html)
    if secret_match:  # the enrolment page
        factories.TOTP_SECRETS[email] = secret_match.group(1).replace(" ", "")
    return client.post(location, data={"code": fresh_totp_code(client.application, email), "csrf_token": csrf})


def fresh_totp_code(app, email: str) -> str:
    """A code the server has not seen yet (factories.fresh_totp_code), knowing the step it last accepted."""
    from jobfair.models import SecondFactor, User

    with app.app_context():
        last = _db.session.scalar(select(SecondFactor.last_step).join(User, User.id == SecondFactor.user_id)
                                  .where(User.email == email)) or 0
        _db.session.remove()
    return factories.fresh_totp_code(email, last)


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
