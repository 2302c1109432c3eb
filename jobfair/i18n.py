"""Locale and time-zone selection: Bahasa Indonesia by default, English on request."""

from flask import current_app, has_request_context, session
from flask.json.tag import JSONTag
from flask_babel.speaklater import LazyString


def select_locale() -> str:
    # Outside a request (CLI, services called from tests) there is no session: the default language.
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]



class _LazyTextTag(JSONTag):
    """Flash messages in the session cookie may be lazy translations (services' messages): store their text,
    rendered in the language of the request that flashes them."""

    key = ""

    def check(self, value) -> bool:
        return isinstance(value, LazyString)

    def tag(self, value):
        return str(value)


def init_app(app) -> None:
    serializer = app.session_interface.serializer
    if not any(isinstance(tag, _LazyTextTag) for tag in serializer.order):
        serializer.register(_LazyTextTag, index=0)
