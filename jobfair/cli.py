"""Flask commands: thin wrappers over services."""

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from jobfair.demo import seed as demo
from jobfair.services import reference
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import accounts


def init_app(app) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(create_user)
    app.cli.add_command(seed_demo)
    app.cli.add_command(lapse_ak1_cards)
    app.cli.add_command(close_expired_vacancies)
    app.cli.add_command(send_notifications)
    app.cli.add_command(prune_sessions)
    app.cli.add_command(generate_ledger)
    app.cli.add_command(import_workers)
    app.cli.add_command(worker)
    app.cli.add_command(retention_command)
    app.cli.add_command(alerts_digest)
    app.cli.add_command(refresh_figures)


@click.command("init-db")
@with_appcontext
def init_db():
    """Run the migrations to the newest revision and load the reference data."""
    upgrade(directory=current_app.extensions["migrate"].directory, revision="heads")
    counts = reference.load_reference_data()
    click.echo("Database is up to date. Reference rows: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


@click.command("create-user")
@with_appcontext
@click.option("--role", type=click.Choice(accounts.STAFF_ROLES), required=True)
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.password_option()
def create_user(role, email, full_name, password):
    """Create an officer or admin account."""
    try:
        user = accounts.create_user(None, role=role, email=email, full_name=full_name, password=password)
    except ValidationFailed as exc:
        for field, message in exc.field_errors.items():
            click.echo(f"{field}: {message}", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Created {user.role} account {user.email}.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Seed only when the database has no accounts yet.")
def seed_demo(if_empty):
    """Add demo data: one account per role, the city's 2025 records as published (the July 2025 job fair, August's
    SMK programme, the 2025 worker-protection register and its aid) and a platform alive today (open vacancies, the
    next fair, an SMK cohort, this year's protection cycle, the demo accounts at work). The passwords of the accounts
    created now are printed last, once."""
    from datetime import date

    from jobfair.demo import accounts as demo_accounts
    from jobfair.demo import today as demo_today

    if if_empty and not demo.database_is_empty():
        click.echo("Database already has accounts; demo data not added.")
        return
    created = demo_today.seed_all(today=date.today(), progress=click.echo)
    if not created:
        click.echo("Demo accounts already exist; nothing added.")
        return
    click.echo("")
    click.echo("The officer and admin accounts set up two-step verification (an authenticator app such as Google "
               "Authenticator or FreeOTP) at their first login, as every new office account does.")
    click.echo("Demo accounts (write the passwords down: they are not shown again):")
    for line in demo_accounts.password_table(created):
        click.echo(line)


@click.command("send-notifications")
@with_appcontext
@click.option("--limit", default=100, show_default=True, help="At most this many e-mails per run.")
def send_notifications(limit):
    """Deliver the e-mail outbox over SMTP (MAIL_* settings)."""
    from jobfair.services import mailer

    sent, failed = mailer.send_outbox(limit=limit)
    click.echo(f"Sent {sent} e-mail(s), {failed} failed.")
    if failed:
        raise SystemExit(1)


@click.command("prune-sessions")
@with_appcontext
def prune_sessions():
    """Delete session records and password-reset links that ended more than SESSION_RECORD_DAYS ago (run daily)."""
    from jobfair.services.users import sessions

    gone_sessions, gone_links = sessions.prune()
    click.echo(f"Deleted {gone_sessions} old session(s) and {gone_links} old reset link(s).")


@click.command("close-expired-vacancies")
@with_appcontext
def close_expired_vacancies():
    """Close published vacancies whose valid-until date has passed (run daily)."""
    from jobfair.services.hiring import vacancies

    click.echo(f"Closed {vacancies.close_expired()} expired vacancies.")


@click.command("retention")
@click.option("--queue", "via_queue", is_flag=True, help="Hand the run to the job queue (a worker does it).")
@with_appcontext
def retention_command(via_queue: bool):
    """Remove personal data whose retention period is over (UU PDP): old applicants, lapsed AK/1 data, import rows
    and files (run daily; safe to run again or twice at once)."""
    from jobfair.services import jobs
    from jobfair.services.job_tasks import RUN_RETENTION
    from jobfair.services.privacy import retention

    if via_queue:
        job = jobs.enqueue(RUN_RETENTION)
        click.echo(f"Retention queued as job {job.id}.")
        return
    report = retention.run()
    if report["already_running"]:
        click.echo("Another retention run is working; nothing done.")
        return
    click.echo("Retention: " + ", ".join(f"{key}={value}" for key, value in report.items() if key != "already_running"))


@click.command("alerts-digest")
@click.option("--queue", "via_queue", is_flag=True, help="Hand the run to the job queue (a worker does it).")
@with_appcontext
def alerts_digest(via_queue: bool):
    """Put the job alerts' e-mails in the outbox: the new matching vacancies of every due saved search (run daily;
    safe to run again or twice at once). `flask send-notifications` delivers them."""
    from jobfair.security import public_url
    from jobfair.services import jobs
    from jobfair.services.hiring import saved_search_digest
    from jobfair.services.job_tasks import RUN_ALERTS

    if via_queue:
        job = jobs.enqueue(RUN_ALERTS)
        click.echo(f"Alerts digest queued as job {job.id}.")
        return
    report = saved_search_digest.run(link_for=public_url)
    click.echo("Alerts digest: " + ", ".join(f"{key}={value}" for key, value in report.items()))


@click.command("lapse-ak1-cards")
@with_appcontext
def lapse_ak1_cards():
    """Lapse AK/1 cards with a missed half-year report and expire those past validity (run daily)."""
    from jobfair.services.hiring import ak1

    changed = ak1.lapse_overdue()
    click.echo(f"AK/1 cards lapsed or expired: {changed}")


@click.command("generate-ledger")
@with_appcontext
@click.option("--programme", "programme_id", type=int, required=True, help="Programme id.")
@click.option("--month", required=True, help="Month as YYYY-MM, e.g. 2025-11.")
@click.option("--as", "officer_email", default=None, help="E-mail of the officer or admin recorded in the audit log.")
def generate_ledger(programme_id, month, officer_email):
    """Create the month's contribution or delivery rows for every active enrolment (running it twice adds nothing)."""
    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import Role, User
    from jobfair.services.errors import DomainError
    from jobfair.services.protection import ledger

    query = select(User).where(User.role.in_([Role.ADMIN.value, Role.OFFICER.value]))
    query = query.where(User.email == officer_email.strip().lower()) if officer_email else query.order_by(User.id)
    actor = db.session.scalars(query).first()
    if actor is None:
        click.echo("No officer or admin account found: create one with `flask create-user` (or check --as).", err=True)
        raise SystemExit(1)
    try:
        result = ledger.generate(actor, programme_id, month)
    except DomainError as exc:
        click.echo(exc.message, err=True)
        raise SystemExit(1) from exc
    click.echo(f"created: {result.created}, existing: {result.existing}")


@click.command("import-workers")
@with_appcontext
@click.option("--programme", "programme_id", type=int, required=True, help="Programme id.")
@click.option("--valid-only", is_flag=True, help="Import the valid rows; without it nothing is imported (report only).")
@click.option("--as", "officer_email", help="E-mail of the officer recorded as importing (default: the first).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_workers(programme_id, valid_only, officer_email, file):
    """Validate an XLSX/CSV of workers for a programme; with --valid-only import its valid rows."""
    from pathlib import Path

    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import Role, User
    from jobfair.services.errors import DomainError
    from jobfair.services.protection import protection_import

    query = select(User).where(User.role.in_([Role.ADMIN.value, Role.OFFICER.value]))
    query = query.where(User.email == officer_email.strip().lower()) if officer_email else query.order_by(User.id)
    actor = db.session.scalars(query).first()
    if actor is None:
        click.echo("No officer or admin account found: create one with `flask create-user` (or check --as).", err=True)
        raise SystemExit(1)
    try:
        with open(file, "rb") as stream:
            batch = protection_import.validate_upload(
                actor, programme_id, filename=Path(file).name, stream=stream,
                on_progress=lambda done, total: click.echo(f"checked {done}/{total} rows"))
        click.echo(f"batch {batch.id}: {batch.total_rows} rows, {batch.valid_rows} valid, "
                   f"{batch.error_rows} with errors")
        for error in batch.errors[:20]:
            click.echo(f"  row {error['row']} {error['column']}: {error['reason']}")
        batch = protection_import.apply(actor, batch.id, mode="valid_only" if valid_only else "nothing")
    except DomainError as exc:
        click.echo(exc.message, err=True)
        raise SystemExit(1) from exc
    click.echo(f"imported: {batch.imported_rows}" if valid_only else "nothing imported (use --valid-only to import)")


@click.command("worker")
@with_appcontext
@click.option("--workers", type=int, default=None, help="Worker threads (default: the JOB_WORKERS setting).")
def worker(workers):
    """Run the job queue's worker (imports, the match, e-mail, ledgers) until stopped with Ctrl+C or SIGTERM."""
    import logging

    from jobfair import queue

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = current_app._get_current_object()
    count = workers or int(app.config.get("JOB_WORKERS", 2))
    click.echo(f"Job worker: {count} thread(s) on {queue.describe(app.config.get('JOB_QUEUE_URL'))}.")
    try:
        queue.run_worker(app, count)
    except RuntimeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc


@click.command("refresh-figures")
@with_appcontext
def refresh_figures():
    """Recompute the city's figures snapshot read by the office dashboard, the city figures and the open data."""
    from jobfair.services.office import figure_snapshots

    computed_at = figure_snapshots.refresh()
    click.echo(f"City figures computed at {computed_at.isoformat(timespec='seconds')}.")
