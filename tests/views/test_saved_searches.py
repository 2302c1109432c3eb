"""Saved searches through the pages: save from /lowongan, the list, frequency, delete with confirmation, the limit
beside the form, the unsubscribe page; and the acceptance test of the job alerts over a real SMTP server."""

import re
from datetime import UTC, datetime, timedelta
from email import message_from_string
from email.policy import default as default_policy
from html import unescape

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import SavedSearch, User
from jobfair.services import jobs, mailer
from jobfair.services.hiring import saved_searches
from jobfair.services.job_tasks import RUN_ALERTS
from tests import factories
from tests.conftest import CSRF_RE, csrf_token, login
from tests.services.test_mailer import smtp_server  # noqa: F401  (the real aiosmtpd server fixture)

LIST = "/pencari-kerja/pencarian-tersimpan"
SAVE = "/pencari-kerja/pencarian-tersimpan/simpan"
HIDDEN_RE = re.compile(r'<input id="(simpan-[a-z_]+)" name="simpan-[a-z_]+" type="hidden" value="([^"]*)"')
UNSUBSCRIBE_RE = re.compile(r"(https?://\S+/berhenti-langganan/[A-Za-z0-9_.\-]+)")


def _seeker(app):
    with app.app_context():
        user = factories.make_seeker()
        return user.email, user.id


def _logged_in(app):
    email, user_id = _seeker(app)
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, user_id


def _save_form(client, query: str) -> dict:
    """The fields of the search page's save form, as the browser would send them."""
    html = client.get(f"/lowongan?{query}").get_data(as_text=True)
    assert "Simpan pencarian ini" in html
    fields = {name: unescape(value) for name, value in HIDDEN_RE.findall(html)}
    return {**fields, "csrf_token": CSRF_RE.search(html).group(1), "simpan-name": "", "simpan-frequency": "weekly"}


def _saved(app, user_id) -> list[SavedSearch]:
    with app.app_context():
        rows = list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id)))
        db.session.expunge_all()
        return rows


def test_save_the_search_from_the_search_page(app):
    client, user_id = _logged_in(app)
    data = _save_form(client, "q=operator+forklift&kecamatan=647101&disability_friendly=y&setelah=abc")
    assert data["simpan-q"] == "operator forklift" and data["simpan-kecamatan"] == "647101"
    assert data["simpan-disability_friendly"] == "y"
    data.update({"simpan-name": "Forklift Timur", "simpan-frequency": "daily"})
    answer = client.post(SAVE, data=data)
    assert answer.status_code == 303 and answer.headers["Location"].endswith(LIST)
    saved, = _saved(app, user_id)
    assert (saved.name, saved.q, saved.kecamatan, saved.disability_friendly, saved.frequency) == (
        "Forklift Timur", "operator forklift", "647101", True, "daily")
    page = client.get(LIST).get_data(as_text=True)
    assert "Forklift Timur" in page and "Kata kunci: operator forklift" in page and "Belum pernah" in page
    assert 'href="/lowongan?q=operator+forklift&amp;kecamatan=647101&amp;disability_friendly=y"' in page


def test_the_menu_and_the_search_page_for_other_visitors(app, client, company_client):
    seeker, _user_id = _logged_in(app)
    assert f'href="{LIST}"' in seeker.get("/pencari-kerja/").get_data(as_text=True)   # the seeker's menu
    anonymous = client.get("/lowongan?q=kasir").get_data(as_text=True)
    assert "Simpan pencarian ini" not in anonymous
    assert 'href="/akun/masuk?next=/lowongan?q%3Dkasir"' in anonymous
    assert "Simpan pencarian ini" not in company_client.get("/lowongan").get_data(as_text=True)
    assert client.post(SAVE, data={}).status_code in (302, 400)   # login first (or the CSRF check)
    assert company_client.post(SAVE, data={"csrf_token": csrf_token(company_client, "/lowongan")}).status_code == 403


def test_the_eleventh_is_refused_beside_the_form(app):
    client, user_id = _logged_in(app)
    with app.app_context():
        user = db.session.get(User, user_id)
        for n in range(10):
            saved_searches.save(user, q=f"kata{n}")
    refused = client.post(SAVE, data=_save_form(client, "q=kasir"))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Anda sudah menyimpan 10 pencarian, batas untuk satu akun" in unescape(html)
    assert 'value="kasir"' in html and "Simpan pencarian ini" in html   # the form again, with the search
    assert len(_saved(app, user_id)) == 10


