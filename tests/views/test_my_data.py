"""The "Data saya" pages: the person's own data on screen and as downloads (JSON, printable HTML); no parameter
opens another person's data; downloads are private, no-store attachments and audited; user text is escaped."""

import json

import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent
from tests import factories
from tests.conftest import login

PARAMETERS_TRIED = ("?user_id={uid}", "?person_id={pid}", "?id={uid}", "?seeker={uid}", "?email={email}",
                    "?page=1&user={uid}")


@pytest.fixture
def people(app):
    """Alice and Bob applied to one company's vacancies; Bob's cover letter tries to inject a script."""
    with app.app_context():
        company = factories.application_company()
        welder = factories.published_vacancy(company, title="Juru Las Pipa")
        driver = factories.published_vacancy(company, title="Sopir Truk Tambang")
        alice, bob = factories.make_seeker(), factories.make_seeker()
        factories.fair_application(welder, alice)
        application = factories.fair_application(driver, bob)
        from jobfair.extensions import db

        application.cover_letter = "<script>alert('x')</script> Saya siap bekerja"
        db.session.commit()
        return {"alice": (alice.email, alice.id, alice.person_id), "bob": (bob.email, bob.id, bob.person_id),
                "bob_name": bob.full_name}


def _client(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def test_a_seeker_downloads_their_own_data_as_json(app, people):
    email, _uid, _pid = people["alice"]
    response = _client(app, email).get("/data-saya/unduh.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = json.loads(response.get_data())
    assert [r["vacancy"] for r in body["sections"]["applications"]["records"]] == ["Juru Las Pipa"]
    assert "Sopir Truk Tambang" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/data-saya", "/data-saya/unduh.json", "/data-saya/unduh.html"])
def test_no_parameter_shows_another_persons_data(app, people, path):
    email, _uid, _pid = people["alice"]
    bob_email, bob_uid, bob_pid = people["bob"]
    client = _client(app, email)
    for template in PARAMETERS_TRIED:
        query = template.format(uid=bob_uid, pid=bob_pid, email=bob_email)
        response = client.get(path + query)
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Juru Las Pipa" in text, query          # still Alice's data
        # (the language switch repeats the query string, so Bob's e-mail may appear there: check his data instead)
        assert "Sopir Truk Tambang" not in text and people["bob_name"] not in text


def test_the_html_copy_is_readable_and_escapes_user_text(app, people):
    email, _uid, _pid = people["bob"]
    response = _client(app, email).get("/data-saya/unduh.html")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert "Sopir Truk Tambang" in text and "Lamaran" in text


def test_each_download_writes_an_audit_row(app, people):
    email, uid, pid = people["alice"]
    client = _client(app, email)
    client.get("/data-saya/unduh.json")
    client.get("/data-saya/unduh.html")
    client.get("/data-saya")  # looking at one's own page is not a download
    with app.app_context():
        from jobfair.extensions import db

        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.data_downloaded")).all()
        assert [(r.actor_id, r.subject_person_id, r.detail["format"]) for r in rows] == [
            (uid, pid, "json"), (uid, pid, "html")]
        assert rows[0].origin == "127.0.0.1"


def test_the_page_lists_the_sections_and_the_reads(app, people):
    email, _uid, _pid = people["alice"]
    text = _client(app, email).get("/data-saya").get_data(as_text=True)
    for heading in ("Akun", "Identitas", "Profil pencari kerja", "Lamaran", "Siapa yang membuka data Anda"):
        assert heading in text
    assert "Belum ada yang membuka data Anda." in text
    assert "••••••••" in text


def test_a_company_user_sees_their_account(app, company_client):
    text = company_client.get("/data-saya").get_data(as_text=True)
    assert "Akun" in text and "Identitas" not in text and "Siapa yang membuka" not in text


def test_a_student_sees_their_page(app, student_client):
    assert student_client.get("/data-saya").status_code == 200


def test_officers_have_no_data_saya_page(app, officer_client):
    assert officer_client.get("/data-saya").status_code == 403
    with app.app_context():
        from jobfair.extensions import db

        assert db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "privacy.data_downloaded")) == 0
