"""The task kinds the job queue runs (services/jobs.py). Each is a thin wrapper over the service doing the work.

Add a kind with ``@jobs.task("area.what", label=...)`` here (or in the area's own module, imported below) and start
it with ``jobs.enqueue("area.what", actor=..., subject=..., **params)``.
"""

from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from jobfair.extensions import db
from jobfair.models import BackgroundJob, ImportBatch, JobStatus
from jobfair.models.base import utcnow
from jobfair.services import jobs
from jobfair.services.jobs import JobFailed

VALIDATE_IMPORT, APPLY_IMPORT = "protection.validate", "protection.apply"
RUN_MATCH = "match.run"  # matching_rounds.RUN_JOB (that module starts it)
SEND_MAIL, GENERATE_LEDGER = "mail.send_outbox", "ledger.generate"
RUN_RETENTION = "pdp.retention"
RUN_ALERTS = "alerts.digest"
FILE_GONE = _l("Berkas unggahan tidak ada lagi di server; unggah ulang berkasnya.")
ALREADY_DECIDED = _l("Impor ini sudah diputuskan sebelumnya (dibatalkan atau gagal); tidak ada yang diimpor "
                     "lagi.")


def _batch_failed(job: BackgroundJob, reason: str) -> None:
    """A validation that failed for good: the batch says so (instead of "being checked" for ever)."""
    db.session.execute(update(ImportBatch).where(ImportBatch.id == job.params["batch_id"],
                                                 ImportBatch.status == "validating")
                       .values(status="failed", payload=[], finished_at=utcnow(),
                               errors=[{"row": 0, "column": "Berkas", "reason": reason[:300]}]))
    db.session.commit()


@jobs.task(VALIDATE_IMPORT, label=_l("Pemeriksaan berkas impor pekerja"), on_failure=_batch_failed)
def validate_import(job: BackgroundJob, *, batch_id: int, path: str) -> dict:
    from jobfair.services.protection import protection_import

    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise JobFailed(_l("Impor tidak ditemukan."))
    if batch.status != "validating":  # an earlier attempt finished and committed before its worker died
        Path(path).unlink(missing_ok=True)
        return {"batch_id": batch_id}
    if not Path(path).exists():
        raise JobFailed(FILE_GONE)
    protection_import.run_validation(batch_id, path)
    return {"batch_id": batch_id}


@jobs.task(APPLY_IMPORT, label=_l("Impor data pekerja ke register"))
def apply_import(job: BackgroundJob, *, batch_id: int, mode: str) -> dict:
    """Idempotent: the batch row is claimed by a conditional UPDATE (a row lock on PostgreSQL, the write lock on
    SQLite) held by the apply's one transaction, so a second attempt waits for the first to commit or roll back,
    then finds the batch imported and applies nothing."""
    from jobfair.services.protection import protection_import

    batch = db.session.get(ImportBatch, batch_id)
    if batch is not None:  # before the claim: on SQLite the claim holds the write lock the progress needs
        jobs.report_progress(job, 0, batch.valid_rows)
    db.session.rollback()
    claimed = db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id,
                                                           ImportBatch.status == "validated")
                                 .values(processed_rows=ImportBatch.processed_rows))
    if claimed.rowcount != 1:
        db.session.rollback()
        batch = db.session.get(ImportBatch, batch_id)
        if batch is not None and batch.status == "imported":
            return {"batch_id": batch_id, "imported": batch.imported_rows}
        raise JobFailed(ALREADY_DECIDED)
    batch = protection_import.apply(jobs.actor_of(job), batch_id, mode=mode)
    return {"batch_id": batch_id, "imported": batch.imported_rows}


@jobs.task(RUN_MATCH, label=_l("Putaran penempatan magang"), max_attempts=2)
def run_match(job: BackgroundJob) -> dict:
    from jobfair.services.smk import matching_rounds

    match_round = matching_rounds.run_round(jobs.actor_of(job))
    return {"round_id": match_round.id}


@jobs.task(SEND_MAIL, label=_l("Pengiriman e-mail"))
def send_mail(job: BackgroundJob, *, limit: int = 100) -> dict:
    from jobfair.services import mailer

    sent, failed = mailer.send_outbox(limit=limit)
    jobs.report_progress(job, sent, sent + failed)
    return {"sent": sent, "failed": failed}


@jobs.task(GENERATE_LEDGER, label=_l("Pembuatan buku besar bulanan"))
def generate_ledger(job: BackgroundJob, *, programme_id: int, month: str) -> dict:
    from jobfair.services.protection import ledger

    result = ledger.generate(jobs.actor_of(job), programme_id, month)
    return {"programme_id": programme_id, "month": month, "created": result.created, "existing": result.existing}


@jobs.task(RUN_RETENTION, label=_l("Penghapusan data yang masa simpannya habis"), max_attempts=2)
def run_retention(job: BackgroundJob) -> dict:
    """The daily retention run (UU PDP) through the queue; safe twice, since retention.run claims what it does."""
    from jobfair.services.privacy import retention

    return retention.run(actor=jobs.actor_of(job))


@jobs.task(RUN_ALERTS, label="Pemberitahuan lowongan dari pencarian tersimpan", max_attempts=2)
def run_alerts_digest(job: BackgroundJob) -> dict:
    """The job alerts' digest; safe twice (a saved search is claimed, a vacancy is never sent twice for it)."""
    from jobfair.security import public_url
    from jobfair.services.hiring import saved_search_digest

    return saved_search_digest.run(link_for=public_url)


def _busy(kind: str) -> bool:
    return db.session.scalar(select(BackgroundJob.id).where(
        BackgroundJob.kind == kind,
        BackgroundJob.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value])).limit(1)) is not None


def daily() -> None:
    """Run by the worker's scheduler once a day: the job alerts' digest (unless one is still queued or running)."""
    if not _busy(RUN_ALERTS):
        jobs.enqueue(RUN_ALERTS)


def every_minute() -> None:
    """Run by the worker's scheduler every minute: deliver the outbox when it holds mail (one job at a time)."""
    from jobfair.services import mailer

    busy = db.session.scalar(select(BackgroundJob.id).where(
        BackgroundJob.kind == SEND_MAIL,
        BackgroundJob.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value])).limit(1))
    if busy is None and mailer.pending(limit=1):
        jobs.enqueue(SEND_MAIL, max_attempts=1)
