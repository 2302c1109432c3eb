"""A real `flask worker` process on the test database: an import survives its worker being killed (kill -9) in
the middle of the apply, and a new worker finishes it with every row applied exactly once.

The queue is real too: Huey's SQLite storage in a temporary file, and Redis when it answers on 127.0.0.1:6379.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from jobfair.extensions import db
from jobfair.models import BackgroundJob, CoverMonth, Enrolment, ImportBatch, Person, Programme, User, Worker
from jobfair.services import jobs
from jobfair.services.protection import protection_import, protection_import_jobs
from tests import factories
from tests.services.conftest import TODAY
from tests.services.test_protection_import import person_row, xlsx

PROJECT_DIR = Path(__file__).resolve().parents[2]
ROWS = 1500
WAIT_SECONDS = 120


def _start_worker(app, log_path: Path) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if not key.startswith("JOBFAIR_")}
    env.update({"JOBFAIR_CONFIG": "testing", "JOBFAIR_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "JOBFAIR_JOB_QUEUE_URL": app.config["JOB_QUEUE_URL"],
                "JOBFAIR_JOB_QUEUE_NAME": app.config["JOB_QUEUE_NAME"],
                "JOBFAIR_PINNED_TODAY": TODAY.isoformat(), "JOBFAIR_JOB_HEARTBEAT_SECONDS": "0.3",
                "JOBFAIR_JOB_RETRY_DELAY_SECONDS": "1",
                # A loaded machine (CI beside other jobs) can hold the SQLite write lock for seconds: wait for it.
                "JOBFAIR_SQLITE_BUSY_TIMEOUT_MS": "30000"})
    log = log_path.open("ab")
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--workers", "1"],
                            cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait_for(condition, what: str, log_path: Path):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log_path.read_text(errors='replace')[-3000:]}")


def _job(app, job_id: int) -> BackgroundJob:
    with app.app_context():
        job = db.session.get(BackgroundJob, job_id)
        db.session.expunge_all()
        db.session.remove()
        return job


def _count(app, model) -> int:
    with app.app_context():
        value = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
        return value


class _ApplyBlocker:
    """Holds the apply in the middle of its one transaction, so the kill lands there for certain.

    PostgreSQL: the test locks cover_month (the apply's last insert) and waits until the worker's session is
    blocked on that lock, i.e. people, workers and enrolments are already inserted, uncommitted. SQLite has one
    writer: the worker is inside its write transaction when the test cannot take the write lock while the job
    runs."""

    def __init__(self, database_url: str):
        self.url = database_url
        self.engine = None
        self.connection = None

    def hold(self):
        if self.url.startswith("postgresql"):
            self.engine = create_engine(self.url)
            self.connection = self.engine.connect()
            self.connection.execute(text("LOCK TABLE cover_month IN EXCLUSIVE MODE"))

    def worker_is_inside_apply(self) -> bool:
        if self.connection is not None:
            waiting = self.connection.execute(text(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'cover_month'::regclass")).scalar()
            return waiting > 0
        path = self.url.removeprefix("sqlite:///")
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # "database is locked": the worker holds the write lock
            return True
        else:
            probe.execute("ROLLBACK")
            return False
        finally:
            probe.close()

    def release(self):
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()
            self.engine.dispose()
            self.connection = None


def test_an_import_killed_mid_apply_is_finished_by_a_new_worker_exactly_once(queue_app, database_url, tmp_path):
    log_path = tmp_path / "worker.log"
    with queue_app.app_context():
        officer = factories.make_user("officer")
        programme = factories.bpjs_programme(year=2025, actor=officer)
        data = xlsx([person_row(serial) for serial in range(1, ROWS + 1)])
        batch = protection_import.upload(officer, programme.id, filename="pekerja.xlsx", stream=data)
        batch_id, officer_id, programme_id = batch.id, officer.id, programme.id
        assert batch.status == "validating"  # queued: nothing runs in this process
        db.session.remove()

    first = _start_worker(queue_app, log_path)
    blocker = _ApplyBlocker(database_url)
    second = None
    try:
        with queue_app.app_context():
            _wait_for(lambda: db.session.scalar(select(ImportBatch.status).where(ImportBatch.id == batch_id))
                      == "validated" or db.session.rollback(), "the validation", log_path)
            officer = db.session.get(User, officer_id)
            blocker.hold()
            _batch, job = protection_import_jobs.decide(officer, batch_id, mode="valid_only")
            job_id = job.id
            db.session.remove()
        _wait_for(lambda: _job(queue_app, job_id).status == "running" and blocker.worker_is_inside_apply(),
                  "the worker to be inside the apply", log_path)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        blocker.release()

        assert _job(queue_app, job_id).status == "running"  # the dead worker's record, until someone recovers it
        assert _count(queue_app, Enrolment) == 0 and _count(queue_app, CoverMonth) == 0  # rolled back

        second = _start_worker(queue_app, log_path)
        _wait_for(lambda: _job(queue_app, job_id).status in ("done", "failed"), "the new worker to finish", log_path)
        job = _job(queue_app, job_id)
        assert job.status == "done", job.error
        assert job.attempts == 2 and job.result == {"batch_id": batch_id, "imported": ROWS}
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        blocker.release()

    with queue_app.app_context():
        batch = db.session.get(ImportBatch, batch_id)
        assert batch.status == "imported" and batch.imported_rows == ROWS
        assert db.session.scalar(select(func.count()).select_from(Person)) == ROWS
        assert db.session.scalar(select(func.count()).select_from(Worker)) == ROWS
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == ROWS
        assert db.session.scalar(select(func.count()).select_from(CoverMonth)) == ROWS * 12
        assert db.session.scalar(select(func.count(func.distinct(Enrolment.worker_id)))) == ROWS
        assert db.session.get(Programme, programme_id).enrolled_count == ROWS  # the quota counter moved once
        assert jobs.label(job) == "Impor data pekerja ke register"
        db.session.remove()

