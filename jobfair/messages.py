"""Messages that outlive the request: a translatable text stored as its key (the Indonesian msgid) plus
parameters, and a link stored as an endpoint plus arguments, so a notification reads in the language of whoever
opens it and no URL is typed into a service.

Services write `_l("Lamaran Anda untuk %(title)s diterima.", title=vacancy.title)` and
`Link("seekers.application_detail", {"application_id": 7})`; `parts()` takes the lazy string apart for storage,
`render()` puts it back together in the current locale, `path()` builds the link from the app's URL map (no
request needed: the worker and the CLI send e-mails too)."""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale, gettext, lazy_gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup

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


def _html(self) -> Markup:
    """A lazy message in a template: the translated text is trusted, its parameters (titles, names, reasons people
    typed) are escaped. Flask-Babel's own LazyString.__html__ marks the whole formatted text safe, parameters too."""
    # nosec B704 below: the text is our own catalogue's (msgids in the code, translations in the .po), never
    # typed by a user; Markup's % escapes every parameter, which is where typed text comes in.
    if self._func is gettext and self._args and self._kwargs:
        return Markup(gettext(self._args[0])) % self._kwargs  # nosec B704
    return Markup(str(self))  # nosec B704


def install_html_escaping() -> None:
    """Called once by the app factory (jobfair/__init__.py)."""
    LazyString.__html__ = _html
