"""Today's date for the dated rules of the services (the BPJS registration window, the decree date).

One seam instead of date.today() scattered through the services: the PINNED_TODAY setting fixes the day for tests
of the web pages (whose requests cannot pass a day) and for a demo standing on its own day. Production refuses
the setting (config.ProductionConfig.validate)."""

from datetime import UTC, date, datetime

from flask import current_app, has_app_context


def today() -> date:
    if has_app_context():
        pinned = current_app.config.get("PINNED_TODAY")
        if pinned is not None:
            return pinned
    return date.today()


def now() -> datetime:
    """The current moment (UTC); on a pinned day, that day at the current time of day."""
    moment = datetime.now(UTC)
    pinned = current_app.config.get("PINNED_TODAY") if has_app_context() else None
    return moment if pinned is None else datetime.combine(pinned, moment.timetz())
