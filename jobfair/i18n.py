"""Locale and time-zone selection: Bahasa Indonesia by default, English on request."""

from flask import current_app, has_request_context, session


def select_locale() -> str:
    # Outside a request (CLI, services called from tests) there is no session: the default language.
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]
