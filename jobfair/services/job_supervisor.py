"""Keeping jobs alive across dying workers: heartbeats and recovery.

Every worker runs a supervisor thread (jobfair/queue.py) that, every JOB_HEARTBEAT_SECONDS, stamps the heartbeat
of the jobs it runs and recovers jobs left "running" by a worker that is gone: its heartbeat is older than
JOB_STALE_SECONDS, or it ran on this machine under a process id that no longer exists (a `kill -9`, an OOM kill, a
reboot), and re-sends the message of a job queued long ago that never started (its message was lost). Recovery
is a conditional UPDATE (running + stale -> queued), so two supervisors never both re-queue a job;
a job whose attempts are used up is failed instead. The queue message of a killed job died with its worker (Huey
has no acknowledgements), which is why the database, not the queue, decides what still has to run.
"""

import logging
import os
import socket
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from jobfair.extensions import db
from jobfair.models import BackgroundJob, JobStatus
from jobfair.models.base import utcnow
from jobfair.services import jobs

log = logging.getLogger(__name__)

WORKER_LOST = ("Pekerja yang menjalankan tugas ini berhenti di tengah jalan (percobaan ke-{attempt} dari {total}); "
               "tugas dijalankan ulang otomatis. Yang belum selesai tidak tersimpan.")
WORKER_LOST_FINAL = ("Pekerja yang menjalankan tugas ini berhenti {total} kali di tengah jalan; tugas dihentikan. "
                     "Yang belum selesai tidak tersimpan. Hubungi admin sistem.")


def heartbeat(job_ids: list[int]) -> None:
    if not job_ids:
        return
    db.session.execute(update(BackgroundJob).where(BackgroundJob.id.in_(job_ids),
                                                   BackgroundJob.status == JobStatus.RUNNING.value)
                       .values(heartbeat_at=utcnow()))
    db.session.commit()


def _gone_from_this_machine(worker: str | None) -> bool:
    """The job ran here under a process that no longer exists (safe to recover without waiting for staleness)."""
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


def recover_stale(now=None) -> list[int]:
    """Re-queue (or fail, when out of attempts) the jobs whose worker is gone; returns the ids re-queued."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=int(current_app.config.get("JOB_STALE_SECONDS", 120)))
    candidates = db.session.execute(select(BackgroundJob.id, BackgroundJob.worker, BackgroundJob.heartbeat_at).where(
        BackgroundJob.status == JobStatus.RUNNING.value)).all()
    here = set(jobs.running_here())
    requeued = []
    for job_id, worker, beat in candidates:
        if job_id in here:
            continue
        stale = beat is None or beat < cutoff
        if not stale and not _gone_from_this_machine(worker):
            continue
        condition = [BackgroundJob.id == job_id, BackgroundJob.status == JobStatus.RUNNING.value,
                     BackgroundJob.worker == worker if worker is not None else BackgroundJob.worker.is_(None)]
        if stale:
            condition.append(or_(BackgroundJob.heartbeat_at.is_(None), BackgroundJob.heartbeat_at < cutoff))
        job = db.session.get(BackgroundJob, job_id)
        out_of_attempts = job.attempts >= job.max_attempts
        message = (WORKER_LOST_FINAL if out_of_attempts else WORKER_LOST).format(attempt=job.attempts,
                                                                                total=job.max_attempts)
        taken = db.session.execute(update(BackgroundJob).where(*condition).values(
            status=JobStatus.FAILED.value if out_of_attempts else JobStatus.QUEUED.value, worker=None,
            error=message, finished_at=now if out_of_attempts else None, heartbeat_at=now))
        db.session.commit()
        if taken.rowcount != 1:
            continue
        db.session.refresh(job)
        log.warning("job %s (%s) lost its worker %s; %s", job_id, job.kind, worker,
                    "failed" if out_of_attempts else "re-queued")
        if out_of_attempts:
            jobs.mark_failed(job, message)
        else:
            from jobfair import queue

            queue.send(job_id)
            requeued.append(job_id)
    return requeued


def resend_lost_messages(now=None) -> list[int]:
    """Queued jobs whose message was due longer than JOB_STALE_SECONDS ago and never ran (Redis lost it, or the
    queue was down when the job was made) get a new message. A duplicate is harmless: the claim runs a job once."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=int(current_app.config.get("JOB_STALE_SECONDS", 120)))
    overdue = db.session.scalars(select(BackgroundJob.id).where(
        BackgroundJob.status == JobStatus.QUEUED.value,
        or_(BackgroundJob.heartbeat_at.is_(None), BackgroundJob.heartbeat_at < cutoff))
        .order_by(BackgroundJob.id).limit(100)).all()
    resent = []
    for job_id in overdue:
        taken = db.session.execute(update(BackgroundJob).where(
            BackgroundJob.id == job_id, BackgroundJob.status == JobStatus.QUEUED.value,
            or_(BackgroundJob.heartbeat_at.is_(None), BackgroundJob.heartbeat_at < cutoff)).values(heartbeat_at=now))
        db.session.commit()
        if taken.rowcount == 1:
            from jobfair import queue

            queue.send(job_id)
            resent.append(job_id)
    return resent


def tick() -> list[int]:
    """One round of the supervisor: heartbeats, then recovery. Errors are logged, never raised (next tick)."""
    try:
        heartbeat(jobs.running_here())
    except Exception:  # e.g. SQLite busy with a task's long write: the next tick tries again
        db.session.rollback()
        log.debug("heartbeat skipped", exc_info=True)
    try:
        return recover_stale() + resend_lost_messages()
    except Exception:
        db.session.rollback()
        log.warning("job recovery skipped", exc_info=True)
        return []
