"""Atom and RSS 2.0 feeds of the vacancy search: well-formed XML, the search's vacancies only, user text escaped,
links to the public vacancy pages."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own answer in a test

from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://kerja.balikpapan.test"   # TestingConfig.PUBLIC_BASE_URL


def _vacancies(app):
    with app.app_context():
        company = factories.application_company(company_name='PT "Baja" & <Sentosa>')
        match = factories.published_vacancy(company, title="Juru Las <Pipa> & Tangki",
                                            description="Las \x01 pipa <b>tebal</b> & tipis.")
        other = factories.published_vacancy(company, title="Kasir Toko")
        draft = factories.published_vacancy(company, title="Juru Las Draf", status="draft")
        return match.id, other.id, draft.id


def test_the_atom_feed_is_valid_xml_with_the_searched_vacancies(app, client):
    match_id, _other, _draft = _vacancies(app)
    response = client.get("/lowongan/feed.atom?q=las&x=<y>")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)  # noqa: S314 - our own answer
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == 'Juru Las <Pipa> & Tangki — PT "Baja" & <Sentosa>'
    assert entry.find(f"{ATOM}link").get("href") == f"{BASE}/lowongan/{match_id}"
    assert "<b>tebal</b> & tipis" in entry.find(f"{ATOM}summary").text   # text, not markup
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href").startswith(f"{BASE}/lowongan/feed.atom?q=las")


def test_the_rss_feed_has_the_same_items_with_the_web_filters(app, client):
    match_id, other_id, _draft = _vacancies(app)
    response = client.get("/lowongan/feed.rss")
    assert response.status_code == 200 and response.mimetype == "application/rss+xml"
    channel = ET.fromstring(response.data).find("channel")  # noqa: S314
    links = {item.find("link").text for item in channel.findall("item")}
    assert links == {f"{BASE}/lowongan/{match_id}", f"{BASE}/lowongan/{other_id}"}   # no draft
    item = next(i for i in channel.findall("item") if i.find("link").text.endswith(f"/{match_id}"))
    assert item.find("guid").text == item.find("link").text and item.find("pubDate").text.endswith("GMT")
    filtered = ET.fromstring(client.get("/lowongan/feed.rss?q=kasir").data).find("channel")  # noqa: S314
    assert [i.find("title").text for i in filtered.findall("item")] == ['Kasir Toko — PT "Baja" & <Sentosa>']


def test_the_search_page_links_its_feeds(app, client):
    _vacancies(app)
    html = client.get("/lowongan?q=las&kecamatan=647103").get_data(as_text=True)
    assert "/lowongan/feed.atom?q=las&amp;kecamatan=647103" in html
    assert "/lowongan/feed.rss?" in html


def test_a_nul_character_in_the_query_is_no_server_error(app, client):
    _vacancies(app)
    for path in ("/lowongan/feed.atom?q=las%00pipa", "/lowongan/feed.rss?q=%00", "/api/v1/vacancies?q=las%00"):
        assert client.get(path).status_code < 500, path
