"""The job queue: a job enqueued on a real queue is run by a worker with its progress; a failing job is retried and
then failed with its reason (shown on its page); a message delivered twice runs once; a job whose worker died is
re-queued, or failed when out of attempts; two workers applying one import at once apply it once (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import BackgroundJob, Enrolment, ImportBatch, OutboxEmail
from jobfair.models.base import utcnow
from jobfair.services import job_supervisor, job_tasks, jobs
from jobfair.services.jobs import JobFailed
from jobfair.services.protection import protection_import
from tests import factories
from tests.services.test_protection_import import person_row, xlsx

CALLS: list[dict] = []


@jobs.task("test.count", label="Hitung uji")
def _count(job, *, steps: int):
    for step in range(1, steps + 1):
        jobs.report_progress(job, step, steps)
    CALLS.append({"job": job.id, "steps": steps})
    return {"counted": steps}


@jobs.task("test.flaky", label="Tugas uji yang gagal", max_attempts=2, retry_delay=60)
def _flaky(job):
    CALLS.append({"job": job.id})
    raise RuntimeError("the disk is full")


@jobs.task("test.refused", label="Tugas uji yang ditolak")
def _refused(job):
    raise JobFailed("Program sudah ditutup; tidak ada yang dibuat.")


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    yield
    CALLS.clear()


def _pending(app) -> int:
    return app.extensions["huey"].pending_count()


def test_a_job_waits_on_the_queue_until_a_worker_runs_it_with_its_progress(queue_app):
    with queue_app.app_context():
        officer = factories.make_user("officer")
        job = jobs.enqueue("test.count", actor=officer, steps=5)
        assert (job.status, job.attempts, job.params, job.created_by_id) == ("queued", 0, {"steps": 5}, officer.id)
        job_id = job.id
        db.session.remove()
    assert CALLS == [] and _pending(queue_app) == 1

    huey = queue_app.extensions["huey"]
    huey.execute(huey.dequeue())  # what the consumer does with the message

    with queue_app.app_context():
        job = db.session.get(BackgroundJob, job_id)
        assert (job.status, job.attempts, job.progress_done, job.progress_total) == ("done", 1, 5, 5)
        assert job.result == {"counted": 5} and job.finished_at is not None and job.error is None
        db.session.remove()
    assert CALLS == [{"job": job_id, "steps": 5}] and _pending(queue_app) == 0


def test_a_message_delivered_twice_runs_the_job_once(db):
    job = jobs.enqueue("test.count", steps=1)  # in-process queue: already run
    assert job.status == "done"
    assert jobs.run_job(job.id) is None
    assert len(CALLS) == 1 and db.session.get(BackgroundJob, job.id).attempts == 1


def test_a_failing_job_is_retried_after_a_delay_then_failed_with_its_reason(db):
    job = jobs.enqueue("test.flaky")
    assert (job.status, job.attempts) == ("queued", 1)  # first attempt failed, waiting for the retry
    assert job.run_after > utcnow() + timedelta(seconds=50)
    assert "percobaan ke-1 dari 2" in job.error and "dicoba lagi" in job.error

    assert jobs.run_job(job.id) == "failed"  # the retry (the worker runs it when the delay is over)
    db.session.expire_all()
    job = db.session.get(BackgroundJob, job.id)
    assert (job.status, job.attempts, len(CALLS)) == ("failed", 2, 2)
    assert "sudah dicoba 2 kali" in job.error and "disk" not in job.error  # no internals on the page
    assert jobs.run_job(job.id) is None  # out of attempts: nothing runs again


def test_a_refusal_fails_at_once_with_its_own_reason(db):
    job = jobs.enqueue("test.refused")
    assert (job.status, job.attempts, job.error) == ("failed", 1, "Program sudah ditutup; tidak ada yang dibuat.")


def test_the_job_page_refreshes_while_queued_and_shows_the_failure_reason(app, officer_client):
    with app.app_context():
        job = jobs.enqueue("test.flaky")
        job_id = job.id
        db.session.remove()
    page = officer_client.get(f"/disnaker/tugas/{job_id}")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers.get("Refresh") == "2"
    assert 'http-equiv="refresh"' in body and "Menunggu giliran" in body and "percobaan ke-1 dari 2" in body

    with app.app_context():
        jobs.run_job(job_id)
        db.session.remove()
    page = officer_client.get(f"/disnaker/tugas/{job_id}")
    body = page.get_data(as_text=True)
    assert "Refresh" not in page.headers and 'http-equiv="refresh"' not in body
    assert "Gagal" in body and "Tugas gagal:" in body and "sudah dicoba 2 kali" in body
    assert officer_client.get("/disnaker/tugas/999999").status_code == 404


def test_recovery_requeues_a_job_whose_worker_went_silent_and_fails_it_when_out_of_attempts(db, app, monkeypatch):
    monkeypatch.setitem(app.config, "JOB_STALE_SECONDS", 60)
    old, fresh = utcnow() - timedelta(minutes=5), utcnow()
    lost = BackgroundJob(kind="test.count", params={"steps": 2}, status="running", attempts=1, max_attempts=3,
                         progress_done=1, worker="elsewhere:1", heartbeat_at=old)
    alive = BackgroundJob(kind="test.count", params={"steps": 2}, status="running", attempts=1, max_attempts=3,
                          progress_done=1, worker="elsewhere:2", heartbeat_at=fresh)
    spent = BackgroundJob(kind="test.count", params={"steps": 2}, status="running", attempts=3, max_attempts=3,
                          progress_done=1, worker="elsewhere:3", heartbeat_at=old)
    db.session.add_all([lost, alive, spent])
    db.session.commit()
    ids = lost.id, alive.id, spent.id

    assert job_supervisor.recover_stale() == [ids[0]]
    db.session.expire_all()
    lost, alive, spent = (db.session.get(BackgroundJob, i) for i in ids)
    assert (lost.status, lost.attempts, lost.progress_done) == ("done", 2, 2)  # re-queued, run in-process at once
    assert alive.status == "running" and CALLS == [{"job": ids[0], "steps": 2}]
    assert spent.status == "failed" and "berhenti 3 kali" in spent.error
    assert job_supervisor.recover_stale() == []


def test_a_validation_that_fails_for_good_marks_its_batch_failed_with_the_reason(db, app, pin_today, tmp_path):
    from tests.services.conftest import TODAY

    pin_today(TODAY)
    officer = factories.make_user("officer")
    programme = factories.bpjs_programme(year=2025, actor=officer)
    batch = protection_import.upload(officer, programme.id, filename="a.xlsx", stream=xlsx([person_row(1)]))
    assert batch.status == "validated"
    stuck = ImportBatch(filename="b.xlsx", programme_id=programme.id, status="validating", errors=[], payload=[])
    db.session.add(stuck)
    db.session.commit()
    job = jobs.enqueue(job_tasks.VALIDATE_IMPORT, subject=stuck, batch_id=stuck.id, path=str(tmp_path / "gone.xlsx"))
    assert job.status == "failed" and job.error == job_tasks.FILE_GONE
    db.session.expire_all()
    stuck = db.session.get(ImportBatch, stuck.id)
    assert stuck.status == "failed" and stuck.errors[0]["reason"] == job_tasks.FILE_GONE


def test_the_minute_tick_starts_one_mail_job_when_mail_waits(queue_app):
    with queue_app.app_context():
        job_tasks.every_minute()
        assert db.session.scalar(select(func.count()).select_from(BackgroundJob)) == 0  # nothing to send
        db.session.add(OutboxEmail(recipient="warga@example.id", subject="Halo", body="Isi"))
        db.session.commit()
        job_tasks.every_minute()
        job_tasks.every_minute()  # the first job is still queued: no second one
        kinds = db.session.scalars(select(BackgroundJob.kind)).all()
        assert kinds == [job_tasks.SEND_MAIL]
        db.session.remove()


def test_two_workers_applying_one_import_at_once_apply_it_once(queue_app):
    with queue_app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")
        officer = factories.make_user("officer")
        programme = factories.bpjs_programme(year=2025, actor=officer)
        batch = protection_import.upload(officer, programme.id, filename="a.xlsx",
                                         stream=xlsx([person_row(n) for n in range(1, 41)]))
        huey = queue_app.extensions["huey"]
        huey.execute(huey.dequeue())  # the validation
        first = jobs.enqueue(job_tasks.APPLY_IMPORT, actor=officer, subject=batch, batch_id=batch.id, mode="valid_only")
        second = jobs.enqueue(job_tasks.APPLY_IMPORT, actor=officer, subject=batch, batch_id=batch.id,
                              mode="valid_only")
        ids, batch_id = [first.id, second.id], batch.id
        db.session.remove()
    barrier = threading.Barrier(2)
    ended = []

    def work(job_id):
        with queue_app.app_context():
            barrier.wait()
            ended.append(jobs.run_job(job_id))
            db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with queue_app.app_context():
        assert sorted(ended) == ["done", "done"]
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 40
        assert db.session.get(ImportBatch, batch_id).imported_rows == 40
        results = [db.session.get(BackgroundJob, i).result for i in ids]
        assert results == [{"batch_id": batch_id, "imported": 40}] * 2
        db.session.remove()


def test_a_queued_job_whose_message_was_lost_long_ago_gets_a_new_one(queue_app):
    with queue_app.app_context():
        job = jobs.enqueue("test.count", steps=1)
        queue_app.extensions["huey"].flush()  # the message is lost (Redis restarted without its data)
        assert job_supervisor.resend_lost_messages() == []  # not overdue yet
        job.heartbeat_at = utcnow() - timedelta(minutes=10)
        db.session.commit()
        assert job_supervisor.resend_lost_messages() == [job.id]
        assert job_supervisor.resend_lost_messages() == []  # once per stale period
        db.session.remove()
    huey = queue_app.extensions["huey"]
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())
    with queue_app.app_context():
        assert db.session.scalar(select(BackgroundJob.status)) == "done"
        db.session.remove()
