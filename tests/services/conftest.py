"""Fixtures for the tests of the job queue: a real queue (Huey's SQLite storage, or Redis when it answers) and an
app on the test database whose jobs go to it instead of running in-process."""

import contextlib
import uuid
from datetime import date

import pytest

from jobfair import create_app
from jobfair.extensions import db
from tests.conftest import TEST_OVERRIDES

TODAY = date(2024, 12, 1)


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "redis"])
def queue_url(request, tmp_path):
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        return "redis://127.0.0.1:6379/0"
    return f"sqlite:///{tmp_path / 'queue.sqlite3'}"


@pytest.fixture
def queue_app(app, database_url, queue_url, tmp_path):
    """A second app on the same database whose jobs go to the real queue the worker reads."""
    name = f"jobfair-test-{uuid.uuid4().hex[:8]}"
    application = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": database_url, "UPLOAD_FOLDER": str(tmp_path / "uploads"), "JOB_QUEUE_URL": queue_url,
        "JOB_QUEUE_NAME": name, "PINNED_TODAY": TODAY, **TEST_OVERRIDES})
    yield application
    with contextlib.suppress(Exception):  # an SQLite queue that was never used has no tables to empty
        application.extensions["huey"].flush()
    with application.app_context():
        db.engine.dispose()
