"""Search, apply, follow, review, hire and verify through the real pages."""

from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Application, Placement, Vacancy
from jobfair.services.hiring import applicants, applications
from tests import factories
from tests.conftest import csrf_token, login

TODAY = date.today()
SCRIPT = '<script>alert("x")</script>'


def _client_for(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _setup(app, **vacancy_fields):
    """(company email, seeker email, vacancy id)"""
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company, **vacancy_fields)
        seeker = factories.seeker_with_cv()
        return company.email, seeker.email, vacancy.id


def _applied(app, cover_letter="Saya berminat."):
    company_email, seeker_email, vacancy_id = _setup(app)
    with app.app_context():
        from jobfair.models import User

        seeker = db.session.scalar(select(User).where(User.email == seeker_email))
        application_id = applications.apply(seeker, vacancy_id, cover_letter=cover_letter, today=TODAY).id
    return company_email, seeker_email, vacancy_id, application_id


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_anonymous_visitors_search_and_read_vacancies(app, client):
    _company, _seeker, vacancy_id = _setup(app, title="Juru Las Pipa")
    with app.app_context():
        factories.published_vacancy(title="Kasir Toko", status="draft")
    page = client.get("/lowongan?q=las").get_data(as_text=True)
    assert "Juru Las Pipa" in page and "Kasir Toko" not in page
    assert "Juru Las Pipa" not in client.get("/lowongan?q=kasir").get_data(as_text=True)
    filtered = client.get("/lowongan?kecamatan=647101&disability_friendly=y").get_data(as_text=True)
    assert "Juru Las Pipa" not in filtered and "0 lowongan" in filtered
    detail = client.get(f"/lowongan/{vacancy_id}").get_data(as_text=True)
    assert "Masuk untuk melamar" in detail and "Rp3.701.508" in detail


def test_search_paginates(app, client):
    with app.app_context():
        company = factories.application_company()
        for n in range(23):
            factories.published_vacancy(company, title=f"Operator {n:02d}")
    first = client.get("/lowongan").get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "23 lowongan" in first
    assert "Operator" in client.get("/lowongan?page=2").get_data(as_text=True)


def test_a_draft_vacancy_page_is_not_found(app, client):
    _company, _seeker, vacancy_id = _setup(app, status="draft")
    assert client.get(f"/lowongan/{vacancy_id}").status_code == 404


