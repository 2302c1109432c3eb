"""Browser fixtures: the session app served over HTTP by werkzeug in a thread, driven by Debian's Chromium.

Everything is the Playwright *sync* API in the main test thread; the live server runs in its own daemon
thread, so the two never share an event loop. The autouse table cleaner in tests/conftest.py is set up
before (and torn down after) ``page``, so the browser is closed before tables are emptied.
"""

import os
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_MESSAGE = "Chromium not available at /usr/bin/chromium: browser tests skipped (install Debian's chromium)"
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
    """Headless Debian Chromium through Playwright (never a downloaded browser); skips when unavailable."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(SKIP_MESSAGE)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python playwright package not installed")
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # any launch failure means "no usable browser here"
        playwright.stop()
        pytest.skip(f"{SKIP_MESSAGE}; launch failed: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh phone-sized Indonesian-locale context (own cookies) and page per test."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=live_server)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def open_menu(page) -> None:
    """On a phone the header menu is folded behind the "Menu" button (a checkbox and its label, no JavaScript):
    open it when it is closed, so its links and the logout button can be clicked."""
    button = page.locator("header label.menu-button")
    if button.count() and button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()
