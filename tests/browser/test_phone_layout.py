"""The layout on a 360-px phone: a one-line header whose menu opens without JavaScript, and an AK/1 card whose
NIK stays on one line."""

import re
from datetime import date

from playwright.sync_api import Browser, Page, expect

from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT, pass_second_factor

HEADER_MAX_PX = 64  # one line: the brand and the "Menu" button


def _page(browser: Browser, live_server: str, *, javascript: bool = True) -> Page:
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=live_server,
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context.new_page()


def _login(page: Page, email: str) -> None:
    page.goto("/akun/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)  # office staff enrol their second factor at first login
    expect(page.locator(".flashes")).to_contain_text("Selamat datang")


def test_the_officers_header_is_one_line_and_its_menu_opens_without_javascript(app, browser, live_server):
    with app.app_context():
        email = factories.make_officer().email
    page = _page(browser, live_server, javascript=False)
    try:
        _login(page, email)
        page.goto("/disnaker/")
        assert page.locator("header").bounding_box()["height"] <= HEADER_MAX_PX
        link = page.locator("header nav").get_by_role("link", name="Jejak audit", exact=True)
        expect(link).to_be_hidden()
        page.locator("header label.menu-button").click()
        expect(link).to_be_visible()
        expect(page.locator("header").get_by_role("button", name="Keluar")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        link.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Jejak audit")
        expect(page.locator("header nav")).to_be_hidden()  # a new page starts with the menu folded
    finally:
        page.context.close()


def test_the_nik_on_the_printable_ak1_card_stays_on_one_line(app, browser, live_server):
    with app.app_context():
        seeker = factories.seeker_with_cv()
        factories.complete_profile(seeker)
        factories.issued_card(seeker, today=date.today())
        email = seeker.email
    page = _page(browser, live_server)
    try:
        _login(page, email)
        page.goto("/pencari-kerja/ak1/cetak")
        nik = page.locator(".ak1 dd.nik")
        assert re.fullmatch(r"\d{16}", nik.inner_text().strip()), "the card shows the full 16-digit NIK"
        lines = nik.evaluate("dd => { const r = document.createRange(); r.selectNodeContents(dd); "
                             "return r.getClientRects().length; }")
        assert lines == 1, f"the NIK breaks over {lines} lines at 360 px"
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        page.context.close()
