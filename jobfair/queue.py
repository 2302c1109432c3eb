"""The job queue: Huey, chosen by the JOB_QUEUE_URL setting.

- ``redis://host:port/db``  RedisHuey: production and CI (every web and worker process shares it)
- ``sqlite:///path``         SqliteHuey: the embedded default for `make run` (instance/job-queue.sqlite3), no Redis
- ``immediate``              no queue: a job runs in the calling process at once (the test suite's default)

The queue carries only a background_job id; services/jobs.py runs the job (state in our database) and
services/job_supervisor.py recovers jobs whose worker died. `flask worker` (jobfair/cli.py) runs `run_worker`.
"""

import logging
import threading
from pathlib import Path

from flask import current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from huey.storage import SqliteStorage

from jobfair.extensions import db

log = logging.getLogger(__name__)
IMMEDIATE = "immediate"
TASK_NAME = "jobfair.run_job"


def make_huey(url: str, name: str) -> Huey:
    if url == IMMEDIATE:
        return Huey(name, immediate=True, results=False)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False)
    if url.startswith("sqlite:///"):
        # No file yet: create_app has no side effects; the schema is made at the first use (_ready).
        return SqliteHuey(name, filename=url.removeprefix("sqlite:///"), results=False, create_tables=False)
    raise RuntimeError(f"JOB_QUEUE_URL must be redis://..., sqlite:///... or {IMMEDIATE}, not {url!r}")


def init_app(app) -> None:
    from jobfair.services import job_tasks  # noqa: F401  (registers the task kinds)

    huey = make_huey(str(app.config.get("JOB_QUEUE_URL") or IMMEDIATE), app.config.get("JOB_QUEUE_NAME", "jobfair"))

    @huey.task(name=TASK_NAME)
    def run_background_job(job_id: int) -> None:
        from jobfair.services import jobs

        _in_app_context(app, jobs.run_job, job_id)

    @huey.periodic_task(crontab(minute="*"), name="jobfair.every_minute")
    def every_minute() -> None:
        _in_app_context(app, job_tasks.every_minute)

    @huey.periodic_task(crontab(minute="0", hour="23"), name="jobfair.daily")   # 07.00 WITA (Huey keeps UTC)
    def daily() -> None:
        _in_app_context(app, job_tasks.daily)

    @huey.task(name="jobfair.refresh_figures")
    def refresh_figures() -> None:
        """The city's figures snapshot, recomputed off the request (FIGURES_REFRESH = "queue")."""
        from jobfair.services.office import figure_snapshots

        _in_app_context(app, figure_snapshots.refresh)

    app.extensions["huey"] = huey
    # A commit that changed figure records puts one refresh on the queue (services/office/figure_snapshots.py).
    app.extensions["figure_snapshots.schedule"] = refresh_figures
    app.extensions["huey_run_job"] = run_background_job


def _in_app_context(app, work, *args) -> None:
    """Run a task's work in a fresh app context: its own database session (also when run in-process), removed after."""
    with app.app_context():
        try:
            work(*args)
        finally:
            db.session.remove()


def describe(url) -> str:
    """The queue's address without a password, for the worker's first line."""
    text = str(url or IMMEDIATE)
    if "@" in text and "://" in text:
        scheme, rest = text.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return text


def _ready(huey: Huey) -> Huey:
    storage = huey.storage
    if isinstance(storage, SqliteStorage) and not getattr(storage, "jobfair_schema_ready", False):
        Path(storage.filename).parent.mkdir(parents=True, exist_ok=True)
        storage.initialize_schema()
        storage.jobfair_schema_ready = True
    return huey


def send(job_id: int, *, delay: int | None = None) -> None:
    """Put a job id on the queue (after `delay` seconds)."""
    _ready(current_app.extensions["huey"])
    task = current_app.extensions["huey_run_job"]
    if delay:
        task.schedule(args=(job_id,), delay=delay)
    else:
        task(job_id)


def _supervise(app, stop: threading.Event) -> None:
    from jobfair.services import job_supervisor

    interval = float(app.config.get("JOB_HEARTBEAT_SECONDS", 10))
    while True:
        with app.app_context():
            try:
                job_supervisor.tick()
            finally:
                db.session.remove()
        if stop.wait(interval):
            return


def run_worker(app, workers: int) -> None:
    """Run a Huey consumer (threads) with a supervisor thread beside it, until SIGINT/SIGTERM."""
    huey = _ready(app.extensions["huey"])
    if huey.immediate:
        raise RuntimeError("JOB_QUEUE_URL is 'immediate': jobs run inside the web process, there is no queue to "
                           "work on. Set JOB_QUEUE_URL to sqlite:///... or redis://...")
    stop = threading.Event()
    supervisor = threading.Thread(target=_supervise, args=(app, stop), name="job-supervisor", daemon=True)
    supervisor.start()
    consumer = Consumer(huey, workers=workers, worker_type="thread", periodic=True, check_worker_health=True,
                        initial_delay=0.1, backoff=1.15, max_delay=1.0)
    try:
        consumer.run()
    finally:
        stop.set()
