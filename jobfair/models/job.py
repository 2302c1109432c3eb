"""Background jobs: the record in our database of each piece of long work run by the job queue (jobfair/queue.py).

The queue (Huey on Redis or SQLite) only carries a job id; what the job is, how far it got and why it failed live
here, so progress pages read the database, a web restart loses nothing and a new worker can pick up a job whose
worker died (its heartbeat went stale). Parameters hold ids and options, never personal data such as a NIK.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class BackgroundJob(db.Model):
    __tablename__ = "background_job"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_background_job_subject", "subject_type", "subject_id"),
        Index("ix_background_job_status_heartbeat", "status", "heartbeat_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    # The object the job works on (e.g. import_batch 7), so its page finds the job without searching JSON.
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)     # the last failure, in Indonesian, for the progress page
    result: Mapped[dict | None] = mapped_column(JSON)   # e.g. {"round_id": 4}: where the page links when done
    worker: Mapped[str | None] = mapped_column(String(120))  # host:pid of the worker running it
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    run_after: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a retry waits until then
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
