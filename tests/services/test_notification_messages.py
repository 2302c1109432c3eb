"""A notification made of a lazy message with parameters and a Link is stored as key + parameters + endpoint, reads
in the reader's language (Indonesian by default, English in an English request) and its e-mail carries the absolute
link (PUBLIC_BASE_URL + the endpoint's path). Needs the compiled catalogue (pybabel compile -d
jobfair/translations), as the app does."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.messages import Link
from jobfair.models import Notification, OutboxEmail
from jobfair.services import notifications
from tests import factories
from tests.conftest import login

KEY = "Lowongan '%(title)s' ditayangkan."  # translated in jobfair/translations/en/LC_MESSAGES/messages.po
LINK = Link("public.erasure_request_status", {"request_id": 5})


def _notify(db, user):
    notification = notifications.notify(user, _l(KEY, title="Operator Forklift"), link=LINK)
    db.session.commit()
    return db.session.get(Notification, notification.id)


def test_stored_as_key_params_and_endpoint(db):
    user = factories.make_company_user()
    stored = _notify(db, user)
    assert stored.message_key == KEY
    assert stored.message_params == {"title": "Operator Forklift"}
    assert stored.link_endpoint == "public.erasure_request_status"
    assert stored.link_params == {"request_id": 5}
    assert stored.link is None
    assert stored.message == "Lowongan 'Operator Forklift' ditayangkan."


def test_reads_in_indonesian_by_default_and_in_english_when_asked(app, db):
    stored = _notify(db, factories.make_company_user())
    with app.test_request_context("/"):
        assert notifications.text_of(stored) == "Lowongan 'Operator Forklift' ditayangkan."
        with force_locale("en"):
            assert notifications.text_of(stored) == "Vacancy 'Operator Forklift' published."
        assert notifications.path_of(stored) == "/data-saya/penghapusan/5"


def test_notifications_page_reads_in_indonesian_by_default(app, db, client):
    user = factories.make_company_user()
    email = user.email
    _notify(db, user)
    login(client, email)
    page = client.get("/pemberitahuan").get_data(as_text=True)
    assert "Lowongan &#39;Operator Forklift&#39; ditayangkan." in page
    assert "published" not in page


def test_email_holds_the_indonesian_text_and_the_absolute_link(app, db):
    user = factories.make_company_user()
    _notify(db, user)
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == user.email))
    url = app.config["PUBLIC_BASE_URL"].rstrip("/") + "/data-saya/penghapusan/5"
    assert url.startswith("https://kerja.balikpapan.test/")
    assert f"Buka: {url}" in email.body
    assert "Lowongan 'Operator Forklift' ditayangkan." in email.body
    assert email.subject.endswith("Lowongan 'Operator Forklift' ditayangkan.")
