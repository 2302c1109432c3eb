"""Locale and time-zone selection: Bahasa Indonesia by default, English on request."""

from flask import current_app, has_request_context, session
from flask.json.tag import JSONTag
from flask_babel.speaklater import LazyString
from markupsafe import escape


def select_locale() -> str:
    # Outside a request (CLI, services called from tests) there is no session: the default language.
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _escaped_html(self) -> str:
    return str(escape(str(self)))


# Flask-Babel's lazy strings tell Jinja they are safe HTML (`__html__` returns the text as it is), so a service
# message with a user-typed parameter (`_l("Lamaran untuk %(title)s", title=...)`) would reach the page unescaped.
# Messages are text: escape them like any other value.
LazyString.__html__ = _escaped_html


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
