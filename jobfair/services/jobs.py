"""Background jobs: the registry of task kinds, enqueueing, and running one job in a worker.

A job is a `background_job` row (our database) plus a message carrying only its id on the queue (jobfair/queue.py:
Huey on Redis in production, on SQLite for `make run`, in-process for tests). Running a job first *claims* it with a
conditional UPDATE (queued -> running), so a message delivered twice, or a job re-queued by the recovery while a
duplicate message waits, runs once at a time. A failure is retried after a delay up to `max_attempts`, then the job
is failed with its reason (Indonesian) for the progress page. Recovery of jobs whose worker died is in
services/job_supervisor.py.

Register a kind with the `task` decorator (see services/job_tasks.py) and start it with
`enqueue(kind, actor=..., subject=..., **params)`. Params are ids and options: never personal data (a NIK, a name).
"""

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from jobfair import messages
from jobfair.extensions import db
from jobfair.models import BackgroundJob, JobStatus, User
from jobfair.models.base import utcnow
from jobfair.services.access import require_office
from jobfair.services.errors import DomainError, require_found

log = logging.getLogger(__name__)

MAX_ERROR = 500
NOT_FOUND = _l("Tugas tidak ditemukan.")


class JobFailed(Exception):
    """Raised by a task for a failure a retry cannot mend (a business refusal): the job fails at once."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TaskSpec:
    kind: str
    func: Callable
    label: str
    max_attempts: int | None      # None: the JOB_MAX_ATTEMPTS setting
    retry_delay: int | None       # seconds; None: the JOB_RETRY_DELAY_SECONDS setting
    on_failure: Callable | None   # called with (job, reason) when the job has failed for good


TASKS: dict[str, TaskSpec] = {}
_running_here: set[int] = set()   # jobs this process is running: the supervisor keeps their heartbeat fresh
_running_lock = threading.Lock()


def task(kind: str, *, label: str, max_attempts: int | None = None, retry_delay: int | None = None,
         on_failure: Callable | None = None):
    """Register `func(job, **params) -> dict | None` as the task of `kind`; its return value is the job's result."""
    def register(func):
        TASKS[kind] = TaskSpec(kind, func, label, max_attempts, retry_delay, on_failure)
        return func
    return register


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def enqueue(kind: str, *, actor=None, subject=None, max_attempts: int | None = None, **params) -> BackgroundJob:
    """Record the job (committed) and put its id on the queue. `subject` is the object the job works on."""
    spec = TASKS.get(kind)
    if spec is None:
        raise ValueError(f"unknown job kind {kind!r}")
    attempts = max_attempts or spec.max_attempts or int(current_app.config.get("JOB_MAX_ATTEMPTS", 3))
    # heartbeat_at of a queued job: when its message was (last) due; the supervisor re-sends one lost long ago.
    job = BackgroundJob(kind=kind, params=params, status=JobStatus.QUEUED.value, attempts=0, max_attempts=attempts,
                        progress_done=0, heartbeat_at=utcnow(), created_by_id=getattr(actor, "id", None),
                        subject_type=getattr(subject, "__tablename__", None), subject_id=getattr(subject, "id", None))
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    from jobfair import queue  # the queue module imports the tasks, which import this module

    queue.send(job_id)
    db.session.expire_all()  # in-process mode has just run the job in another session
    return db.session.get(BackgroundJob, job_id)


def _claim(job_id: int) -> bool:
    now = utcnow()
    claimed = db.session.execute(update(BackgroundJob).where(
        BackgroundJob.id == job_id, BackgroundJob.status == JobStatus.QUEUED.value,
        BackgroundJob.attempts < BackgroundJob.max_attempts)
        .values(status=JobStatus.RUNNING.value, attempts=BackgroundJob.attempts + 1, started_at=now,
                heartbeat_at=now, run_after=None, worker=worker_name(), finished_at=None))
    db.session.commit()
    return claimed.rowcount == 1