def test_change_the_frequency_and_delete_with_confirmation(app):
    client, user_id = _logged_in(app)
    with app.app_context():
        saved_id = saved_searches.save(db.session.get(User, user_id), q="las").id
    token = csrf_token(client, LIST)
    changed = client.post(f"{LIST}/{saved_id}/frekuensi", data={"frequency": "daily", "csrf_token": token})
    assert changed.status_code == 303 and _saved(app, user_id)[0].frequency == "daily"
    assert client.post(f"{LIST}/{saved_id}/frekuensi", data={"frequency": "x", "csrf_token": token}).status_code \
        == 303 and _saved(app, user_id)[0].frequency == "daily"
    confirm = client.get(f"{LIST}/{saved_id}/hapus")
    assert confirm.status_code == 200 and "Ya, hapus pencarian ini" in confirm.get_data(as_text=True)
    assert len(_saved(app, user_id)) == 1   # the GET only asks
    token = CSRF_RE.search(confirm.get_data(as_text=True)).group(1)
    deleted = client.post(f"{LIST}/{saved_id}/hapus", data={"csrf_token": token})
    assert deleted.status_code == 303 and _saved(app, user_id) == []


def test_another_seekers_saved_search_answers_404(app):
    _owner, owner_id = _logged_in(app)
    with app.app_context():
        saved_id = saved_searches.save(db.session.get(User, owner_id), q="las").id
    other, _other_id = _logged_in(app)
    token = csrf_token(other, LIST)
    assert other.get(f"{LIST}/{saved_id}/hapus").status_code == 404
    assert other.post(f"{LIST}/{saved_id}/hapus", data={"csrf_token": token}).status_code == 404
    assert other.post(f"{LIST}/{saved_id}/frekuensi", data={"frequency": "daily", "csrf_token": token}) \
        .status_code == 404
    assert len(_saved(app, owner_id)) == 1


def test_the_unsubscribe_page_without_login(app, client):
    _email, user_id = _seeker(app)
    with app.app_context():
        saved = saved_searches.save(db.session.get(User, user_id), name="Juru las", q="las")
        path = f"/berhenti-langganan/{saved_searches.unsubscribe_token(saved)}"
    page = client.get(path)
    assert page.status_code == 200 and "Juru las" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer" and "no-store" in page.headers["Cache-Control"]
    assert len(_saved(app, user_id)) == 1   # the GET only asks
    assert client.post(path, data={}).status_code == 400   # CSRF
    token = CSRF_RE.search(page.get_data(as_text=True)).group(1)
    done = client.post(path, data={"csrf_token": token})
    assert done.status_code == 200 and "tidak akan menerima e-mail lowongan lagi" in done.get_data(as_text=True)
    assert _saved(app, user_id) == []
    spent = client.get(path)
    assert spent.status_code == 404 and "Tautan berhenti berlangganan ini tidak berlaku" in spent.get_data(as_text=True)
    tampered = client.get(path[:-3] + ("xyz" if not path.endswith("xyz") else "abc"))
    assert tampered.status_code == 404 and "tidak berlaku" in tampered.get_data(as_text=True)


def test_acceptance_one_email_with_the_two_matching_vacancies(app, smtp_server, pin_today):  # noqa: F811
    """A seeker saves a search; two matching vacancies and one other are published; the digest job runs twice;
    the real SMTP server receives exactly one e-mail, with the two matching titles and not the third."""
    client, user_id = _logged_in(app)
    data = _save_form(client, "q=operator")
    data["simpan-frequency"] = "daily"
    assert client.post(SAVE, data=data).status_code == 303
    with app.app_context():
        company = factories.verified_company_user(company_name="PT Maju Logistik")
        for title, description in (("Operator Forklift", "Memindahkan palet di gudang."),
                                   ("Operator Alat Berat", "Mengemudikan ekskavator di proyek."),
                                   ("Kasir Toko", "Melayani pembeli di toko.")):
            factories.make_vacancy(company, title=title, description=description)   # published by an officer
        email = db.session.get(User, user_id).email
    pin_today(datetime.now(UTC).date() + timedelta(days=1))   # the next morning's run
    with app.app_context():
        first, second = jobs.enqueue(RUN_ALERTS), jobs.enqueue(RUN_ALERTS)
        assert (first.status, second.status) == ("done", "done")
        assert first.result["sent"] == 1 and second.result["sent"] == 0
        mailer.send_outbox()
    alerts = [m for m in smtp_server.messages if "Lowongan baru" in m[2]]
    (_sender, recipients, content), = alerts
    assert recipients == [email]
    message = message_from_string(content, policy=default_policy)
    body = message.get_content()
    assert "Operator Forklift" in body and "Operator Alat Berat" in body and "Kasir Toko" not in body
    link = UNSUBSCRIBE_RE.search(body).group(1)
    assert link.startswith(app.config["PUBLIC_BASE_URL"])
    page = app.test_client().get(link.removeprefix(app.config["PUBLIC_BASE_URL"]))
    assert page.status_code == 200 and "Berhenti berlangganan" in page.get_data(as_text=True)
