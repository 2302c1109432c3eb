"""Second factor through the pages: office staff are held at enrolment or at the code page until done in this
session; the QR code and the secret as text; wrong and replayed codes refused in Indonesian; the session id
rotates; an admin resets a lost factor from the accounts page."""

import re

import pyotp
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import AuditEvent, User
from jobfair.services.users import second_factor
from tests import factories
from tests.conftest import (
    CSRF_RE,
    SECRET_RE,
    complete_second_factor,
    csrf_token,
    fresh_totp_code,
    login,
    login_password_only,
)

ENROL = "/akun/verifikasi-dua-langkah/daftar"
CODE = "/akun/verifikasi-dua-langkah"


def _staff(app, role="officer", enrol=False):
    with app.app_context():
        user = factories.make_user(role)
        if enrol:
            factories.enrol_second_factor(user)
        return user.id, user.email


def _post_code(client, path, code):
    page = client.get(path).get_data(as_text=True)
    return client.post(path, data={"code": code, "csrf_token": CSRF_RE.search(page).group(1)})


def test_an_officer_after_the_password_reaches_no_office_page_before_enrolling(app, client):
    _user_id, email = _staff(app)
    response = login_password_only(client, email)
    assert response.status_code == 302 and response.headers["Location"].startswith(ENROL)
    for path in ("/disnaker/", "/perlindungan/pekerja", "/disnaker/akun", "/dasbor", "/akun/kata-sandi"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked.headers["Location"].startswith(ENROL), path
    assert client.get("/").status_code == 200  # public pages stay open
    page = client.get(ENROL).get_data(as_text=True)
    assert 'src="/akun/verifikasi-dua-langkah/qr.svg"' in page and SECRET_RE.search(page)
    assert "Meja kerja" not in page  # no office menu yet
    qr = client.get("/akun/verifikasi-dua-langkah/qr.svg")
    assert qr.mimetype == "image/svg+xml" and qr.headers["Cache-Control"] == "no-store" and b"<svg" in qr.data


def test_enrolment_shows_recovery_codes_once_and_opens_the_office(app, client):
    _user_id, email = _staff(app)
    login_password_only(client, email)
    page = client.get(ENROL).get_data(as_text=True)
    secret = SECRET_RE.search(page).group(1).replace(" ", "")
    factories.TOTP_SECRETS[email] = secret
    done = _post_code(client, ENROL, pyotp.TOTP(secret).now())
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})</code></li>", html)
    assert len(codes) == 10 and "hanya ditampilkan sekali" in html
    assert client.get("/disnaker/").status_code == 200
    assert client.get(ENROL).status_code == 302  # never shown again
    assert client.get("/akun/verifikasi-dua-langkah/qr.svg").status_code == 409


def test_an_enrolled_officer_types_a_code_in_every_new_session(app):
    _user_id, email = _staff(app, enrol=True)
    first, second = app.test_client(), app.test_client()
    login(first, email)
    assert first.get("/disnaker/").status_code == 200
    response = login_password_only(second, email, next_url="/disnaker/akun")
    assert response.headers["Location"].startswith(CODE) and "next=/disnaker/akun" in response.headers["Location"]
    assert second.get("/disnaker/").status_code == 302  # the first browser's factor does not count here
    done = complete_second_factor(second, email, response.headers["Location"])
    assert done.status_code == 302 and done.headers["Location"].endswith("/disnaker/akun")
    assert second.get("/disnaker/").status_code == 200


def test_a_wrong_code_is_refused_in_indonesian(app, client):
    _user_id, email = _staff(app, enrol=True)
    login_password_only(client, email)
    right = fresh_totp_code(app, email)
    wrong = "000000" if right != "000000" else "111111"
    response = _post_code(client, CODE, wrong)
    assert response.status_code == 422 and "Kode salah atau sudah kedaluwarsa" in response.get_data(as_text=True)
    assert client.get("/disnaker/").status_code == 302


def test_a_replayed_code_is_refused(app):
    _user_id, email = _staff(app, enrol=True)
    first, second = app.test_client(), app.test_client()
    login_password_only(first, email)
    code = fresh_totp_code(app, email)
    assert _post_code(first, CODE, code).status_code == 302
    login_password_only(second, email)
    replay = _post_code(second, CODE, code)
    assert replay.status_code == 422 and "Kode ini sudah dipakai" in replay.get_data(as_text=True)
    assert second.get("/disnaker/").status_code == 302
    with app.app_context():
        details = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "login.failed"))
        assert {"reason": "replayed_totp"} in list(details)


def test_the_session_id_rotates_when_the_second_factor_is_done(app, client):
    _user_id, email = _staff(app, enrol=True)
    login_password_only(client, email)
    before = client.get_cookie("session").value
    assert _post_code(client, CODE, fresh_totp_code(app, email)).status_code == 302
    stale = app.test_client()
    stale.set_cookie("session", before)  # the cookie from between password and code
    response = stale.get("/disnaker/")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    assert client.get("/disnaker/").status_code == 200


def test_seekers_and_companies_have_no_second_factor_step(app, seeker_client, company_client):
    assert seeker_client.get("/pencari-kerja/").status_code == 200
    assert seeker_client.get(CODE).status_code == 403
    assert company_client.get(ENROL).status_code == 403


def test_an_admin_resets_a_lost_second_factor_from_the_accounts_page(app, admin_client):
    officer_id, email = _staff(app, enrol=True)
    officer = app.test_client()
    login(officer, email)
    listing = admin_client.get("/disnaker/akun").get_data(as_text=True)
    path = f"/disnaker/akun/{officer_id}/dua-langkah"
    assert f'href="{path}"' in listing
    refused = admin_client.post(path, data={"reason": "hp", "confirm": "y", "csrf_token": csrf_token(admin_client,
                                                                                                     path)})
    assert refused.status_code == 422 and "untuk catatan audit" in refused.get_data(as_text=True)
    done = admin_client.post(path, data={"reason": "Ponsel petugas hilang", "confirm": "y",
                                         "csrf_token": csrf_token(admin_client, path)})
    assert done.status_code == 302
    after = officer.get("/disnaker/")
    assert after.status_code == 302 and "/akun/masuk" in after.headers["Location"]  # sessions ended
    again = login_password_only(app.test_client(), email)
    assert again.headers["Location"].startswith(ENROL)  # enrols again
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.second_factor_reset"))
        assert event.object_id == str(officer_id) and event.actor_role == "admin"


def test_an_officer_cannot_reset_a_second_factor(app, officer_client):
    target_id, _email = _staff(app, enrol=True)
    path = f"/disnaker/akun/{target_id}/dua-langkah"
    assert officer_client.get(path).status_code == 403
    with app.app_context():
        assert second_factor.is_enrolled(db.session.get(User, target_id))