def run_job(job_id: int) -> str | None:
    """Run one job if it is still queued (the worker's entry point); returns the status it ended in."""
    if not _claim(job_id):
        log.info("job %s is not queued any more; message skipped", job_id)
        return None
    job = db.session.get(BackgroundJob, job_id)
    spec = TASKS.get(job.kind)
    with _running_lock:
        _running_here.add(job_id)
    try:
        if spec is None:
            raise JobFailed(_l("Jenis tugas ini tidak dikenal oleh pekerja; perbarui aplikasinya."))
        result = spec.func(job, **(job.params or {}))
    except (JobFailed, DomainError) as exc:
        db.session.rollback()
        return _failed(job_id, getattr(exc, "reason", None) or exc.message, final=True)
    except Exception:
        db.session.rollback()
        log.exception("job %s (%s) failed", job_id, getattr(spec, "kind", "?"))
        return _failed(job_id, None, final=False)
    finally:
        with _running_lock:
            _running_here.discard(job_id)
    job = db.session.get(BackgroundJob, job_id)
    job.status, job.finished_at, job.error = JobStatus.DONE.value, utcnow(), None
    job.result = result if isinstance(result, dict) else None
    if job.progress_total is not None:
        job.progress_done = job.progress_total
    db.session.commit()
    return job.status


def _failed(job_id: int, reason: str | None, *, final: bool) -> str:
    job = db.session.get(BackgroundJob, job_id)
    spec = TASKS.get(job.kind)
    if not final and job.attempts < job.max_attempts:
        delay = (spec and spec.retry_delay) or int(current_app.config.get("JOB_RETRY_DELAY_SECONDS", 30))
        job.status, job.worker = JobStatus.QUEUED.value, None
        job.run_after = job.heartbeat_at = utcnow() + timedelta(seconds=delay)
        job.error = messages.indonesian(_l(
            "Tugas berhenti karena kesalahan sistem pada percobaan ke-%(attempt)s dari %(total)s; dicoba lagi "
            "otomatis.", attempt=job.attempts, total=job.max_attempts))
        db.session.commit()
        from jobfair import queue

        queue.send(job_id, delay=delay)
        return job.status
    reason = reason or _l("Tugas berhenti karena kesalahan sistem dan sudah dicoba %(count)s kali; tidak ada yang "
                          "disimpan oleh percobaan yang gagal. Hubungi admin sistem.", count=job.attempts)
    mark_failed(job, reason)
    return job.status


def mark_failed(job: BackgroundJob, reason: str) -> None:
    """Fail the job for good (committed) and let its kind react (e.g. the import batch shows the reason). The
    reason is stored as data, in Indonesian (a lazy message becomes its Indonesian text)."""
    reason = messages.indonesian(reason)
    job.status, job.error, job.finished_at, job.worker = JobStatus.FAILED.value, reason[:MAX_ERROR], utcnow(), None
    db.session.commit()
    spec = TASKS.get(job.kind)
    if spec and spec.on_failure:
        try:
            spec.on_failure(job, job.error)
        except Exception:  # the job is already recorded as failed; the hook must not hide that
            db.session.rollback()
            log.exception("on_failure hook of job %s failed", job.id)


def report_progress(job: BackgroundJob, done: int, total: int | None = None) -> None:
    """Progress of a running job, committed on its own connection so the task's own transaction stays open."""
    values = {"progress_done": done, "heartbeat_at": utcnow()}
    if total is not None:
        values["progress_total"] = total
    try:
        with db.engine.begin() as connection:
            connection.execute(update(BackgroundJob).where(BackgroundJob.id == job.id).values(**values))
    except Exception:  # progress is a courtesy (SQLite may be busy with the task's own write): never fail the job
        log.debug("progress of job %s not recorded", job.id, exc_info=True)


def running_here() -> list[int]:
    with _running_lock:
        return sorted(_running_here)


def actor_of(job: BackgroundJob) -> User | None:
    return db.session.get(User, job.created_by_id) if job.created_by_id else None


def label(job: BackgroundJob) -> str:
    spec = TASKS.get(job.kind)
    return spec.label if spec else job.kind


def get_job(actor, job_id: int) -> BackgroundJob:
    """A job for its progress page: office staff only (the jobs are the office's work)."""
    require_office(actor)
    return require_found(db.session.get(BackgroundJob, job_id), NOT_FOUND)


def latest_for(subject, kinds: tuple[str, ...] | None = None) -> BackgroundJob | None:
    query = select(BackgroundJob).where(BackgroundJob.subject_type == subject.__tablename__,
                                        BackgroundJob.subject_id == subject.id)
    if kinds:
        query = query.where(BackgroundJob.kind.in_(kinds))
    return db.session.scalar(query.order_by(BackgroundJob.id.desc()).limit(1))
