"""Long lists page by keyset cursors: following the "Berikutnya" links from the first page reaches the last page and
shows every row exactly once, the filters stay in the links, "Sebelumnya" goes back, a bad cursor is the first page."""

import html as html_lib
import re

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import User
from jobfair.services import audit
from tests import factories
from tests.conftest import login

NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
PREV = re.compile(r'<a href="([^"]+)" rel="prev">')


def _walk(client, path: str, marker: re.Pattern) -> tuple[list[list[str]], list[str]]:
    """The markers found on each page, following the next links, and the URLs visited."""
    pages, urls, url = [], [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        pages.append(marker.findall(text))
        urls.append(url)
        found = NEXT.search(text)
        url = html_lib.unescape(found.group(1)) if found else None
        assert len(pages) < 50, "the pager does not end"
    return pages, urls


def _back_one(client, url: str, marker: re.Pattern) -> list[str]:
    text = client.get(url).get_data(as_text=True)
    found = PREV.search(text)
    assert found, "no previous link on the last page"
    return marker.findall(client.get(html_lib.unescape(found.group(1))).get_data(as_text=True))


def _check(client, path, marker, expected: set, per_page: int):
    pages, urls = _walk(client, path, marker)
    flat = [item for page in pages for item in page]
    assert sorted(flat) == sorted(expected) and len(flat) == len(set(flat))   # every row, exactly once
    assert len(pages) == -(-len(expected) // per_page) and all(len(p) == per_page for p in pages[:-1])
    assert all("setelah=" in url for url in urls[1:]) and all("page=" not in url for url in urls[1:])
    assert _back_one(client, urls[-1], marker) == pages[-2]
    for junk in ("setelah=xyz", "sebelum=%25%25", "setelah=" + "A" * 900):
        sep = "&" if "?" in path else "?"
        assert marker.findall(client.get(path + sep + junk).get_data(as_text=True)) == pages[0]
    return pages, urls


def test_account_admin_list_walks_to_the_last_page(app, officer_client):
    with app.app_context():
        for n in range(56):
            db.session.add(User(email=f"akun{n:02d}@example.id", password_hash="x", role="seeker",
                                full_name=f"Akun {n}"))
        db.session.commit()
        expected = set(db.session.scalars(select(User.email).where(User.role == "seeker")))
    _pages, urls = _check(officer_client, "/disnaker/akun?peran=seeker", re.compile(r"<td>(akun\d+@example\.id)</td>"),
                          expected, 25)
    assert all("peran=seeker" in url for url in urls)
    assert "56 akun" in officer_client.get("/disnaker/akun?peran=seeker").get_data(as_text=True)


def test_audit_search_walks_to_the_last_page_keeping_the_filter(app, officer_client):
    with app.app_context():
        officer = factories.make_user("officer")
        for n in range(70):
            audit.record(officer, "vacancy.published", object_type="vacancy", object_id=n)
        audit.record(officer, "company.verified", object_type="company", object_id=1)
        db.session.commit()
    _pages, urls = _check(officer_client, "/disnaker/audit?action=vacancy", re.compile(r"vacancy #(\d+)<"),
                          {str(n) for n in range(70)}, 30)
    assert all("action=vacancy" in url for url in urls)


def test_protection_people_list_walks_to_the_last_page(app, officer_client):
    with app.app_context():
        officer = factories.make_user("officer")
        ids = {str(factories.make_worker(actor=officer).id) for _n in range(53)}
        factories.make_worker(actor=officer, category_code="petani")
    _pages, urls = _check(officer_client, "/perlindungan/pekerja?kategori=nelayan",
                          re.compile(r'/perlindungan/pekerja/(\d+)"'), ids, 25)
    assert all("kategori=nelayan" in url for url in urls)


def test_applicants_list_walks_to_the_last_page(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        ids = {str(factories.fair_application(vacancy, factories.make_seeker()).id) for _n in range(43)}
        email, vacancy_id = company.email, vacancy.id
    client = app.test_client()
    assert login(client, email).status_code == 302
    path = f"/perusahaan/lowongan/{vacancy_id}/pelamar"
    marker = re.compile(r'/perusahaan/pelamar/(\d+)"')
    pages, _urls = _check(client, path, marker, ids, 20)
    assert marker.findall(client.get(path + "?page=2").get_data(as_text=True)) == pages[1]   # old links still work
