"""jobfair: the labour-office platform of Balikpapan."""

import os
from pathlib import Path

from flask import Flask

import config as config_module

PROJECT_DIR = Path(__file__).resolve().parent.parent
ENV_PREFIX = "JOBFAIR_"


def create_app(config_object=None, overrides: dict | None = None) -> Flask:
    """Build the application. No side effects beyond the app object itself."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_DIR / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_DIR / "templates"),
        static_folder=str(PROJECT_DIR / "static"),
    )
    _load_config(app, config_object, overrides or {})
    _install_proxy_fix(app)
    _register_extensions(app)
    _register_blueprints(app)

    from jobfair import cli, errors, headers, limits, queue, security, templating

    headers.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    limits.init_app(app)  # after the blueprints: it wraps the views marked @rate_limited
    queue.init_app(app)
    cli.init_app(app)
    return app


def _resolve_config_class(config_object):
    if config_object is None:
        config_object = os.environ.get("JOBFAIR_CONFIG", "default")
    if isinstance(config_object, str):
        return config_module.CONFIGS[config_object]
    return config_object


def _load_config(app: Flask, config_object, overrides: dict) -> None:
    config_class = _resolve_config_class(config_object)
    app.config.from_object(config_class)
    if app.config.get("READ_INSTANCE_CONFIG", True):
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env(prefix=ENV_PREFIX.rstrip("_"))
    if os.environ.get("DATABASE_URL") and app.config.get("READ_INSTANCE_CONFIG", True):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.update(overrides)
    config_module.normalise(app.config)
    validate = getattr(config_class, "validate", None)
    if validate is not None:
        validate(app.config)


def _install_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto/-Host/... from the configured number of proxies (PROXY_FIX_X_*; 0 = off), so
    request.remote_addr (the audit log, the rate limits) is the client and external URLs use the public host."""
    hops = {name: int(app.config.get(f"PROXY_FIX_X_{name.upper()}") or 0)
            for name in ("for", "proto", "host", "port", "prefix")}
    if any(hops.values()):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{name}": count for name, count in hops.items()})


def _register_extensions(app: Flask) -> None:
    from jobfair import i18n
    from jobfair.database import install_sqlite_pragmas
    from jobfair.extensions import babel, csrf, db, login_manager, migrate
    from jobfair.i18n import select_locale, select_timezone

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    from jobfair import messages

    messages.install_html_escaping()  # lazy messages escape their parameters in templates
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone,
                   default_translation_directories=str(PROJECT_DIR / "jobfair" / "translations"))
    i18n.init_app(app)
    with app.app_context():
        install_sqlite_pragmas(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    # The route-policy gate must run before CSRF so a denied role gets 403, not 400.
    from jobfair import security

    app.before_request(security.enforce_route_policy)
    csrf.init_app(app)
    from jobfair.services.office import figure_snapshots

    figure_snapshots.init_app(app)
    from flask_wtf import FlaskForm

    from jobfair import form_messages

    form_messages.install(FlaskForm)


def _register_blueprints(app: Flask) -> None:
    """The web areas' blueprints (jobfair/areas.py), then the JSON API."""
    from jobfair.areas import register_areas

    register_areas(app)

    from jobfair.api import setup as api_setup

    api_setup.init_app(app)
