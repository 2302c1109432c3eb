"""An officer enrols the second factor at first login on a 360 px phone with JavaScript switched off: the QR code
and the key as text, the first code, the recovery codes, then the office desk."""

import pyotp
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=live_server,
                                  java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_an_officer_enrols_on_a_phone_without_javascript(app, no_js_page):
    with app.app_context():
        email = factories.make_user("officer").email
    page = no_js_page
    page.goto("/akun/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktifkan verifikasi dua langkah")
    qr = page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_VIEWPORT["width"]
    key = page.locator("#secret-key")
    key_box = key.bounding_box()
    assert key_box["x"] + key_box["width"] <= PHONE_VIEWPORT["width"], "the key runs off a 360 px screen"
    secret = key.inner_text().replace(" ", "")
    page.get_by_label("Kode verifikasi").fill("000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator(".error")).to_contain_text("Kode salah")
    factories.TOTP_SECRETS[email] = secret
    page.get_by_label("Kode verifikasi").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode pemulihan")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meja kerja Disnaker")
