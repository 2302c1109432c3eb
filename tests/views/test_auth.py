"""Registration, login, logout, lockout and password change through the real pages."""

from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import AuditEvent, Company, Person, User
from tests import factories
from tests.conftest import csrf_token, login

SEEKER_FORM = {
    "nik": "6471015505950003", "full_name": "Siti Aminah", "sex": "P", "birth_date": "1995-05-15",
    "email": "siti@example.id", "phone": "081234567890", "password": "Kerja-Balikpapan-2025",
    "password_confirm": "Kerja-Balikpapan-2025", "consent_placement": "y", "consent_cv_sharing": "y",
}
COMPANY_FORM = {
    "company_name": "PT Pelabuhan Semayang", "nib": "8120000000001", "kecamatan_code": "647102",
    "address": "Jl. Yos Sudarso No. 5", "contact_name": "Rina HR", "phone": "081298765432",
    "email": "hr@semayang.example.id", "password": "Semayang-Hire-2025", "password_confirm": "Semayang-Hire-2025",
}
SEEKER_PAGE = "/akun/daftar/pencari-kerja"
COMPANY_PAGE = "/akun/daftar/perusahaan"


def _post(client, path, data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_seeker_registers_and_lands_on_the_dashboard(app, client):
    response = _post(client, SEEKER_PAGE, SEEKER_FORM)
    assert response.status_code == 302 and response.headers["Location"].endswith("/dasbor")
    page = client.get("/pencari-kerja/").get_data(as_text=True)
    assert "6471••••••••0003" in page
    assert SEEKER_FORM["nik"] not in page
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "siti@example.id"))
        assert user.role == "seeker" and user.person.sex == "P" and user.person.birth_date == date(1995, 5, 15)


def test_the_nik_is_not_stored_in_clear_text(app, client):
    _post(client, SEEKER_PAGE, SEEKER_FORM)
    with app.app_context():
        person = db.session.scalar(select(Person))
        row_text = " ".join(str(v) for v in (person.nik_encrypted, person.nik_hmac, person.nik_last4,
                                                person.nik_region))
        assert SEEKER_FORM["nik"] not in row_text
        with db.engine.connect() as conn:  # every column of every table, as stored
            for table in db.metadata.sorted_tables:
                for row in conn.execute(table.select()):
                    assert SEEKER_FORM["nik"] not in " ".join(map(str, row)), table.name


def test_birth_date_or_sex_that_disagrees_with_the_nik_is_refused_beside_the_field(app, client):
    """It used to be only a warning after the account existed."""
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "birth_date": "1995-05-16"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    message = ("Tanggal lahir tidak cocok dengan NIK (NIK menunjukkan 15-05-1995). Periksa kembali NIK atau "
               "tanggal lahir Anda.")
    assert message in page
    assert page.index('name="birth_date"') < page.index(message) < page.index('name="email"')
    assert 'value="Siti Aminah"' in page  # what was typed is kept
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "sex": "L"})
    assert response.status_code == 422
    assert "Jenis kelamin tidak cocok dengan NIK (NIK menunjukkan perempuan)." in response.get_data(as_text=True)
    assert _count(app, User) == 0 and _count(app, Person) == 0


@pytest.mark.parametrize("nik, words", [
    ("647101550595000", "16"),            # 15 digits
    ("64710155059500031", "16"),          # 17 digits
    ("64710155059500AB", "angka"),        # letters
    ("6471013205950003", "tanggal"),      # day 32
    ("6471011513950003", "bulan"),        # month 13
    ("6471015505950000", "urut"),         # serial 0000
    ("9971015505950003", "provinsi"),     # unknown province
    ("6499015505950003", "kabupaten"),    # unknown regency
])
def test_invalid_nik_is_explained_and_nothing_is_created(app, client, nik, words):
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "nik": nik})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="error" id="nik-error"' in page
    error = page.split('id="nik-error">', 1)[1].split("</p>", 1)[0]
    assert words.lower() in error.lower(), error
    assert 'value="Siti Aminah"' in page  # what the user typed is kept
    assert _count(app, User) == 0 and _count(app, Person) == 0


def test_duplicate_nik_and_email_are_refused(app, client):
    with app.app_context():
        factories.make_seeker(nik=SEEKER_FORM["nik"], email="first@example.id", sex="P",
                              birth_date=date(1995, 5, 15))
    page = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "email": "first@example.id"}).get_data(as_text=True)
    assert "NIK ini sudah terdaftar" in page
    assert "E-mail ini sudah terdaftar" in page
    assert _count(app, User) == 1 and _count(app, Person) == 1


@pytest.mark.parametrize("password, words", [
    ("pendek1", "minimal 10"), ("abcdefghijkl", "huruf dan angka"), ("password123", "terlalu umum"),
])
def test_weak_password_is_refused(app, client, password, words):
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "password": password, "password_confirm": password})
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert _count(app, User) == 0


def test_post_without_csrf_token_is_refused(app, client):
    response = client.post(SEEKER_PAGE, data=SEEKER_FORM)
    assert response.status_code == 400
    assert "Muat ulang halaman" in response.get_data(as_text=True)
    assert _count(app, User) == 0


