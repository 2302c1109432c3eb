"""Language switch: Bahasa Indonesia by default, English after POST /bahasa."""

import os
import tempfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from jobfair import PROJECT_DIR
from tests.conftest import csrf_token

TRANSLATIONS_DIR = PROJECT_DIR / "jobfair" / "translations"


def _compile_catalogues(directory: Path) -> list[Path]:
    """What `pybabel compile -d jobfair/translations` does, written atomically so parallel runs never read half a
    .mo file. Fuzzy entries are left out, as without --use-fuzzy."""
    compiled = []
    for po_path in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        errors = [(message.id, error) for message, errs in catalog.check() for error in errs]
        assert not errors, f"{po_path}: {errors}"
        mo_path = po_path.with_suffix(".mo")
        fd, tmp_name = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            os.replace(tmp_name, mo_path)
        except BaseException:
            os.unlink(tmp_name)
            raise
        compiled.append(mo_path)
    return compiled


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues(app):
    """Compile the catalogues here, so these tests do not depend on `make translations` having run."""
    compiled = _compile_catalogues(TRANSLATIONS_DIR)
    assert TRANSLATIONS_DIR / "en" / "LC_MESSAGES" / "messages.mo" in compiled
    # Flask-Babel caches loaded translations per app; drop anything loaded before the .mo existed.
    with app.app_context():
        app.extensions["babel"].instance.domain_instance.cache.clear()
    return compiled


def _switch(client, lang="en", next_url="/akun/masuk"):
    return client.post("/bahasa", data={"lang": lang, "next": next_url, "csrf_token": csrf_token(client)})


def test_default_language_is_indonesian(client):
    response = client.get("/akun/masuk")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="id">' in html
    assert "<h1>Masuk</h1>" in html


def test_switch_to_english_and_back(client):
    response = _switch(client, "en")
    assert response.status_code == 302
    assert response.headers["Location"] == "/akun/masuk"

    html = client.get("/akun/masuk").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "<h1>Log in</h1>" in html
    assert "<h1>Masuk</h1>" not in html
    # The layout (brand line and footer) is translated too, not only the page body.
    assert "Balikpapan City Labour Office" in html

    response = _switch(client, "id")
    assert response.status_code == 302
    html = client.get("/akun/masuk").get_data(as_text=True)
    assert '<html lang="id">' in html
    assert "<h1>Masuk</h1>" in html


def test_unknown_language_is_rejected(client):
    response = _switch(client, "xx")
    assert response.status_code == 400
    assert '<html lang="id">' in client.get("/akun/masuk").get_data(as_text=True)


def test_switch_without_csrf_token_is_rejected(client):
    response = client.post("/bahasa", data={"lang": "en", "next": "/akun/masuk"})
    assert response.status_code == 400
    assert '<html lang="id">' in client.get("/akun/masuk").get_data(as_text=True)


@pytest.mark.parametrize("next_url", ["//evil.example", "//evil.example/akun/masuk", "https://evil.example/",
                                      "/\\evil.example"])
def test_next_cannot_leave_the_site(client, next_url):
    response = _switch(client, "en", next_url)
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_a_lazy_message_can_be_flashed_into_the_session(app):
    """Services' messages are lazy translations; the session cookie stores their text."""
    from flask import flash, get_flashed_messages
    from flask_babel import lazy_gettext

    with app.test_request_context("/"):
        flash(lazy_gettext("Pemberitahuan tidak ditemukan."), "error")
        serializer = app.session_interface.serializer
        from flask import session

        stored = serializer.loads(serializer.dumps(dict(session)))
        assert stored["_flashes"] == [["error", "Pemberitahuan tidak ditemukan."]] or \
            stored["_flashes"] == [("error", "Pemberitahuan tidak ditemukan.")]
        assert get_flashed_messages() == ["Pemberitahuan tidak ditemukan."]


def test_a_lazy_message_with_a_typed_parameter_is_escaped_on_the_page(app):
    from flask import render_template_string
    from flask_babel import lazy_gettext

    with app.test_request_context("/"):
        html = render_template_string("<p>{{ message }}</p>",
                                      message=lazy_gettext("Lowongan %(title)s ditutup.", title="<b>x</b>"))
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_every_kind_of_lazy_message_escapes_typed_parameters_and_keeps_numbers(app):
    from flask import render_template_string
    from flask_babel import lazy_gettext, lazy_ngettext

    typed = "<script>alert(1)</script>"
    messages = {
        "plural": lazy_ngettext("%(num)d pelamar untuk %(title)s", "%(num)d pelamar untuk %(title)s", 3, title=typed),
        "nested": lazy_gettext("Status: %(status)s", status=lazy_gettext("Lowongan %(title)s", title=typed)),
        "number": lazy_gettext("%(n)d dari %(limit)d", n=2, limit=10),
        "plain": lazy_gettext("Lowongan ditutup."),
    }
    with app.test_request_context("/"):
        html = {key: render_template_string("{{ m }}", m=message) for key, message in messages.items()}
    assert html["plural"] == "3 pelamar untuk &lt;script&gt;alert(1)&lt;/script&gt;"
    assert html["nested"] == "Status: Lowongan &lt;script&gt;alert(1)&lt;/script&gt;"
    assert html["number"] == "2 dari 10" and html["plain"] == "Lowongan ditutup."
