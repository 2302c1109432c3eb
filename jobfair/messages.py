"""Messages that outlive the request: a translatable text stored as its key (the Indonesian msgid) plus
parameters, and a link stored as an endpoint plus arguments, so a notification reads in the language of whoever
opens it and no URL is typed into a service.

Services write `_l("Lamaran Anda untuk %(title)s diterima.", title=vacancy.title)` and
`Link("seekers.application_detail", {"application_id": 7})`; `parts()` takes the lazy string apart for storage,
`render()` puts it back together in the current locale, `path()` builds the link from the app's URL map (no
request needed: the worker and the CLI send e-mails too)."""

from dataclasses import dataclass, field
from numbers import Number

from flask import current_app
from flask_babel import force_locale, gettext, lazy_gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape

from jobfair.rules.translatable import Text


@dataclass(frozen=True)
class Link:
    endpoint: str
    params: dict = field(default_factory=dict)


def translated(text):
    """A rule's text (rules.translatable.Text: the Indonesian msgid and its parameters) as a lazy string in the
    reader's language, its Text parameters too (a sector's name inside "C – ..."); anything else as it is."""
    if isinstance(text, Text):
        return lazy_gettext(text.template, **{name: translated(value) for name, value in text.params.items()})
    return text


def plain_param(value):
    """A parameter as JSON can keep it: numbers and text stay; a lazy label without parameters (a status, a
    sector) is kept as {"msgid": ...} so it too reads in the reader's language; anything else (a date) becomes
    its Indonesian text."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, LazyString) and value._func is gettext and value._args and not value._kwargs:
        return {"msgid": value._args[0]}
    return str(value)


def _rendered(value):
    if isinstance(value, dict) and "msgid" in value:
        key = value["msgid"]
        return gettext(key)
    return value


def parts(message) -> tuple[str | None, dict | None]:
    """(key, params) of a lazy gettext string; (None, None) for plain text, which is stored as it is."""
    if isinstance(message, LazyString) and message._func is gettext and message._args:
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            params = {name: plain_param(value) for name, value in message._kwargs.items()}
        return message._args[0], params
    return None, None


def indonesian(message) -> str:
    """The text in the platform's default language (what the outbox and the stored fallback hold)."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(message)


def render(key: str | None, params: dict | None, fallback: str) -> str:
    """The stored message in the current locale; the stored text when it has no key (older rows)."""
    if not key:
        return fallback
    return gettext(key, **{name: _rendered(value) for name, value in (params or {}).items()})


def path(link: Link | None) -> str | None:
    """The site path of a link, built from the URL map without a request."""
    if link is None:
        return None
    adapter = current_app.url_map.bind("localhost", script_name=current_app.config.get("APPLICATION_ROOT", "/"))
    return adapter.build(link.endpoint, link.params)


def _escaped(value):
    """A message parameter as HTML may carry it: a number as it is (`%(n)d` needs a number), anything else escaped
    (a nested lazy message escapes its own parameters through this same __html__)."""
    return value if isinstance(value, Number) else escape(value)


def _html(self) -> Markup:
    """A lazy message in a template: every parameter (titles, names, reasons people typed) is escaped before it is
    put into the translated text, whichever gettext function made the message. Flask-Babel's own
    LazyString.__html__ marks the whole formatted text safe, parameters too."""
    params = {name: _escaped(value) for name, value in self._kwargs.items()}
    # Left unescaped is only our own catalogue: msgids in the code, translations in the .po.
    return Markup(self._func(*self._args, **params))  # nosec B704


def install_html_escaping() -> None:
    """Called once by the app factory (jobfair/__init__.py)."""
    LazyString.__html__ = _html