def test_seeker_applies_with_a_cover_letter_and_sees_the_history(app):
    _company, seeker_email, vacancy_id = _setup(app)
    client = _client_for(app, seeker_email)
    assert "Lamar" in client.get(f"/lowongan/{vacancy_id}").get_data(as_text=True)
    path = f"/pencari-kerja/lowongan/{vacancy_id}/lamar"
    response = client.post(path, data={"cover_letter": "Saya juru las bersertifikat.",
                                       "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saya juru las bersertifikat." in page and "Dikirim" in page and "Riwayat status" in page
    assert "Lamaran saya" in client.get("/pencari-kerja/lamaran").get_data(as_text=True)
    again = client.post(path, data={"cover_letter": "", "csrf_token": csrf_token(client, f"/lowongan/{vacancy_id}")})
    assert again.status_code == 409 and _count(app, Application) == 1


def test_apply_without_cv_shows_how_to_fix_it(app):
    _company, _seeker, vacancy_id = _setup(app)
    with app.app_context():
        email = factories.seeker_with_cv(cv=False).email
    client = _client_for(app, email)
    path = f"/pencari-kerja/lowongan/{vacancy_id}/lamar"
    assert "Unggah CV" in client.get(path).get_data(as_text=True)
    response = client.post(path, data={"cover_letter": "", "csrf_token": csrf_token(client, path)})
    assert response.status_code == 422 and "Anda belum mengunggah CV" in response.get_data(as_text=True)
    assert _count(app, Application) == 0


def test_apply_to_a_closed_vacancy_is_refused(app):
    _company, seeker_email, vacancy_id = _setup(app, status="closed")
    client = _client_for(app, seeker_email)
    response = client.get(f"/pencari-kerja/lowongan/{vacancy_id}/lamar")
    assert response.status_code == 409 and "sudah ditutup" in response.get_data(as_text=True)


def test_script_in_the_cover_letter_is_escaped_for_seeker_and_company(app):
    company_email, seeker_email, _vacancy_id, application_id = _applied(app, cover_letter=SCRIPT)
    for email, path in ((seeker_email, f"/pencari-kerja/lamaran/{application_id}"),
                        (company_email, f"/perusahaan/pelamar/{application_id}")):
        page = _client_for(app, email).get(path).get_data(as_text=True)
        assert SCRIPT not in page and "&lt;script&gt;" in page


def test_another_seekers_application_is_not_found(app, seeker_client):
    _company, _seeker, _vacancy_id, application_id = _applied(app)
    assert seeker_client.get(f"/pencari-kerja/lamaran/{application_id}").status_code == 404
    assert seeker_client.get(f"/pencari-kerja/lamaran/{application_id}/batalkan").status_code == 404


def test_another_companys_applicants_and_cv_are_not_found(app):
    _company, _seeker, vacancy_id, application_id = _applied(app)
    with app.app_context():
        stranger = factories.application_company().email
    client = _client_for(app, stranger)
    for path in (f"/perusahaan/lowongan/{vacancy_id}/pelamar", f"/perusahaan/pelamar/{application_id}",
                 f"/perusahaan/pelamar/{application_id}/cv", f"/perusahaan/pelamar/{application_id}/terima"):
        assert client.get(path).status_code == 404, path


def test_withdraw_needs_a_confirmation(app):
    _company, seeker_email, _vacancy_id, application_id = _applied(app)
    client = _client_for(app, seeker_email)
    path = f"/pencari-kerja/lamaran/{application_id}/batalkan"
    response = client.post(path, data={"note": "", "csrf_token": csrf_token(client, path)})
    assert response.status_code == 422 and "Centang kotak" in response.get_data(as_text=True)
    response = client.post(path, data={"note": "Sudah bekerja", "confirm": "y", "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Application, application_id).status == "withdrawn"


def test_company_reviews_invites_and_hires_then_the_office_verifies(app, officer_client):
    company_email, seeker_email, vacancy_id, application_id = _applied(app)
    company = _client_for(app, company_email)
    listing = company.get(f"/perusahaan/lowongan/{vacancy_id}/pelamar?min_score=10").get_data(as_text=True)
    assert "Skor kecocokan" in listing and "Pendidikan memenuhi syarat minimum." in listing
    cv = company.get(f"/perusahaan/pelamar/{application_id}/cv")
    assert cv.status_code == 200 and cv.mimetype == "application/pdf" and cv.data.startswith(b"%PDF-")
    base = f"/perusahaan/pelamar/{application_id}"
    response = company.post(base + "/status", data={"to_status": "shortlisted", "note": "Cocok",
                                                    "csrf_token": csrf_token(company, base)})
    assert response.status_code == 302
    when = (TODAY + timedelta(days=3)).isoformat()
    response = company.post(base + "/undang", data={"date": when, "time": "09:30", "place": "BSCC Dome booth 7",
                                                    "note": "Bawa KTP", "csrf_token": csrf_token(company, base)})
    assert response.status_code == 302
    hire = {"start_date": TODAY.isoformat(), "contract_type": "PKWT", "wage": "4200000",
            "csrf_token": csrf_token(company, base)}
    assert company.post(base + "/terima", data=hire).status_code == 422  # no confirmation
    assert company.post(base + "/terima", data={**hire, "confirm": "y"}).status_code == 302
    page = company.get(base).get_data(as_text=True)
    assert "Rp4.200.000" in page and "Menunggu verifikasi" in page
    seeker_page = _client_for(app, seeker_email).get(f"/pencari-kerja/lamaran/{application_id}").get_data(as_text=True)
    assert "Diterima bekerja" in seeker_page and "BSCC Dome booth 7" in seeker_page
    queue = officer_client.get("/disnaker/penempatan").get_data(as_text=True)
    assert "BSCC" not in queue and "Rp4.200.000" in queue
    with app.app_context():
        placement_id = db.session.scalar(select(Placement.id))
    response = officer_client.post(f"/disnaker/penempatan/{placement_id}/verifikasi",
                                   data={"csrf_token": csrf_token(officer_client, "/disnaker/penempatan")})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Placement, placement_id).status == "verified"


def test_reject_rejected_status_needs_confirmation(app):
    company_email, _seeker, _vacancy_id, application_id = _applied(app)
    company = _client_for(app, company_email)
    base = f"/perusahaan/pelamar/{application_id}"
    response = company.post(base + "/status", data={"to_status": "rejected", "note": "",
                                                    "csrf_token": csrf_token(company, base)})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Application, application_id).status == "submitted"


def test_hiring_past_openings_shows_a_clear_message(app):
    company_email, _seeker, vacancy_id, application_id = _applied(app)
    with app.app_context():
        from jobfair.models import User

        company = db.session.scalar(select(User).where(User.email == company_email))
        applicants.change_status(company, application_id, "shortlisted", "")
        vacancy = db.session.get(Vacancy, vacancy_id)
        vacancy.hired_count = vacancy.openings
        db.session.commit()
    client = _client_for(app, company_email)
    base = f"/perusahaan/pelamar/{application_id}"
    response = client.post(base + "/terima", data={"start_date": TODAY.isoformat(), "contract_type": "PKWT",
                                                   "wage": "4000000", "confirm": "y",
                                                   "csrf_token": csrf_token(client, base)})
    assert response.status_code == 409
    assert "Semua lowongan untuk posisi ini sudah terisi" in response.get_data(as_text=True)
    assert _count(app, Placement) == 0


def test_office_rejects_a_placement_with_a_reason(app, officer_client):
    company_email, _seeker, _vacancy_id, application_id = _applied(app)
    with app.app_context():
        from jobfair.models import User

        company = db.session.scalar(select(User).where(User.email == company_email))
        applicants.change_status(company, application_id, "shortlisted", "")
        placement_id = applicants.hire(company, application_id, start_date=TODAY, contract_type="harian",
                                       wage=150_000, below_umk_confirmed=True).id
    path = f"/disnaker/penempatan/{placement_id}/tolak"
    response = officer_client.post(path, data={"reason": "", "confirm": "y",
                                               "csrf_token": csrf_token(officer_client, path)})
    assert response.status_code == 422
    response = officer_client.post(path, data={"reason": "Bukti kontrak tidak ada", "confirm": "y",
                                               "csrf_token": csrf_token(officer_client, path)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Placement, placement_id).reason == "Bukti kontrak tidak ada"
    assert officer_client.get(path).status_code == 409


def test_recommendations_show_reasons(app):
    _company, seeker_email, _vacancy_id = _setup(app, title="Juru Las Kapal")
    page = _client_for(app, seeker_email).get("/pencari-kerja/rekomendasi").get_data(as_text=True)
    assert "Juru Las Kapal" in page and "Kecocokan" in page and "Jurusan sesuai" in page


def test_after_applying_the_vacancy_and_apply_pages_say_so_instead_of_offering_the_form(app):
    _company, seeker_email, vacancy_id, application_id = _applied(app)
    client = _client_for(app, seeker_email)
    for path in (f"/lowongan/{vacancy_id}", f"/pencari-kerja/lowongan/{vacancy_id}/lamar"):
        response = client.get(path)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "Anda sudah melamar" in page and "Dikirim" in page  # with the application's status
        assert f'href="/pencari-kerja/lamaran/{application_id}"' in page
        assert "Kirim lamaran" not in page and 'name="cover_letter"' not in page
        assert f'href="/pencari-kerja/lowongan/{vacancy_id}/lamar"' not in page


def test_without_a_cv_the_apply_page_shows_the_way_to_the_cv_once_and_no_form(app):
    _company, _seeker, vacancy_id = _setup(app)
    with app.app_context():
        email = factories.seeker_with_cv(cv=False).email
    client = _client_for(app, email)
    path = f"/pencari-kerja/lowongan/{vacancy_id}/lamar"
    page = client.get(path).get_data(as_text=True)
    assert 'href="/pencari-kerja/profil/cv"' in page and 'name="cover_letter"' not in page
    # a POST from an old tab: the CV message stands once, not also as a form error under it
    page = client.post(path, data={"cover_letter": "", "csrf_token": csrf_token(client, path)}).get_data(as_text=True)
    assert page.count("Anda belum mengunggah CV") == 1
