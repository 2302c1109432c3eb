"""The search page on a 360-px phone with JavaScript off: type a word with a typo, walk the pages by the links."""

from datetime import UTC, datetime, timedelta

from tests import factories

NOW = datetime.now(UTC)


def _fits_the_phone(page) -> None:
    width = page.evaluate("() => document.documentElement.clientWidth")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"the search page scrolls sideways at {width} px: scrollWidth {scroll}"


def test_search_and_pages_on_a_phone_without_javascript(app, browser, live_server):
    with app.app_context():
        company = factories.application_company(company_name="PT Samudra Logistik Kalimantan Timur Sejahtera")
        for n in range(25):
            factories.published_vacancy(company, title=f"Operator Forklift Gudang Pelabuhan Semayang {n:02d}",
                                        published_at=NOW - timedelta(minutes=n))
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID", base_url=live_server,
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/lowongan")
        page.fill("input[name=q]", "operatr")
        page.click("form[role=search] button[type=submit]")
        assert "jabatan yang mirip" in page.content() and "Halaman 1 dari 2" in page.content()
        _fits_the_phone(page)
        page.click("a[rel=next]")
        assert "Halaman 2 dari 2" in page.content() and "Semayang 24" in page.content()
        assert page.locator("a[rel=next]").count() == 0
        _fits_the_phone(page)
        page.click("a[rel=prev]")
        assert "Halaman 1 dari 2" in page.content() and "Semayang 00" in page.content()
        assert page.input_value("input[name=q]") == "operatr"
    finally:
        context.close()
