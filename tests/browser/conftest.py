"""Browser fixtures: the session app served over HTTP by werkzeug in a thread, driven by Debian's Chromium.

Everything is the Playwright *sync* API in the main test thread; the live server runs in its own daemon
thread, so the two never share an event loop. The autouse table cleaner in tests/conftest.py is set up
before (and torn down after) ``page``, so the browser is closed before tables are emptied.
"""

import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.seeded_demo import seeded_demo  # noqa: F401  (session fixture: the demo seeded today)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_MESSAGE = "Chromium not available at /usr/bin/chromium: browser tests skipped (install Debian's chromium)"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    """Skip on a developer's machine without Chromium; in CI a missing browser is a failure, never a skip."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)
PHONE_VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def live_server(app):
    """Base URL of the session app served by a threaded werkzeug server on a free local port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="jobfair-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright (never a downloaded browser); skips when unavailable, except
    in CI (CI=true), where it fails."""
    if not os.path.exists(CHROMIUM):
        _unavailable(SKIP_MESSAGE)
    try:
        from playwright import sync_api
    except ImportError:
        _unavailable("Python playwright package not installed")
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # any launch failure means "no usable browser here"
        playwright.stop()
        _unavailable(f"{SKIP_MESSAGE}; launch failed: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


def phone_page(browser, base_url: str, **options):
    """A page in a fresh phone-sized Indonesian-locale context (own cookies); `options` go to new_context
    (java_script_enabled=False, accept_downloads=True ...). Closing page.context closes it."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=base_url, **options)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A fresh phone-sized Indonesian-locale context (own cookies) and page per test."""
    page = phone_page(browser, live_server)
    try:
        yield page
    finally:
        page.context.close()


def pass_second_factor(page, email: str) -> None:
    """After the password form: office staff enrol at first login (typing the key shown as text into the
    "authenticator", as an officer without a camera would) or type a code not used yet; others pass straight on."""
    from tests import factories

    page.wait_for_load_state()
    if "/akun/verifikasi-dua-langkah" not in page.url:
        return
    if "/daftar" in page.url:
        factories.TOTP_SECRETS[email] = page.locator("#secret-key").inner_text().replace(" ", "")
    page.get_by_label("Kode verifikasi").fill(factories.fresh_totp_code(email))
    page.locator("main form").get_by_role("button").click()


def open_menu(page) -> None:
    """On a phone the header menu is folded behind the "Menu" button (a checkbox and its label, no JavaScript):
    open it when it is closed, so its links and the logout button can be clicked."""
    button = page.locator("header label.menu-button")
    if button.count() and button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()
