"""Consent pages: the privacy notices, registration checkboxes, "Persetujuan saya" with its confirmation, the
review after login when a notice changed, and the company's applicant page after CV sharing is withdrawn."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from jobfair import privacy_notices
from jobfair.extensions import db
from jobfair.models import ConsentRecord, User
from jobfair.privacy_notices import CV_SHARING, EMAIL
from jobfair.services.hiring import applications
from jobfair.services.privacy import consents
from tests import factories
from tests.conftest import csrf_token, login

SEEKER_PAGE = "/akun/daftar/pencari-kerja"
SEEKER_FORM = {
    "nik": "6471015505950003", "full_name": "Siti Aminah", "sex": "P", "birth_date": "1995-05-15",
    "email": "siti@example.id", "phone": "081234567890", "password": "Kerja-Balikpapan-2025",
    "password_confirm": "Kerja-Balikpapan-2025",
}


def _post(client, path, data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def _user(email):
    return db.session.scalar(select(User).where(User.email == email))


def test_privacy_notices_are_public_and_versioned(client):
    index = client.get("/privasi").get_data(as_text=True)
    for purpose in privacy_notices.PURPOSES.values():
        assert f"/privasi/{purpose.code}" in index
    page = client.get("/privasi/cv_sharing")
    assert page.status_code == 200 and "Versi 1" in page.get_data(as_text=True)
    assert client.get("/privasi/cv_sharing?versi=9").status_code == 404
    assert client.get("/privasi/pemasaran").status_code == 404


def test_registration_refuses_without_the_required_consent_beside_the_box(app, client):
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "consent_cv_sharing": "y"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="consent_placement-error"' in html and "wajib" in html
    assert 'href="/privasi/placement"' in html
    with app.app_context():
        assert _user("siti@example.id") is None


def test_registration_records_the_consents_ticked(app, client):
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "consent_placement": "y", "consent_email": "y"})
    assert response.status_code == 302
    with app.app_context():
        rows = {r.purpose: r for r in db.session.scalars(select(ConsentRecord))}
        assert {p: r.given for p, r in rows.items()} == {"placement": True, "cv_sharing": False, "ak1": False,
                                                         "email": True}
        assert {r.channel for r in rows.values()} == {"web"}
    assert client.get("/pencari-kerja/").status_code == 200   # no review: everything was just answered


def _seeker_client(app, **kwargs):
    with app.app_context():
        email = factories.make_seeker(**kwargs).email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, email


def test_my_consents_lists_and_withdraws_after_a_confirmation(app):
    client, email = _seeker_client(app)
    page = client.get("/persetujuan").get_data(as_text=True)
    assert "Berbagi profil dan CV" in page and "/persetujuan/email/tarik" in page
    confirm = client.get("/persetujuan/email/tarik")
    assert confirm.status_code == 200 and "pemberitahuan di aplikasi tetap ada" in confirm.get_data(as_text=True)
    token = csrf_token(client, "/persetujuan/email/tarik")
    refused = client.post("/persetujuan/email/tarik", data={"csrf_token": token})
    assert refused.status_code == 422 and "Centang kotak ini" in refused.get_data(as_text=True)
    with app.app_context():
        assert consents.has_consent(_user(email), EMAIL)
    done = client.post("/persetujuan/email/tarik", data={"csrf_token": token, "confirm": "y"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/persetujuan")
    with app.app_context():
        assert not consents.has_consent(_user(email), EMAIL)
    given = client.post("/persetujuan/email/beri", data={"csrf_token": csrf_token(client, "/persetujuan")})
    assert given.status_code == 302
    with app.app_context():
        assert consents.has_consent(_user(email), EMAIL)
    assert client.get("/persetujuan/match_sharing/tarik").status_code == 404   # not a seeker's purpose
    assert client.post("/persetujuan/email/beri").status_code == 400            # no CSRF token


def test_a_new_notice_version_is_asked_at_the_next_login(app, monkeypatch):
    client, email = _seeker_client(app)
    assert client.get("/pencari-kerja/").status_code == 200
    notice = privacy_notices.PURPOSES[CV_SHARING]
    newer = replace(notice.current, version=2, published_on=date(2027, 1, 1))
    monkeypatch.setitem(privacy_notices.PURPOSES, CV_SHARING, replace(notice, versions=notice.versions + (newer,)))
    assert client.get("/pencari-kerja/").status_code == 200    # the current session is not interrupted

    client = app.test_client()
    assert login(client, email).status_code == 302
    response = client.get("/pencari-kerja/")
    assert response.status_code == 302 and "/persetujuan/pembaruan" in response.headers["Location"]
    assert client.get("/privasi/cv_sharing").status_code == 200   # the notices stay readable
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "versi 2" in review and 'name="consent_cv_sharing"' in review
    token = csrf_token(client, "/persetujuan/pembaruan")
    assert client.post("/persetujuan/pembaruan", data={"csrf_token": token}).status_code == 422
    done = client.post("/persetujuan/pembaruan?next=/pencari-kerja/lamaran",
                       data={"csrf_token": token, "consent_cv_sharing": "ya"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/pencari-kerja/lamaran")
    assert client.get("/pencari-kerja/").status_code == 200
    with app.app_context():
        assert consents.latest(_user(email), CV_SHARING).notice_version == 2


def test_withdrawing_placement_keeps_the_seeker_at_the_review(app):
    client, _email = _seeker_client(app)
    token = csrf_token(client, "/persetujuan/placement/tarik")
    assert "/data-saya" in client.get("/persetujuan/placement/tarik").get_data(as_text=True)
    client.post("/persetujuan/placement/tarik", data={"csrf_token": token, "confirm": "y"})
    response = client.get("/pencari-kerja/lamaran")
    assert response.status_code == 302 and "/persetujuan/pembaruan" in response.headers["Location"]
    assert client.post("/akun/keluar", data={"csrf_token": token}).status_code == 302   # logout still works


def test_the_company_applicant_page_stops_offering_the_cv_after_withdrawal(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        seeker = factories.seeker_with_cv(skills="Las listrik")
        application_id = applications.apply(seeker, vacancy.id, cover_letter="Saya berminat.",
                                            today=date.today()).id
        company_email, seeker_email = company.email, seeker.email
    company_client = app.test_client()
    assert login(company_client, company_email).status_code == 302
    page = company_client.get(f"/perusahaan/pelamar/{application_id}").get_data(as_text=True)
    assert f"/perusahaan/pelamar/{application_id}/cv" in page and seeker_email in page
    assert company_client.get(f"/perusahaan/pelamar/{application_id}/cv").status_code == 200

    with app.app_context():
        consents.withdraw(_user(seeker_email), CV_SHARING)
    page = company_client.get(f"/perusahaan/pelamar/{application_id}").get_data(as_text=True)
    assert f"/perusahaan/pelamar/{application_id}/cv" not in page
    assert seeker_email not in page and "Las listrik" not in page and "Saya berminat." in page
    assert company_client.get(f"/perusahaan/pelamar/{application_id}/cv").status_code == 404


@pytest.mark.parametrize("role,expected", [("company", 403), ("officer", 403), ("school", 403), ("seeker", 200),
                                           ("student", 200)])
def test_consent_pages_by_role(login_as, role, expected):
    client = login_as(role)
    assert client.get("/persetujuan").status_code == expected
    withdraw = client.get(f"/persetujuan/{EMAIL}/tarik").status_code
    assert withdraw == (403 if expected == 403 else 200 if role == "seeker" else 404)


def test_anonymous_visitors_are_sent_to_login_for_their_consents(client):
    for path in ("/persetujuan", "/persetujuan/email/tarik", "/persetujuan/pembaruan"):
        response = client.get(path)
        assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    assert client.get("/privasi").status_code == 200


def test_a_student_withdraws_match_sharing_on_the_same_page(app):
    with app.app_context():
        student = factories.make_student(login=True)
        email = student.user.email
    client = app.test_client()
    assert login(client, email).status_code == 302
    page = client.get("/persetujuan").get_data(as_text=True)
    assert "pencocokan pemagangan" in page and "Belum dijawab" in page
    token = csrf_token(client, "/persetujuan")
    client.post("/persetujuan/match_sharing/beri", data={"csrf_token": token})
    assert client.get("/persetujuan/match_sharing/tarik").status_code == 200
    client.post("/persetujuan/match_sharing/tarik", data={"csrf_token": token, "confirm": "y"})
    with app.app_context():
        assert consents.withdrawn(_user(email), "match_sharing")
    assert client.get("/persetujuan/placement/tarik").status_code == 404   # a seeker's purpose


def test_the_ak1_page_offers_no_request_without_the_consent(app):
    with app.app_context():
        seeker = factories.make_seeker(consents=("placement",))
        factories.complete_profile(seeker)
        email = seeker.email
    client = app.test_client()
    assert login(client, email).status_code == 302
    page = client.get("/pencari-kerja/ak1").get_data(as_text=True)
    assert "Persetujuan diperlukan" in page and "/pencari-kerja/ak1/ajukan" not in page
    client.post("/persetujuan/ak1/beri", data={"csrf_token": csrf_token(client, "/persetujuan")})
    page = client.get("/pencari-kerja/ak1").get_data(as_text=True)
    assert "Persetujuan diperlukan" not in page and "/pencari-kerja/ak1/ajukan" in page


def test_the_apply_page_says_what_the_company_will_see(app):
    with app.app_context():
        vacancy_id = factories.published_vacancy().id
        sharing = factories.seeker_with_cv().email
        private = factories.seeker_with_cv().email
        consents.withdraw(_user(private), CV_SHARING)
    for email, shown in ((sharing, "bersama CV"), (private, "hanya melihat nama dan surat lamaran")):
        client = app.test_client()
        assert login(client, email).status_code == 302
        assert shown in client.get(f"/pencari-kerja/lowongan/{vacancy_id}/lamar").get_data(as_text=True)
