"""The layout (favicon, description, a menu that folds without JavaScript, messages shown once) and the home page
(vacancy search box, the next fair from the records, the office's contact from the configuration)."""

import re
from datetime import date, timedelta

from tests import factories


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_page_links_the_favicon_and_has_a_description(client):
    html = _home(client)
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert icon, "no favicon link"
    response = client.get(icon.group(1))
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and "Balikpapan" in description.group(1)


def test_the_menu_folds_behind_a_button_that_needs_no_javascript(client):
    html = _home(client)
    header = html[html.index("<header"):html.index("</header>")]
    assert '<input type="checkbox" id="menu-toggle" class="menu-toggle">' in header
    assert '<label for="menu-toggle" class="menu-button">Menu</label>' in header
    assert header.index("menu-toggle") < header.index('<nav aria-label="Navigasi utama">')
    assert "<script" not in html and " style=" not in header and "onclick" not in html


def test_the_home_page_has_a_vacancy_search_box(client):
    html = _home(client)
    form = re.search(r'<form method="get" action="/lowongan"[^>]*role="search">(.*?)</form>', html, re.S)
    assert form, "no GET search form to /lowongan"
    assert '<input type="search" id="home-q" name="q"' in form.group(1)
    assert '<label for="home-q">Kata kunci</label>' in form.group(1)


def test_without_a_coming_fair_the_home_page_says_so(app, client):
    with app.app_context():
        past = date.today() - timedelta(days=30)
        factories.make_fair(name="Bursa Kerja Yang Sudah Lewat", starts_on=past, ends_on=past + timedelta(days=1))
    html = _home(client)
    assert "Belum ada bursa kerja yang dijadwalkan." in html
    assert "Bursa Kerja Yang Sudah Lewat" not in html


def test_the_home_page_shows_the_nearest_coming_fair(app, client):
    today = date.today()
    with app.app_context():
        officer = factories.make_officer()
        factories.make_fair(officer, name="Bursa Kerja Lalu", starts_on=today - timedelta(days=9),
                            ends_on=today - timedelta(days=8))
        factories.make_fair(officer, name="Bursa Kerja Jauh", starts_on=today + timedelta(days=60),
                            ends_on=today + timedelta(days=61))
        near_id = factories.make_fair(officer, name="Bursa Kerja Dekat", starts_on=today, ends_on=today).id
    html = _home(client)
    section = html[html.index("Bursa kerja berikutnya"):]
    section = section[:section.index("</section>")]
    assert f'href="/bursa-kerja/{near_id}"' in section and "Bursa Kerja Dekat" in section
    assert "Bursa Kerja Jauh" not in section and "Bursa Kerja Lalu" not in section
    assert "Belum ada bursa kerja yang dijadwalkan." not in html


def test_the_office_contact_comes_from_the_configuration(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "OFFICE_ADDRESS", "Jl. Contoh No. 9, Balikpapan")
    monkeypatch.setitem(app.config, "OFFICE_PHONE", "(0542) 123 456")
    monkeypatch.setitem(app.config, "OFFICE_EMAIL", "kontak@contoh.example")
    html = _home(client)
    contact = html[html.index("Kontak Disnaker"):]
    contact = contact[:contact.index("</section>")]
    assert "Jl. Contoh No. 9, Balikpapan" in contact
    assert '<a href="tel:0542123456">(0542) 123 456</a>' in contact
    assert '<a href="mailto:kontak@contoh.example">kontak@contoh.example</a>' in contact
    # the footer of every page reads the same setting
    login_page = client.get("/akun/masuk").get_data(as_text=True)
    assert "Jl. Contoh No. 9, Balikpapan" in login_page[login_page.index("<footer"):]


def test_an_empty_phone_setting_is_not_shown(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "OFFICE_PHONE", "")
    assert "tel:" not in _home(client)


def test_a_message_flashed_twice_is_shown_once(client):
    """Two protected pages opened before logging in flash the same notice twice: the login page shows it once."""
    client.get("/pencari-kerja/")
    client.get("/perusahaan/")
    html = client.get("/akun/masuk").get_data(as_text=True)
    assert html.count("Silakan masuk terlebih dahulu untuk membuka halaman itu.") == 1
