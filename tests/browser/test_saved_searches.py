"""Saved searches on a 360-px phone without JavaScript: save the search from /lowongan, see it in the list, change
its frequency and delete it with the confirmation page; no page scrolls sideways."""

from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import phone_page


def _fits(page: Page, what: str) -> None:
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{what} scrolls sideways at 360 px: scrollWidth {width}"


def test_save_change_and_delete_a_search_on_a_phone_without_javascript(app, browser, live_server):
    with app.app_context():
        email = factories.make_seeker().email
    page = phone_page(browser, live_server, java_script_enabled=False)
    try:
        page.goto("/akun/masuk")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Kata sandi").fill(factories.PASSWORD)
        page.locator("main form").get_by_role("button", name="Masuk").click()
        page.goto("/lowongan?q=operator+gudang")
        _fits(page, "the search page with the save form")
        page.get_by_label("Nama pencarian (boleh kosong)").fill("Operator gudang")
        page.get_by_label("Kirim e-mail lowongan baru").select_option("daily")
        page.get_by_role("button", name="Simpan pencarian ini").click()
        expect(page.locator("h1")).to_have_text("Pencarian tersimpan")
        expect(page.locator("main")).to_contain_text("Operator gudang")
        expect(page.locator("main")).to_contain_text("Kata kunci: operator gudang")
        _fits(page, "the saved searches page")
        page.get_by_label("Ubah frekuensi").select_option("weekly")
        page.get_by_role("button", name="Ubah", exact=True).click()
        expect(page.locator(".flashes")).to_contain_text("Frekuensi pemberitahuan diubah")
        expect(page.locator("dl.facts")).to_contain_text("Mingguan")
        page.get_by_role("link", name="Hapus", exact=True).click()
        _fits(page, "the delete confirmation")
        page.get_by_role("button", name="Ya, hapus pencarian ini").click()
        expect(page.locator("main")).to_contain_text("Belum ada pencarian tersimpan")
    finally:
        page.context.close()
