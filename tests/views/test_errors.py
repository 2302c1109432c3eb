"""Error pages are Indonesian and never show a traceback."""

import pytest
from flask_babel import lazy_gettext as _l

from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed


@pytest.fixture(scope="module")
def failing_app(app, database_url):
    """A separate app (same database) with routes that raise; the shared app stays untouched."""
    from jobfair import create_app
    from jobfair.security import PUBLIC, ROUTE_POLICY
    from tests.conftest import TEST_OVERRIDES

    errors = {"404": NotFound("Lowongan tidak ditemukan."), "403": PermissionDenied("Bukan milik Anda."),
              "409": InvalidState("Lowongan sudah ditutup."), "422": ValidationFailed({"x": "Isian salah."}),
              "500": RuntimeError("secret internal detail"),
              "lazy": InvalidState(_l("Tiket %(code)s sudah dipakai.", code="<b>typed</b>"))}
    failing = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url, **TEST_OVERRIDES})

    def boom(code):
        raise errors[code]

    failing.add_url_rule("/_test/boom/<code>", "boom", boom)
    failing.add_url_rule("/_test/big", "big", lambda: "ok", methods=["POST"])
    ROUTE_POLICY.update({"boom": PUBLIC, "big": PUBLIC})
    yield failing
    ROUTE_POLICY.pop("boom")
    ROUTE_POLICY.pop("big")
    with failing.app_context():
        from jobfair.extensions import db

        db.engine.dispose()


@pytest.mark.parametrize("code, words", [
    ("404", "Lowongan tidak ditemukan."), ("403", "Bukan milik Anda."), ("409", "Lowongan sudah ditutup."),
    ("422", "Isian salah."), ("500", "Terjadi gangguan"),
])
def test_domain_errors_map_to_indonesian_pages(failing_app, code, words):
    response = failing_app.test_client().get(f"/_test/boom/{code}")
    page = response.get_data(as_text=True)
    assert response.status_code == int(code)
    assert words in page
    assert "Traceback" not in page and "secret internal detail" not in page


def test_unknown_page_is_404_in_indonesian(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_too_large_upload_is_413(failing_app):
    body = b"x" * (failing_app.config["MAX_CONTENT_LENGTH"] + 1)
    response = failing_app.test_client().post("/_test/big", data=body, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)


def test_a_translated_message_with_typed_parameters_is_escaped(failing_app):
    page = failing_app.test_client().get("/_test/boom/lazy").get_data(as_text=True)
    assert "Tiket &lt;b&gt;typed&lt;/b&gt; sudah dipakai." in page and "<b>typed</b>" not in page
