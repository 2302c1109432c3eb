"""The officer's decision on a validated import, run in the job queue, and the batch's page state.

Discarding is immediate; importing the valid rows becomes a `protection.apply` job (services/job_tasks.py), whose
progress and failure reason the batch page shows.
"""

from flask_babel import lazy_gettext as _l

from jobfair.models import BackgroundJob, ImportBatch
from jobfair.services import jobs
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.job_tasks import APPLY_IMPORT, VALIDATE_IMPORT
from jobfair.services.protection import protection_import

BUSY = _l("Impor ini sedang diproses; tunggu sampai selesai.")


def decide(actor, batch_id: int, *, mode: str) -> tuple[ImportBatch, BackgroundJob | None]:
    """(batch, job): the job is None when the officer discarded the import."""
    batch = protection_import.get_batch(actor, batch_id)
    if mode == "nothing":
        return protection_import.apply(actor, batch_id, mode="nothing"), None
    if mode != "valid_only":
        raise ValidationFailed({"mode": protection_import.CHOOSE_MODE})
    if batch.status != "validated":
        raise InvalidState(protection_import.DECIDED)
    running = jobs.latest_for(batch, (APPLY_IMPORT,))
    if running is not None and running.active:
        raise InvalidState(BUSY)
    job = jobs.enqueue(APPLY_IMPORT, actor=actor, subject=batch, batch_id=batch.id, mode=mode)
    return protection_import.get_batch(actor, batch_id), job


def page_state(actor, batch_id: int) -> tuple[ImportBatch, BackgroundJob | None]:
    """The batch and its newest job (checking or importing), for the progress page."""
    batch = protection_import.get_batch(actor, batch_id)
    return batch, jobs.latest_for(batch, (VALIDATE_IMPORT, APPLY_IMPORT))
