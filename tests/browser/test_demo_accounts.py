"""The six demo logins in a real (headless) Chromium on a 360 px phone screen, against a database the demo builders
seeded today (`seed-demo` standing on the day the test runs): each logs in with the password the seed returned,
the first page shows work to do, and every link of the role's navigation answers without a 4xx/5xx.

The demo database is this module's own (a temporary SQLite file, or a fresh PostgreSQL database when
TEST_DATABASE_URL is set), served by its own werkzeug server: the per-test table cleaner of tests/conftest.py
empties the session database, not this one. A smaller protection register and fewer July 2025 visitors keep the
seed quick; every other part is the demo as `make run` builds it.
"""

import os
import re
import tempfile
import threading
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from jobfair import create_app
from jobfair.extensions import db
from jobfair.services import demo_today
from jobfair.services.demo import demo_email
from jobfair.services.reference import load_reference_data
from tests.browser.conftest import PHONE_VIEWPORT
from tests.conftest import TEST_OVERRIDES, _fresh_postgres_database

ROLES = ("seeker", "company", "student", "school", "officer", "admin")


@pytest.fixture(scope="module")
def demo_site():
    """(base URL, {e-mail: password}) of a server on a database seeded by the demo builders today."""
    drop = None
    with tempfile.TemporaryDirectory(prefix="jobfair-demo-") as tmp:
        if os.environ.get("TEST_DATABASE_URL"):
            url, drop = _fresh_postgres_database(os.environ["TEST_DATABASE_URL"])
        else:
            url = f"sqlite:///{tmp}/demo.sqlite3"
        app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_FOLDER": f"{tmp}/uploads",
                                               **TEST_OVERRIDES})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(directory=app.extensions["migrate"].directory, revision="heads")
            load_reference_data()
            passwords = demo_today.seed_all(today=date.today(), covered=300, fair_seekers=40)
            db.session.remove()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="jobfair-demo-server", daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", passwords
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)
            with app.app_context():
                db.engine.dispose()
            if drop is not None:
                drop()


@pytest.fixture
def demo_page(browser, demo_site):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=demo_site[0])
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
    expect(page.locator(".flashes")).to_contain_text("Selamat datang")


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
def test_each_demo_login_starts_with_work_and_its_navigation_works(demo_page: Page, demo_site, role):
    _, passwords = demo_site
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