def test_company_registers_and_awaits_verification(app, client):
    response = _post(client, COMPANY_PAGE, COMPANY_FORM)
    assert response.status_code == 302
    page = client.get("/perusahaan/").get_data(as_text=True)
    assert "Menunggu verifikasi" in page
    with app.app_context():
        company = db.session.scalar(select(Company))
        assert company.status == "awaiting_verification" and company.users[0].role == "company"
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"company.registered", "account.created"} <= actions


@pytest.mark.parametrize("field, value, words", [
    ("nib", "12345", "13 angka"), ("kecamatan_code", "999999", "kecamatan"), ("phone", "12345", "08"),
    ("email", "bukan-email", "e-mail"),
])
def test_company_bad_input_is_explained(app, client, field, value, words):
    response = _post(client, COMPANY_PAGE, {**COMPANY_FORM, field: value})
    assert response.status_code == 422
    assert words.lower() in response.get_data(as_text=True).lower()
    assert _count(app, Company) == 0


def test_a_role_field_in_a_registration_post_is_ignored(app, client):
    _post(client, SEEKER_PAGE, {**SEEKER_FORM, "role": "admin"})
    with app.app_context():
        assert db.session.scalar(select(User.role)) == "seeker"


def test_login_logout_and_audit(app, client):
    with app.app_context():
        email = factories.make_user("officer").email
    response = login(client, email)
    assert response.status_code == 302
    assert client.get("/disnaker/").status_code == 200
    response = client.post("/akun/keluar", data={"csrf_token": csrf_token(client, "/disnaker/")})
    assert response.status_code == 302
    assert client.get("/disnaker/").status_code == 302  # back to the login page
    with app.app_context():
        assert "login.succeeded" in set(db.session.scalars(select(AuditEvent.action)))


def test_logout_by_get_is_not_allowed(app, officer_client):
    assert officer_client.get("/akun/keluar").status_code == 405
    assert officer_client.get("/disnaker/").status_code == 200


def test_wrong_password_is_counted_and_locks_the_account(app, client):
    with app.app_context():
        email = factories.make_user("seeker").email
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit):
        page = login(client, email, "Salah-Sekali-123").get_data(as_text=True)
    assert "dikunci sementara" in page
    # Even the right password is refused while locked.
    response = login(client, email)
    assert response.status_code == 422 and "dikunci sementara" in response.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        assert user.locked_until is not None
        assert "login.locked" in set(db.session.scalars(select(AuditEvent.action)))


def _error_summary(page: str) -> str:
    start = page.index('<div class="error-summary"')
    return page[start:page.index("</div>", start)]


def test_a_locked_account_answers_like_an_unknown_one(app, client):
    with app.app_context():
        email = factories.make_user("seeker").email
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, email, "Salah-Sekali-123")
    locked = login(client, email)  # even the right password
    unknown = login(client, "tidak-ada@example.id", factories.PASSWORD)
    assert locked.status_code == unknown.status_code == 422
    assert _error_summary(locked.get_data(as_text=True)) == _error_summary(unknown.get_data(as_text=True))
    assert "WITA" not in locked.get_data(as_text=True)  # no lock time for a stranger to read


def test_unknown_account_gets_the_same_message_as_a_wrong_password(app, client):
    with app.app_context():
        email = factories.make_user("seeker").email
    unknown = login(client, "tidak-ada@example.id", "Salah-Sekali-123").get_data(as_text=True)
    wrong = login(client, email, "Salah-Sekali-123").get_data(as_text=True)
    message = "E-mail atau kata sandi salah"
    assert message in unknown and message in wrong


def test_password_change_ends_other_sessions(app, login_as):
    with app.app_context():
        user = factories.make_user("seeker")
        email = user.email
    first, second = app.test_client(), app.test_client()
    login(first, email)
    login(second, email)
    response = first.post("/akun/kata-sandi", data={
        "current_password": factories.PASSWORD, "new_password": "Baru-Sekali-2026",
        "new_password_confirm": "Baru-Sekali-2026", "csrf_token": csrf_token(first, "/akun/kata-sandi")})
    assert response.status_code == 302
    assert first.get("/pencari-kerja/").status_code == 200
    assert second.get("/pencari-kerja/").status_code == 302  # the other session has ended
    assert login(app.test_client(), email, "Baru-Sekali-2026").status_code == 302


def test_password_change_with_wrong_current_password(app, seeker_client):
    response = seeker_client.post("/akun/kata-sandi", data={
        "current_password": "bukan-ini-123", "new_password": "Baru-Sekali-2026",
        "new_password_confirm": "Baru-Sekali-2026", "csrf_token": csrf_token(seeker_client, "/akun/kata-sandi")})
    assert response.status_code == 422
    assert "Kata sandi lama salah" in response.get_data(as_text=True)


def test_logged_in_user_is_sent_from_registration_to_the_dashboard(seeker_client):
    response = seeker_client.get(SEEKER_PAGE)
    assert response.status_code == 302 and response.headers["Location"].endswith("/dasbor")


def test_builtin_field_errors_are_indonesian(app, client):
    response = _post(client, SEEKER_PAGE, {**SEEKER_FORM, "birth_date": "kemarin", "full_name": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tanggal tidak valid" in page and "Kolom ini wajib diisi." in page
    assert "Not a valid" not in page and "This field is required" not in page
