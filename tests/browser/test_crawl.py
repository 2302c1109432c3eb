"""Crawl the seeded demo as every role on a 360-px phone: no page crashes and no page scrolls sideways.

For anonymous visitors and each demo account: `/`, every link of the role's header navigation, and one level
of links found on those pages (inside the site, at most MAX_PAGES pages per role, one page per URL shape so a
list of 30 vacancies costs one visit). Skipped: downloads (CSV, XLSX, SVG, CV files) and anything that is not
a plain GET link (logout and every action are POST forms). Each page must answer below 500, show no
traceback and fit the screen (``scrollWidth <= innerWidth``). All problems are reported together.
"""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Error, Page, expect

from tests.browser.conftest import PHONE_VIEWPORT, pass_second_factor

MAX_PAGES = 60
ROLES = [None, "seeker", "company", "student", "school", "officer", "admin"]
DOWNLOAD = re.compile(r"(\.(csv|xlsx|svg|pdf|png|zip|json|atom|rss)$)|(/cv$)|(/unduh(\.\w+)?$)|(^/static/)")
SKIP = re.compile(r"^/(akun/keluar|bahasa)")


def _shape(url: str) -> str:
    """One visit per kind of page: digits become N and only the query's names count."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _links(page: Page, scope: str, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all(f"{scope} a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        if not href or href.startswith(("mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(page.url, href)).url
        if not url.startswith(base_url):
            continue
        path = urlsplit(url).path
        if DOWNLOAD.search(path) or SKIP.search(path):
            continue
        found.append(url)
    return found


def _login(page: Page, email: str, password: str) -> None:
    page.goto("/akun/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)  # officers and admins enrol their second factor at first login
    expect(page.locator(".flashes")).to_contain_text("Selamat datang")


def _check(page: Page, url: str) -> str | None:
    """Visit url; None when it is fine, else what is wrong."""
    try:
        response = page.goto(url)
    except Error as exc:
        return f"{url}: navigation failed: {exc.message.splitlines()[0]}"
    if response is None:
        return None
    if response.status >= 500:
        return f"{url}: HTTP {response.status}"
    if "text/html" not in (response.headers.get("content-type") or ""):
        return None
    if "Traceback" in page.content():
        return f"{url}: a traceback in the page"
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll_width > inner_width:
        return f"{url}: {scroll_width} px wide on a {inner_width}-px screen"
    return None


def crawl(page: Page, base_url: str, *, depth: int = 1, max_pages: int = MAX_PAGES) -> tuple[list[str], list[str]]:
    """(visited URLs, problems) for the logged-in (or anonymous) page: `/`, the header's links, then `depth`
    levels of links found in the pages' main content, breadth first."""
    visited: list[str] = []
    shapes: set[str] = set()
    problems: list[str] = []

    def visit(url: str) -> bool:
        if len(visited) >= max_pages or _shape(url) in shapes:
            return False
        shapes.add(_shape(url))
        visited.append(url)
        problem = _check(page, url)
        if problem:
            problems.append(problem.replace(base_url, ""))
        return problem is None

    visit(base_url + "/")
    level = _links(page, "header", base_url)
    for _level in range(depth + 1):
        found: list[str] = []
        for url in level:
            if visit(url):
                found.extend(_links(page, "main", base_url))
        level = found
    return visited, problems


@pytest.mark.parametrize("role", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_every_reachable_page_fits_a_phone_and_does_not_crash(browser: Browser, seeded_demo, role):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=seeded_demo.base_url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        if role is not None:
            _login(page, *seeded_demo.credentials(role))
        visited, problems = crawl(page, seeded_demo.base_url)
    finally:
        context.close()
    assert len(visited) >= 3, f"the crawl reached almost nothing: {visited}"
    assert not problems, f"{len(problems)} of {len(visited)} pages fail:\n" + "\n".join(problems)
