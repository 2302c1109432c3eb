"""Account pages: deactivation ends sessions at once, officers can't touch admins, admins manage officers."""

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import AuditEvent, User
from tests import factories
from tests.conftest import csrf_token, login


def _user(app, role):
    with app.app_context():
        user = factories.make_user(role)
        return user.id, user.email


def _staff_client(app, role):
    user_id, email = _user(app, role)
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, user_id


def _deactivate(client, user_id, **data):
    path = f"/disnaker/akun/{user_id}/nonaktifkan"
    return client.post(path, data={"reason": "Akun ganda", "confirm": "y", "csrf_token": csrf_token(client, path),
                                   **data})


def test_deactivated_users_next_request_goes_to_the_login_page(app):
    officer, _officer_id = _staff_client(app, "officer")
    seeker_id, email = _user(app, "seeker")
    seeker = app.test_client()
    assert login(seeker, email).status_code == 302
    assert seeker.get("/pencari-kerja/").status_code == 200
    response = _deactivate(officer, seeker_id)
    assert response.status_code == 302 and response.headers["Location"].endswith("/disnaker/akun")
    after = seeker.get("/pencari-kerja/")
    assert after.status_code == 302 and "/akun/masuk" in after.headers["Location"]
    assert "dinonaktifkan" in login(app.test_client(), email).get_data(as_text=True)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.deactivated"))
        assert event.object_id == str(seeker_id) and event.detail["reason"] == "Akun ganda"


def test_deactivation_needs_a_confirmation_and_a_reason(app):
    officer, _officer_id = _staff_client(app, "officer")
    seeker_id, _email = _user(app, "seeker")
    assert _deactivate(officer, seeker_id, confirm="").status_code == 422
    response = _deactivate(officer, seeker_id, reason="ab")
    assert response.status_code == 422 and "minimal 5 karakter" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, seeker_id).active


def test_officer_cannot_deactivate_an_admin(app):
    officer, _officer_id = _staff_client(app, "officer")
    admin, admin_id = _staff_client(app, "admin")
    page = officer.get(f"/disnaker/akun/{admin_id}/nonaktifkan")
    assert page.status_code == 200 and "hanya dapat dinonaktifkan oleh admin" in page.get_data(as_text=True)
    assert _deactivate(officer, admin_id).status_code == 403
    assert admin.get("/disnaker/akun").status_code == 200
    with app.app_context():
        assert db.session.get(User, admin_id).active


def test_admin_cannot_deactivate_self(app):
    admin, admin_id = _staff_client(app, "admin")
    path = f"/disnaker/akun/{admin_id}/nonaktifkan"
    response = admin.post(path, data={"reason": "Saya sendiri", "confirm": "y", "csrf_token": csrf_token(admin)})
    assert response.status_code == 422 and "akun Anda sendiri" in response.get_data(as_text=True)
    assert admin.get("/disnaker/akun").status_code == 200


def test_admin_changes_a_role_audited_and_officer_cannot(app):
    admin, admin_id = _staff_client(app, "admin")
    officer, officer_id = _staff_client(app, "officer")
    path = f"/disnaker/akun/{officer_id}/peran"
    assert officer.get(path).status_code == 403
    assert admin.post(path, data={"role": "admin", "csrf_token": csrf_token(admin, path)}).status_code == 422
    response = admin.post(path, data={"role": "admin", "confirm": "y", "csrf_token": csrf_token(admin, path)})
    assert response.status_code == 302
    assert officer.get("/disnaker/akun").status_code == 302  # the role change ended the officer's session
    with app.app_context():
        assert db.session.get(User, officer_id).role == "admin"
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.role_changed"))
        assert event.actor_id == admin_id and event.detail == {"from": "officer", "to": "admin"}


def test_admin_creates_an_officer_who_can_log_in(app):
    admin, _admin_id = _staff_client(app, "admin")
    officer, _officer_id = _staff_client(app, "officer")
    assert officer.get("/disnaker/akun/baru").status_code == 403
    data = {"full_name": "Rina Petugas", "email": "rina@disnaker.id", "password": factories.PASSWORD,
            "role": "officer"}
    bad = admin.post("/disnaker/akun/baru", data={**data, "password": "pendek",
                                                   "csrf_token": csrf_token(admin, "/disnaker/akun/baru")})
    assert bad.status_code == 422
    response = admin.post("/disnaker/akun/baru", data={**data, "csrf_token": csrf_token(admin, "/disnaker/akun/baru")})
    assert response.status_code == 302
    new = app.test_client()
    assert login(new, "rina@disnaker.id").status_code == 302
    assert new.get("/disnaker/akun").status_code == 200


def test_accounts_list_filters_and_reactivate(app):
    officer, _officer_id = _staff_client(app, "officer")
    seeker_id, email = _user(app, "seeker")
    _deactivate(officer, seeker_id)
    page = officer.get("/disnaker/akun?aktif=tidak&peran=seeker").get_data(as_text=True)
    assert email in page and "Aktifkan kembali" in page
    assert email not in officer.get("/disnaker/akun?aktif=ya").get_data(as_text=True)
    response = officer.post(f"/disnaker/akun/{seeker_id}/aktifkan",
                            data={"csrf_token": csrf_token(officer, "/disnaker/akun")})
    assert response.status_code == 302
    assert login(app.test_client(), email).status_code == 302
    assert app.test_client().get("/disnaker/akun").status_code == 302
    seeker = app.test_client()
    login(seeker, email)
    assert seeker.get("/disnaker/akun").status_code == 403


def test_admin_changes_a_programmes_owning_office(app):
    admin, _admin_id = _staff_client(app, "admin")
    officer, _officer_id = _staff_client(app, "officer")
    with app.app_context():
        programme_id = factories.bpjs_programme().id
    path = f"/disnaker/akun/program/{programme_id}"
    assert officer.get(path).status_code == 403
    assert "Disnaker" in admin.get("/disnaker/akun/program").get_data(as_text=True)
    response = admin.post(path, data={"owning_office": "Dinas Sosial", "csrf_token": csrf_token(admin, path)})
    assert response.status_code == 302
    assert "Dinas Sosial" in admin.get("/disnaker/akun/program").get_data(as_text=True)
    assert admin.get("/disnaker/akun/program/999999").status_code == 404


def test_officer_deactivates_school_staff_from_the_school_page(app):
    officer, _officer_id = _staff_client(app, "officer")
    with app.app_context():
        staff = factories.make_school_staff()
        staff_id, school_id, email = staff.id, staff.school_id, staff.email
    bkk = app.test_client()
    assert login(bkk, email).status_code == 302
    assert bkk.get("/smk/sekolah").status_code == 200
    page = officer.get(f"/disnaker/sekolah/{school_id}").get_data(as_text=True)
    assert f"/disnaker/akun/{staff_id}/nonaktifkan" in page
    assert _deactivate(officer, staff_id, reason="Pindah sekolah").status_code == 302
    assert bkk.get("/smk/sekolah").status_code == 302
    assert "(nonaktif)" in officer.get(f"/disnaker/sekolah/{school_id}").get_data(as_text=True)
