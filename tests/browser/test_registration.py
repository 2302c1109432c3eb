"""Registration, logout and login in a real (headless) Chromium on a 360 px phone screen."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_menu

NIK = "6471015505950003"  # Balikpapan (6471 01), woman (day 15 + 40), born 15-05-1995, serial 0003
MASKED_NIK = "6471••••••••0003"
PASSWORD = "Kerja-Balikpapan-2025"
SEEKER_EMAIL = "siti.rahmawati@example.id"
PHONE_WIDTH = 360
SCREENSHOT = "/tmp/jobfair-register-360.png"


def _path(live_server: str, path: str) -> re.Pattern:
    """A URL matcher for ``path`` on the live server, ignoring any query string."""
    return re.compile("^" + re.escape(live_server + path) + r"(\?.*)?$")


def _fill_seeker_form(page: Page, *, nik: str = NIK, name: str = "Siti Rahmawati") -> None:
    page.goto("/akun/daftar/pencari-kerja")
    page.fill("#nik", nik)
    page.fill("#full_name", name)
    female = page.get_by_role("radio", name="Perempuan")
    female.check()
    expect(female).to_have_value("P")
    expect(female).to_be_checked()
    page.fill("#birth_date", "1995-05-15")
    page.fill("#email", SEEKER_EMAIL)
    page.fill("#phone", "081234567890")
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.check("#consent_placement")


def _submit(page: Page) -> None:
    page.locator("main form").get_by_role("button", name="Daftar").click()


def test_seeker_registers_logs_out_and_logs_in(page: Page, live_server: str):
    _fill_seeker_form(page)
    _submit(page)

    expect(page).to_have_url(_path(live_server, "/pencari-kerja/"))
    expect(page.get_by_role("heading", name="Beranda pencari kerja")).to_be_visible()
    expect(page.locator("main")).to_contain_text(MASKED_NIK)
    assert NIK not in page.content(), "the full NIK must never be shown on the dashboard"
    expect(page.locator("header")).to_contain_text("Siti Rahmawati")

    open_menu(page)
    page.locator("header").get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(_path(live_server, "/akun/masuk"))
    expect(page.locator(".flashes")).to_contain_text("Anda telah keluar.")
    expect(page.locator("header").get_by_role("button", name="Keluar")).to_have_count(0)

    # Logged out for real: the dashboard now sends us to the login page.
    page.goto("/pencari-kerja/")
    expect(page).to_have_url(_path(live_server, "/akun/masuk"))

    page.goto("/akun/masuk")
    page.fill("#email", SEEKER_EMAIL)
    page.fill("#password", PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()

    expect(page).to_have_url(_path(live_server, "/pencari-kerja/"))
    expect(page.locator("main")).to_contain_text(MASKED_NIK)
    expect(page.locator(".flashes")).to_contain_text("Selamat datang, Siti Rahmawati.")


def test_company_registers_and_sees_it_awaits_verification(page: Page, live_server: str):
    page.goto("/akun/daftar/perusahaan")
    page.fill("#company_name", "PT Maju Bersama Balikpapan")
    page.fill("#nib", "9120001234567")
    page.select_option("#kecamatan_code", "647102")
    page.fill("#address", "Jl. Jenderal Sudirman No. 45, Klandasan Ilir")
    page.fill("#contact_name", "Budi Santoso")
    page.fill("#phone", "081345678901")
    page.fill("#email", "hr@majubersama.example.id")
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    _submit(page)

    expect(page).to_have_url(_path(live_server, "/perusahaan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("PT Maju Bersama Balikpapan")
    expect(page.locator(".badge")).to_have_text("Menunggu verifikasi")
    expect(page.locator("main")).to_contain_text("Balikpapan Barat")


def test_invalid_nik_is_explained_beside_the_field(page: Page, live_server: str):
    _fill_seeker_form(page, nik=NIK[:15], name="Siti Rahmawati")
    _submit(page)

    expect(page).to_have_url(_path(live_server, "/akun/daftar/pencari-kerja"))
    nik_field = page.locator(".field", has=page.locator("#nik"))
    error = nik_field.locator(".error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("16")
    expect(error).to_contain_text("NIK")
    expect(page.locator("#nik")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#full_name")).to_have_value("Siti Rahmawati")
    expect(page.locator(".error-summary")).to_be_visible()
    # No account was made: the form is still anonymous.
    expect(page.locator("header").get_by_role("button", name="Keluar")).to_have_count(0)


@pytest.mark.parametrize("path", ["/", "/akun/masuk", "/akun/daftar/pencari-kerja", "/akun/daftar/perusahaan"])
def test_pages_fit_a_phone_screen(page: Page, live_server: str, path: str):
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    expect(page.locator("main h1")).to_be_visible()
    assert page.viewport_size["width"] == PHONE_WIDTH
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= PHONE_WIDTH, f"{path} scrolls sideways on a {PHONE_WIDTH} px phone: scrollWidth={widths}"
    if path == "/akun/daftar/pencari-kerja":
        page.screenshot(path=SCREENSHOT, full_page=True)
