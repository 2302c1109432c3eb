"""Flask commands: thin wrappers over services."""

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from jobfair.services import accounts, demo, reference
from jobfair.services.errors import ValidationFailed


def init_app(app) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(create_user)
    app.cli.add_command(seed_demo)


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
    """Add demo data (one account per role). Passwords are printed once."""
    if if_empty and not demo.database_is_empty():
        click.echo("Database already has accounts; demo data not added.")
        return
    created = demo.seed_demo()
    if not created:
        click.echo("Demo accounts already exist; nothing added.")
    for email, password in created.items():
        click.echo(f"  {email}  password: {password}")
    if created:
        click.echo("Write these passwords down: they are not shown again.")
