"""The erasure pages: a resident asks (explanation, confirmation), the officer reviews and decides."""

from datetime import UTC, datetime

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import DataSubjectRequest, Person, User
from tests import factories
from tests.conftest import csrf_token, login

PAGE = "/data-saya/penghapusan"


def _seeker_client(app):
    with app.app_context():
        user = factories.make_seeker()
        email, user_id = user.email, user.id
    client = app.test_client()
    login(client, email)
    return client, user_id


def _ask(client, **data):
    return client.post(PAGE, data={"csrf_token": csrf_token(client, PAGE), **data})


def _request_id(app, user_id) -> int:
    with app.app_context():
        return db.session.scalar(select(DataSubjectRequest.id).where(DataSubjectRequest.requested_by_id == user_id))


def test_the_page_explains_and_asks_for_confirmation(app):
    client, user_id = _seeker_client(app)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Yang dihapus" in page and "Yang tetap disimpan" in page and "72 jam" in page
    refused = _ask(client, note="Saya pindah ke luar kota")
    assert refused.status_code == 422
    assert "Centang kotak ini" in refused.get_data(as_text=True)
    assert "Saya pindah ke luar kota" in refused.get_data(as_text=True)  # what was typed is kept
    assert _request_id(app, user_id) is None
    sent = _ask(client, note="<b>pindah</b>", confirm="y")
    assert sent.status_code == 302
    status = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Menunggu keputusan" in status and "&lt;b&gt;pindah&lt;/b&gt;" in status
    again = client.get(PAGE).get_data(as_text=True)
    assert "sedang diperiksa" in again and 'name="confirm"' not in again


def test_a_request_of_another_person_answers_404(app):
    owner, owner_id = _seeker_client(app)
    _ask(owner, confirm="y")
    other, _ = _seeker_client(app)
    assert other.get(f"{PAGE}/{_request_id(app, owner_id)}").status_code == 404


def test_a_student_can_ask_too(app):
    with app.app_context():
        student = factories.appr_student()
        email = student.user.email
    client = app.test_client()
    login(client, email)
    assert client.get(PAGE).status_code == 200
    assert _ask(client, confirm="y").status_code == 302


def test_the_officer_approves_and_the_login_is_closed(app, officer_client):
    seeker, user_id = _seeker_client(app)
    _ask(seeker, confirm="y")
    request_id = _request_id(app, user_id)
    dashboard = officer_client.get("/disnaker/").get_data(as_text=True)
    assert "Permintaan penghapusan data (UU PDP)" in dashboard and "Batas waktu terdekat" in dashboard
    queue = officer_client.get("/disnaker/permintaan-data").get_data(as_text=True)
    assert f"/disnaker/permintaan-data/{request_id}" in queue
    review_path = f"/disnaker/permintaan-data/{request_id}"
    review = officer_client.get(review_path).get_data(as_text=True)
    assert "Yang wajib disimpan" in review and "Setujui dan hapus data" in review
    token = csrf_token(officer_client, review_path)
    unconfirmed = officer_client.post(f"{review_path}/setujui", data={"csrf_token": token})
    assert unconfirmed.status_code == 422 and "Centang kotak ini" in unconfirmed.get_data(as_text=True)
    approved = officer_client.post(f"{review_path}/setujui", data={"csrf_token": token, "confirm": "y"})
    assert approved.status_code == 302
    with app.app_context():
        user = db.session.get(User, user_id)
        assert not user.active and db.session.get(Person, user.person_id).full_name.startswith("Dihapus #")
    assert "/akun/masuk" in seeker.get("/pencari-kerja/").headers.get("Location", "")


def test_a_running_apprenticeship_leaves_only_the_refusal(app, officer_client):
    with app.app_context():
        student = factories.appr_student()
        factories.make_apprenticeship(student=student, status="active", legalised_at=datetime.now(UTC))
        email, user_id = student.user.email, student.user.id
    client = app.test_client()
    login(client, email)
    assert "Yang masih berjalan" in client.get(PAGE).get_data(as_text=True)
    _ask(client, confirm="y")
    review_path = f"/disnaker/permintaan-data/{_request_id(app, user_id)}"
    review = officer_client.get(review_path).get_data(as_text=True)
    assert "Belum dapat dihapus" in review and "Setujui dan hapus data" not in review
    token = csrf_token(officer_client, review_path)
    assert officer_client.post(f"{review_path}/setujui",
                               data={"csrf_token": token, "confirm": "y"}).status_code == 409
    empty = officer_client.post(f"{review_path}/tolak", data={"csrf_token": token, "reason": ""})
    assert empty.status_code == 422
    refused = officer_client.post(f"{review_path}/tolak", data={
        "csrf_token": token, "reason": "Pemagangan Anda masih berjalan sampai Mei; ajukan lagi setelahnya."})
    assert refused.status_code == 302
    status = client.get(f"{PAGE}/{_request_id(app, user_id)}").get_data(as_text=True)
    assert "Ditolak" in status and "masih berjalan sampai Mei" in status


def test_residents_cannot_open_the_office_queue(app, seeker_client, company_client):
    for client in (seeker_client, company_client):
        assert client.get("/disnaker/permintaan-data").status_code == 403
    assert company_client.get(PAGE).status_code == 403
