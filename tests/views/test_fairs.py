"""Job fair pages: public list and page, seeker pre-registration and ticket with QR, company booth and vacancies,
office desk (check-in, walk-in), placement report with downloads."""

from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import FairBooth, FairRegistration, JobFair, User, Vacancy
from jobfair.services.hiring import fairs
from tests import factories
from tests.conftest import csrf_token, login

START = date.today() + timedelta(days=10)


def _fair(app, **overrides):
    with app.app_context():
        return factories.make_fair(**overrides).id


def _client_for(app, user_factory):
    with app.app_context():
        user = user_factory()
        email, user_id = user.email, user.id
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, user_id


def test_public_list_and_page_escape_html_in_the_name(app, client):
    fair_id = _fair(app, name='<script>alert("x")</script> Job Fair')
    for path in ("/bursa-kerja", f"/bursa-kerja/{fair_id}"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert client.get("/bursa-kerja/999").status_code == 404


def test_public_page_shows_companies_vacancies_and_figures(app, client):
    fair_id = _fair(app)
    with app.app_context():
        company = factories.fair_verified_company(company_name="PT Kilang Balikpapan")
        fairs.take_booth(company, fair_id)
        fair = db.session.get(JobFair, fair_id)
        factories.fair_vacancy(company, fair=fair, title="Juru Las", openings=7)
        factories.fair_vacancy(company, fair=fair, title="Rahasia Draf", openings=5, status="draft")
    page = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert "PT Kilang Balikpapan" in page and "Juru Las" in page and "Rahasia Draf" not in page
    assert "Formasi (potensi penyerapan)" in page and ">7<" in page


def test_seeker_pre_registers_with_confirmation_and_gets_a_ticket_with_qr(app):
    fair_id = _fair(app)
    client, _ = _client_for(app, factories.make_seeker)
    path = f"/pencari-kerja/bursa-kerja/{fair_id}/daftar"
    response = client.post(path, data={"csrf_token": csrf_token(client, path)})
    assert response.status_code == 422 and "Centang konfirmasi" in response.get_data(as_text=True)
    response = client.post(path, data={"csrf_token": csrf_token(client, path), "confirm": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/tiket")
    with app.app_context():
        code = db.session.scalar(select(FairRegistration.ticket_code))
    page = client.get(f"/pencari-kerja/bursa-kerja/{fair_id}/tiket").get_data(as_text=True)
    assert code in page and f"/pencari-kerja/bursa-kerja/{fair_id}/tiket/qr.svg" in page and "<svg" not in page
    qr = client.get(f"/pencari-kerja/bursa-kerja/{fair_id}/tiket/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    # registering again lands on the ticket, nothing new is created
    assert client.get(path).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(FairRegistration.id))) == 1


def test_full_fair_is_refused_with_a_message(app):
    fair_id = _fair(app, capacity=0)
    client, _ = _client_for(app, factories.make_seeker)
    path = f"/pencari-kerja/bursa-kerja/{fair_id}/daftar"
    response = client.post(path, data={"csrf_token": csrf_token(client, path), "confirm": "y"})
    assert response.status_code == 409 and "penuh" in response.get_data(as_text=True)


def test_another_seekers_ticket_is_not_reachable(app):
    fair_id = _fair(app)
    with app.app_context():
        fairs.pre_register(factories.make_seeker(), fair_id)
    client, _ = _client_for(app, factories.make_seeker)
    assert client.get(f"/pencari-kerja/bursa-kerja/{fair_id}/tiket").status_code == 404
    assert client.get(f"/pencari-kerja/bursa-kerja/{fair_id}/tiket/qr.svg").status_code == 404


def test_company_takes_a_booth_and_attaches_only_its_own_vacancy(app):
    fair_id = _fair(app, booth_count=1)
    client, user_id = _client_for(app, factories.fair_verified_company)
    with app.app_context():
        own = factories.fair_vacancy(db.session.get(User, user_id), title="Kasir").id
        foreign = factories.fair_vacancy(factories.fair_verified_company(), title="Milik Lain").id
    page_path = f"/perusahaan/bursa-kerja/{fair_id}"
    token = csrf_token(client, page_path)
    assert client.post(f"{page_path}/stan", data={"csrf_token": token}).status_code == 422
    assert client.post(f"{page_path}/stan", data={"csrf_token": token, "confirm": "y"}).status_code == 302
    assert client.post(f"{page_path}/lowongan/{own}/pasang", data={"csrf_token": token}).status_code == 302
    assert client.post(f"{page_path}/lowongan/{foreign}/pasang", data={"csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.get(Vacancy, own).job_fair_id == fair_id
        assert db.session.get(Vacancy, foreign).job_fair_id is None
        assert db.session.scalar(select(FairBooth.booth_number)) == 1
    assert "Stan nomor 1" in client.get(page_path).get_data(as_text=True)
    assert client.post(f"{page_path}/lowongan/{own}/lepas", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(Vacancy, own).job_fair_id is None


def test_unverified_company_cannot_take_a_booth(app):
    fair_id = _fair(app)
    client, _ = _client_for(app, factories.make_company_user)
    page_path = f"/perusahaan/bursa-kerja/{fair_id}"
    page = client.get(page_path).get_data(as_text=True)
    assert "belum diverifikasi" in page
    response = client.post(f"{page_path}/stan", data={"csrf_token": csrf_token(client, page_path), "confirm": "y"})
    assert response.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count(FairBooth.id))) == 0


def test_full_booths_are_refused(app):
    fair_id = _fair(app, booth_count=1)
    with app.app_context():
        fairs.take_booth(factories.fair_verified_company(), fair_id)
    client, _ = _client_for(app, factories.fair_verified_company)
    page_path = f"/perusahaan/bursa-kerja/{fair_id}"
    response = client.post(f"{page_path}/stan", data={"csrf_token": csrf_token(client, page_path), "confirm": "y"})
    assert response.status_code == 409 and "sudah terisi" in response.get_data(as_text=True)


def test_officer_creates_a_fair_with_errors_beside_fields(officer_client, app):
    path = "/disnaker/bursa-kerja/baru"
    data = {"name": "Job Fair Agustus", "starts_on": START.isoformat(),
            "ends_on": (START - timedelta(days=1)).isoformat(), "venue": "BSCC Dome", "booth_count": "120",
            "capacity": "3000"}
    response = officer_client.post(path, data={**data, "csrf_token": csrf_token(officer_client, path)})
    assert response.status_code == 422 and "tidak boleh sebelum tanggal mulai" in response.get_data(as_text=True)
    data["ends_on"] = (START + timedelta(days=1)).isoformat()
    response = officer_client.post(path, data={**data, "csrf_token": csrf_token(officer_client, path)})
    assert response.status_code == 302
    with app.app_context():
        fair = db.session.scalar(select(JobFair))
        assert (fair.name, fair.booth_count, fair.capacity) == ("Job Fair Agustus", 120, 3000)
    edit = f"/disnaker/bursa-kerja/{fair.id}/ubah"
    response = officer_client.post(edit, data={**data, "venue": "Dome Balikpapan",
                                               "csrf_token": csrf_token(officer_client, edit)})
    assert response.status_code == 302


def test_desk_checks_in_by_code_and_registers_walk_ins(officer_client, app):
    fair_id = _fair(app)
    with app.app_context():
        code = fairs.pre_register(factories.make_seeker(full_name="Rina Lestari"), fair_id).ticket_code
    desk = f"/disnaker/bursa-kerja/{fair_id}/meja"
    token = csrf_token(officer_client, desk)
    response = officer_client.post(desk, data={"csrf_token": token, "code": "QQQQ2222"})
    assert response.status_code == 422 and "Kode tiket tidak dikenal" in response.get_data(as_text=True)
    response = officer_client.post(desk, data={"csrf_token": token, "code": code.lower()})
    assert response.status_code == 200 and "Berhasil check-in" in response.get_data(as_text=True)
    response = officer_client.post(desk, data={"csrf_token": token, "code": code})
    assert response.status_code == 409 and "sudah check-in pada" in response.get_data(as_text=True)
    response = officer_client.post(f"/disnaker/bursa-kerja/{fair_id}/walk-in",
                                   data={"csrf_token": token, "name": "<b>Budi</b>", "phone": "081234567890"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "&lt;b&gt;Budi&lt;/b&gt;" in page and "<b>Budi</b>" not in page
    assert "Rina Lestari" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(FairRegistration.checked_in_at))) == 2


def test_report_page_and_downloads(officer_client, app):
    fair_id = _fair(app)
    with app.app_context():
        company = factories.fair_verified_company()
        fairs.take_booth(company, fair_id)
        vacancy = factories.fair_vacancy(company, fair=db.session.get(JobFair, fair_id), openings=4)
        factories.fair_application(vacancy, factories.make_seeker(), status="hired", placement="verified")
    page = officer_client.get(f"/disnaker/laporan/penempatan?bursa={fair_id}").get_data(as_text=True)
    assert "Per kecamatan" in page and "25,0 %" in page
    csv_response = officer_client.get(f"/disnaker/laporan/penempatan.csv?bursa={fair_id}")
    assert csv_response.mimetype == "text/csv" and "attachment" in csv_response.headers["Content-Disposition"]
    assert "Jumlah,1,4,1,1,1,25.0" in csv_response.get_data(as_text=True)
    xlsx = officer_client.get("/disnaker/laporan/penempatan.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_report_is_for_the_office_only(company_client, seeker_client):
    for client in (company_client, seeker_client):
        assert client.get("/disnaker/laporan/penempatan").status_code == 403
        assert client.get("/disnaker/laporan/penempatan.csv").status_code == 403


def test_fair_page_paginates_vacancies(app, client):
    fair_id = _fair(app)
    with app.app_context():
        company = factories.fair_verified_company()
        fair = db.session.get(JobFair, fair_id)
        for n in range(31):
            factories.fair_vacancy(company, fair=fair, title=f"Jabatan {n:02d}", openings=1)
    first = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "Jabatan 00" in first and "Jabatan 30" not in first
    second = client.get(f"/bursa-kerja/{fair_id}?page=2").get_data(as_text=True)
    assert "Jabatan 30" in second


# --- a fair that is over offers no form that could only fail ---------------------------------------------------

PAST = date.today() - timedelta(days=30)


def _finished_fair(app) -> int:
    return _fair(app, name="Job Fair Juli 2025", starts_on=PAST, ends_on=PAST + timedelta(days=1))


def test_a_finished_fair_offers_no_registration_and_says_it_is_over(app, client):
    fair_id = _finished_fair(app)
    seeker, _ = _client_for(app, factories.make_seeker)
    for visitor in (client, seeker):
        page = visitor.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
        assert "Daftar gratis" not in page and f"/pencari-kerja/bursa-kerja/{fair_id}/daftar" not in page
        assert "Bursa kerja ini sudah selesai pada" in page
        assert "Laporan bursa kerja" in page and "Formasi (potensi penyerapan)" in page  # the figures stay public


def test_the_registration_page_of_a_finished_fair_shows_no_form(app):
    fair_id = _finished_fair(app)
    seeker, _ = _client_for(app, factories.make_seeker)
    response = seeker.get(f"/pencari-kerja/bursa-kerja/{fair_id}/daftar")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Bursa kerja ini sudah selesai pada" in page
    assert "Daftar dan ambil tiket" not in page and 'name="confirm"' not in page
    # a POST made anyway (an old tab) is still refused by the service
    path = f"/pencari-kerja/bursa-kerja/{fair_id}/daftar"
    token = csrf_token(seeker, f"/bursa-kerja/{fair_id}")
    assert seeker.post(path, data={"csrf_token": token, "confirm": "y"}).status_code == 409


def test_a_company_is_not_offered_a_booth_at_a_finished_fair(app):
    fair_id = _finished_fair(app)
    company, _ = _client_for(app, factories.fair_verified_company)
    page = company.get(f"/perusahaan/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert "Bursa kerja ini sudah selesai pada" in page
    assert "Ambil stan" not in page and f"/perusahaan/bursa-kerja/{fair_id}/stan" not in page


def test_a_coming_fair_still_offers_registration(app, client):
    fair_id = _fair(app)
    page = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert "Daftar gratis" in page and "sudah selesai" not in page
