"""The six demo logins in a real (headless) Chromium on a 360 px phone screen, against a database the demo builders
seeded today (`seed-demo` standing on the day the test runs): each logs in with the password the seed returned,
the first page shows work to do, and every link of the role's navigation answers without a 4xx/5xx.

The demo database is this module's own (a temporary SQLite file, or a fresh PostgreSQL database when
TEST_DATABASE_URL is set), served by its own werkzeug server: the per-test table cleaner of tests/conftest.py
empties the session database, not this one. A smaller protection register and fewer July 2025 visitors keep the
seed quick; every other part is the demo as `make run` builds it.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from jobfair.demo.seed import demo_email
from tests.browser.conftest import PHONE_VIEWPORT, pass_second_factor

ROLES = ("seeker", "company", "student", "school", "officer", "admin")


@pytest.fixture
def demo_page(browser, seeded_demo):
    """A phone-sized page on the demo seeded today (tests/browser/seeded_demo.py)."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=seeded_demo.base_url)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _login(page: Page, role: str, passwords: dict[str, str]) -> None:
    page.goto("/akun/masuk")
    page.get_by_label("E-mail").fill(demo_email(role))
    page.get_by_label("Kata sandi").fill(passwords[demo_email(role)])
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, demo_email(role))  # officer and admin enrol their second factor at first login
    expect(page.locator(".flashes")).to_contain_text("Selamat datang")
    saved = page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan")
    if saved.count():  # first login of an office account: the recovery codes are shown once, then the desk
        saved.click()


def _fact(page: Page, label: str) -> int:
    """The number a facts list shows beside `label`."""
    return int(page.locator("main dl.facts dt", has_text=label).first.locator("xpath=following-sibling::dd[1]")
               .inner_text().strip())


def _first_page_shows_work(page: Page, role: str) -> None:
    main = page.locator("main")
    if role == "seeker":
        expect(main).to_contain_text("Lamaran terakhir")
        expect(main.locator("ul.recent li")).to_have_count(5)
        expect(main).to_contain_text("Undangan wawancara")   # the demo company invited her
        expect(main).to_contain_text("Kartu AK/1 berlaku")
    elif role == "company":
        assert _fact(page, "Lowongan tayang") == 5
        assert _fact(page, "Lamaran belum ditinjau") > 0
        expect(main.locator("ul.recent li").first).to_contain_text("skor")
        expect(main).to_contain_text("Wawancara")
    elif role == "student":
        expect(main).to_contain_text("K3 dan Budaya Kerja Industri")
        expect(main).to_contain_text("Lulus pelatihan")
        assert main.locator("ol li").count() >= 2   # ranked places
    elif role == "school":
        assert _fact(page, "Siswa terdaftar") > 0
        assert _fact(page, "Sedang pelatihan") > 0
    else:  # officer, admin: every review queue of the desk holds work
        counts = [int(cell.inner_text()) for cell in main.locator("table tbody tr td:nth-child(2)").all()]
        assert len(counts) >= 7 and all(count > 0 for count in counts), counts


@pytest.mark.parametrize("role", ROLES)
def test_each_demo_login_starts_with_work_and_its_navigation_works(demo_page: Page, seeded_demo, role):
    passwords = seeded_demo.passwords
    assert set(passwords) == {demo_email(r) for r in ROLES}
    _login(demo_page, role, passwords)
    _first_page_shows_work(demo_page, role)
    links = demo_page.locator("nav[aria-label='Navigasi utama'] a").evaluate_all("els => els.map(e => e.href)")
    assert len(links) >= 5
    for href in links:
        response = demo_page.goto(href)
        assert response is not None and response.status < 400, (href, response.status if response else None)
        expect(demo_page.locator("main h1").first).to_be_visible()
        assert not re.search(r"Traceback|Internal Server Error", demo_page.content())
