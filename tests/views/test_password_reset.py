"""Password reset through the pages: the link on the login page, the same answer whether or not the address
exists, the link from a real SMTP message, refused links, and links built from PUBLIC_BASE_URL (not Host)."""

import re
from email import message_from_string
from email.policy import default as default_policy

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import OutboxEmail
from jobfair.services import mailer
from tests import factories
from tests.conftest import CSRF_RE, csrf_token, login
from tests.services.test_mailer import smtp_server  # noqa: F401  (the real aiosmtpd server fixture)

FORGOT = "/akun/lupa-kata-sandi"
NEW_PASSWORD = "Sandi-Baru-Bpn-2026"
LINK_RE = re.compile(r"(https?://\S+/akun/atur-ulang-kata-sandi/[A-Za-z0-9_\-]+)")


def _ask(client, email):
    return client.post(FORGOT, data={"email": email, "csrf_token": csrf_token(client, FORGOT)})


def _user(app, role="seeker"):
    with app.app_context():
        return factories.make_user(role).email


def _outbox_link(app) -> str:
    with app.app_context():
        return LINK_RE.search(db.session.scalar(select(OutboxEmail.body))).group(1)


def _without_tokens(html: str) -> str:
    return CSRF_RE.sub("", html)


def test_the_login_page_links_to_the_forgotten_password_form(client):
    page = client.get("/akun/masuk").get_data(as_text=True)
    assert 'href="/akun/lupa-kata-sandi"' in page and "Lupa kata sandi?" in page


def test_known_and_unknown_addresses_get_the_same_answer(app):
    email = _user(app)
    known, unknown = app.test_client(), app.test_client()
    answers = [_ask(known, email), _ask(unknown, "tidak-ada@example.id")]
    assert {a.status_code for a in answers} == {302}
    assert {a.headers["Location"] for a in answers} == {"/akun/lupa-kata-sandi/terkirim"}
    pages = [_without_tokens(c.get("/akun/lupa-kata-sandi/terkirim").get_data(as_text=True)) for c in (known, unknown)]
    assert pages[0] == pages[1] and "Periksa e-mail Anda" in pages[0]
    with app.app_context():
        assert [m.recipient for m in db.session.scalars(select(OutboxEmail))] == [email]


def test_the_link_in_the_real_smtp_message_resets_the_password(app, client, smtp_server):  # noqa: F811
    email = _user(app)
    _ask(client, email)
    with app.app_context():
        assert mailer.send_outbox() == (1, 0)
        assert db.session.scalar(select(OutboxEmail.body)) == mailer.SENT_SENSITIVE_BODY  # the link is not kept
    (_sender, recipients, content), = smtp_server.messages
    assert recipients == [email]
    message = message_from_string(content, policy=default_policy)  # as a mail program reads it (MIME decoded)
    assert message["Subject"] == "[Disnaker Balikpapan] Atur ulang kata sandi"
    link = LINK_RE.search(message.get_content()).group(1)
    assert link.startswith("https://kerja.balikpapan.test/akun/atur-ulang-kata-sandi/")
    path = link.removeprefix(app.config["PUBLIC_BASE_URL"])
    form = client.get(path)
    assert form.status_code == 200 and email in form.get_data(as_text=True)
    assert form.headers["Referrer-Policy"] == "no-referrer"
    token = CSRF_RE.search(form.get_data(as_text=True)).group(1)
    done = client.post(path, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, "csrf_token": token})
    assert done.status_code == 302 and done.headers["Location"].endswith("/akun/masuk")
    assert login(app.test_client(), email, NEW_PASSWORD).status_code == 302
    assert login(app.test_client(), email).status_code == 422  # the old password no longer works
    again = client.get(path)  # single use
    assert again.status_code == 404 and "Tautan tidak berlaku" in again.get_data(as_text=True)


def test_the_link_comes_from_the_configured_address_not_the_host_header(app, client):
    email = _user(app)
    client.environ_base["HTTP_HOST"] = "evil.example"  # every request of this browser names that host
    assert _ask(client, email).status_code == 302
    link = _outbox_link(app)
    assert link.startswith(app.config["PUBLIC_BASE_URL"] + "/") and "evil.example" not in link


def test_a_reset_ends_the_sessions_of_the_account(app):
    email = _user(app)
    logged_in = app.test_client()
    login(logged_in, email)
    assert logged_in.get("/pencari-kerja/").status_code == 200
    resetter = app.test_client()
    _ask(resetter, email)
    path = _outbox_link(app).removeprefix(app.config["PUBLIC_BASE_URL"])
    resetter.post(path, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD,
                              "csrf_token": csrf_token(resetter, path)})
    after = logged_in.get("/pencari-kerja/")
    assert after.status_code == 302 and "/akun/masuk" in after.headers["Location"]


def test_made_up_and_mismatched_submissions_are_refused_in_indonesian(app, client):
    email = _user(app)
    made_up = client.get("/akun/atur-ulang-kata-sandi/bukan-token-yang-asli")
    assert made_up.status_code == 404 and "Minta tautan baru" in made_up.get_data(as_text=True)
    _ask(client, email)
    path = _outbox_link(app).removeprefix(app.config["PUBLIC_BASE_URL"])
    mismatched = client.post(path, data={"password": NEW_PASSWORD, "password_confirm": "Lain-Sekali-2026",
                                         "csrf_token": csrf_token(client, path)})
    assert mismatched.status_code == 422 and "Kedua kata sandi tidak sama" in mismatched.get_data(as_text=True)
    assert client.get(path).status_code == 200  # the link still works after a refused attempt
    assert login(app.test_client(), email).status_code == 302


def test_office_staff_still_need_their_second_factor_after_a_reset(app, client):
    email = _user(app, "officer")
    _ask(client, email)
    path = _outbox_link(app).removeprefix(app.config["PUBLIC_BASE_URL"])
    client.post(path, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD,
                            "csrf_token": csrf_token(client, path)})
    response = client.post("/akun/masuk", data={"email": email, "password": NEW_PASSWORD,
                                                "csrf_token": csrf_token(client)})
    assert "/akun/verifikasi-dua-langkah" in response.headers["Location"]
    assert client.get("/disnaker/").status_code == 302
