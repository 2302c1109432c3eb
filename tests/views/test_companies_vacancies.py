"""Company profile and vacancy pages, and the office's verification and moderation desks."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Company, Vacancy
from tests import factories
from tests.conftest import csrf_token, login

TODAY = date.today()
NEW = "/perusahaan/lowongan/baru"
FORM = {"title": "Juru Las", "kbji_code": "721201", "description": "Pengelasan pipa.", "openings": "4",
        "valid_from": TODAY.isoformat(), "valid_until": (TODAY + timedelta(days=20)).isoformat(),
        "education_min": "SMA", "majors": "Teknik Pengelasan", "skills": "las listrik", "experience_years": "0",
        "age_min": "18", "age_max": "35", "sex_required": "", "wage_min": "3.701.508", "wage_max": "4500000",
        "kecamatan_code": "647102", "employment_type": "contract", "job_fair_id": ""}


def _client_for(app, make=None, *, email=None):
    if email is None:
        with app.app_context():
            email = make().email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


@pytest.fixture
def verified_client(app):
    return _client_for(app, factories.verified_company_user)


def _post(client, path, data, token_page=None):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_page or path)})


def _vacancies(app):
    with app.app_context():
        return db.session.scalars(select(Vacancy).order_by(Vacancy.id)).all()


def test_company_creates_submits_and_officer_publishes(app, verified_client, officer_client):
    response = _post(verified_client, NEW, FORM)
    assert response.status_code == 302
    [vacancy] = _vacancies(app)
    assert vacancy.wage_min == 3_701_508 and vacancy.status == "draft"
    detail = f"/perusahaan/lowongan/{vacancy.id}"
    page = verified_client.get(detail).get_data(as_text=True)
    assert "Rp3.701.508" in page and "Juru Las" in page
    assert _post(verified_client, detail + "/ajukan", {}, detail).status_code == 302
    queue = officer_client.get("/disnaker/lowongan").get_data(as_text=True)
    assert "Juru Las" in queue
    review = f"/disnaker/lowongan/{vacancy.id}"
    assert _post(officer_client, review + "/tayangkan", {}, review).status_code == 302
    assert _vacancies(app)[0].status == "published"


def test_bad_vacancy_input_is_explained_beside_the_field(app, verified_client):
    data = {**FORM, "wage_min": "6000000", "wage_max": "5000000",
            "valid_from": (TODAY + timedelta(days=9)).isoformat(),
            "valid_until": (TODAY + timedelta(days=3)).isoformat()}
    response = _post(verified_client, NEW, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Upah maksimum tidak boleh lebih kecil" in page
    assert "tidak boleh sebelum tanggal mulai" in page
    assert 'value="Juru Las"' in page  # what was typed is kept
    response = _post(verified_client, NEW, {**FORM, "openings": "empat", "valid_until": "31-02-2025"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tulis angka bulat" in page and "Tanggal tidak valid" in page
    assert _vacancies(app) == []


def test_unverified_company_cannot_submit_and_is_told_why(app, company_client):
    _post(company_client, NEW, FORM)
    [vacancy] = _vacancies(app)
    detail = f"/perusahaan/lowongan/{vacancy.id}"
    response = _post(company_client, detail + "/ajukan", {}, detail)
    assert response.status_code == 302
    page = company_client.get(detail).get_data(as_text=True)
    assert "belum diverifikasi" in page
    assert _vacancies(app)[0].status == "draft"


def test_another_companys_vacancy_is_404(app, verified_client):
    with app.app_context():
        vacancy_id = factories.make_vacancy(factories.verified_company_user(), publish=False).id
    base = f"/perusahaan/lowongan/{vacancy_id}"
    assert verified_client.get(base).status_code == 404
    assert verified_client.get(base + "/ubah").status_code == 404
    assert verified_client.get(base + "/tutup").status_code == 404
    token = csrf_token(verified_client, NEW)
    response = verified_client.post(base + "/ubah", data={**FORM, "title": "Dibajak", "csrf_token": token})
    assert response.status_code == 404
    assert verified_client.post(base + "/ajukan", data={"csrf_token": token}).status_code == 404
    assert verified_client.post(base + "/tutup", data={"confirm": "y", "csrf_token": token}).status_code == 404
    [vacancy] = _vacancies(app)
    assert vacancy.title == "Operator Alat Berat" and vacancy.status == "draft"


def test_script_in_text_is_stored_as_typed_and_escaped(app, verified_client, officer_client):
    evil = '<script>alert("x")</script>'
    _post(verified_client, NEW, {**FORM, "title": evil, "description": evil, "skills": evil})
    [vacancy] = _vacancies(app)
    assert vacancy.title == evil
    detail = f"/perusahaan/lowongan/{vacancy.id}"
    for page in (verified_client.get(detail), verified_client.get("/perusahaan/lowongan")):
        text = page.get_data(as_text=True)
        assert evil not in text and "&lt;script&gt;" in text
    _post(verified_client, detail + "/ajukan", {}, detail)
    for path in ("/disnaker/lowongan", f"/disnaker/lowongan/{vacancy.id}"):
        text = officer_client.get(path).get_data(as_text=True)
        assert evil not in text and "&lt;script&gt;" in text


def test_close_needs_confirmation(app, verified_client):
    _post(verified_client, NEW, FORM)
    [vacancy] = _vacancies(app)
    path = f"/perusahaan/lowongan/{vacancy.id}/tutup"
    assert _post(verified_client, path, {}).status_code == 422
    assert _vacancies(app)[0].status == "draft"
    assert _post(verified_client, path, {"confirm": "y"}).status_code == 302
    assert _vacancies(app)[0].status == "closed"


def test_edit_a_draft(app, verified_client):
    _post(verified_client, NEW, FORM)
    [vacancy] = _vacancies(app)
    path = f"/perusahaan/lowongan/{vacancy.id}/ubah"
    assert 'value="Juru Las"' in verified_client.get(path).get_data(as_text=True)
    assert _post(verified_client, path, {**FORM, "openings": "9"}).status_code == 302
    assert _vacancies(app)[0].openings == 9


def test_rejected_company_corrects_its_profile(app, officer_client):
    with app.app_context():
        user = factories.make_company_user()
        company_id, email = user.company_id, user.email
    review = f"/disnaker/perusahaan/{company_id}"
    assert "PT Contoh" in officer_client.get("/disnaker/perusahaan").get_data(as_text=True)
    response = _post(officer_client, review + "/tolak", {"reason": "", "confirm": "y"}, review)
    assert response.status_code == 422 and "Tulis alasannya" in response.get_data(as_text=True)
    response = _post(officer_client, review + "/tolak", {"reason": "NIB tidak sesuai akta."}, review)
    assert response.status_code == 422  # not confirmed
    assert _post(officer_client, review + "/tolak", {"reason": "NIB tidak sesuai akta.", "confirm": "y"},
                 review).status_code == 302
    company_client = _client_for(app, email=email)
    page = company_client.get("/perusahaan/profil").get_data(as_text=True)
    assert "NIB tidak sesuai akta." in page
    data = {"name": "PT Contoh Benar", "kbli_code": "4321", "address": "Jl. Soekarno Hatta Km 5",
            "kecamatan_code": "647103", "headcount": "50", "contact_name": "Rina", "contact_phone": "081234567891",
            "wlkp_status": "reported"}
    response = _post(company_client, "/perusahaan/profil", data)
    assert response.status_code == 422 and "5 angka" in response.get_data(as_text=True)
    assert _post(company_client, "/perusahaan/profil", {**data, "kbli_code": "43211"}).status_code == 302
    with app.app_context():
        company = db.session.get(Company, company_id)
        assert company.status == "awaiting_verification" and company.name == "PT Contoh Benar"
    assert _post(officer_client, review + "/verifikasi", {}, review).status_code == 302
    with app.app_context():
        assert db.session.get(Company, company_id).status == "verified"


def test_officer_returns_a_vacancy_with_a_reason(app, verified_client, officer_client):
    _post(verified_client, NEW, FORM)
    [vacancy] = _vacancies(app)
    detail = f"/perusahaan/lowongan/{vacancy.id}"
    _post(verified_client, detail + "/ajukan", {}, detail)
    review = f"/disnaker/lowongan/{vacancy.id}"
    assert _post(officer_client, review + "/kembalikan", {"reason": "Upah belum sesuai UMK.", "confirm": "y"},
                 review).status_code == 302
    page = verified_client.get(detail).get_data(as_text=True)
    assert "Upah belum sesuai UMK." in page
    assert _vacancies(app)[0].status == "returned"


def test_perpres_report_xlsx(app, officer_client):
    with app.app_context():
        factories.make_vacancy(factories.verified_company_user(), openings=11)
    response = officer_client.get("/disnaker/lowongan/laporan-perpres-57-2023.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    headers = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=headers.index("Jumlah kebutuhan") + 1).value == 11
    assert sheet.cell(row=2, column=headers.index("Terisi") + 1).value == 0


def test_dashboard_links_to_the_vacancy_pages(company_client):
    page = company_client.get("/perusahaan/").get_data(as_text=True)
    for path in ("/perusahaan/lowongan", "/perusahaan/lowongan/baru", "/perusahaan/profil"):
        assert f'href="{path}"' in page


def test_company_cannot_reach_the_office_desk(company_client):
    assert company_client.get("/disnaker/perusahaan").status_code == 403
    assert company_client.get("/disnaker/lowongan/laporan-perpres-57-2023.xlsx").status_code == 403


def test_close_expired_vacancies_command(app, runner):
    with app.app_context():
        vacancy = factories.make_vacancy(factories.verified_company_user(), valid_from=TODAY - timedelta(days=3),
                                         valid_until=TODAY)
        vacancy.valid_until = TODAY - timedelta(days=1)  # time passes
        db.session.commit()
    result = runner.invoke(args=["close-expired-vacancies"])
    assert "Closed 1" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Vacancy).where(Vacancy.status == "closed")) == 1


def test_submitting_an_incomplete_draft_shows_what_to_fill_beside_the_fields(app, verified_client):
    """Issue 15, point 4: a draft may lack the wage, work location and minimum education; submitting it shows the
    edit form with the Perpres 57/2023 messages beside those fields, and it stays a draft."""
    incomplete = {**FORM, "wage_min": "", "wage_max": "", "kecamatan_code": "", "education_min": ""}
    assert _post(verified_client, NEW, incomplete).status_code == 302
    [vacancy] = _vacancies(app)
    detail = f"/perusahaan/lowongan/{vacancy.id}"
    response = _post(verified_client, detail + "/ajukan", {}, detail)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "dapat dinegosiasikan" in page and "Tanpa syarat pendidikan" in page and "lokasi kerja" in page
    assert 'value="Juru Las"' in page and _vacancies(app)[0].status == "draft"
    edit = f"/perusahaan/lowongan/{vacancy.id}/ubah"
    complete = {**incomplete, "wage_negotiable": "y", "kecamatan_code": "647101", "education_min": "TS"}
    assert _post(verified_client, edit, complete).status_code == 302
    assert _post(verified_client, detail + "/ajukan", {}, detail).status_code == 302
    vacancy = _vacancies(app)[0]
    assert (vacancy.status, vacancy.wage_negotiable, vacancy.education_min) == ("submitted", True, "TS")
    assert "Dapat dinegosiasikan" in verified_client.get(detail).get_data(as_text=True)
