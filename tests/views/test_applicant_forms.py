"""The company's interview invitation and hire forms: errors beside the field, the UMK warning."""

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Interview, Placement, User
from jobfair.services.hiring import applicants, applications
from tests import factories
from tests.conftest import csrf_token, login

TODAY = date.today()


def _shortlisted(app):
    """(logged-in company client, application id) for an applicant on the shortlist."""
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        seeker = factories.seeker_with_cv()
        application_id = applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY).id
        applicants.change_status(db.session.get(User, company.id), application_id, "shortlisted", "")
        email = company.email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, application_id


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_invitation_in_the_past_is_refused_beside_the_date(app):
    client, application_id = _shortlisted(app)
    path = f"/perusahaan/pelamar/{application_id}/undang"
    yesterday = (datetime.now() - timedelta(days=1)).date().isoformat()
    response = client.post(path, data={"date": yesterday, "time": "09:30", "place": "Kantor HRD lantai 2",
                                       "note": "", "csrf_token": csrf_token(client, path)})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    message = "Waktu wawancara sudah lewat: pilih tanggal dan jam yang akan datang."
    assert message in page
    # beside the date field, not at the top of the form
    assert page.index('name="date"') < page.index(message) < page.index('name="time"')
    assert 'value="Kantor HRD lantai 2"' in page  # what was typed is kept
    assert _count(app, Interview) == 0


def test_hire_below_umk_asks_for_a_confirmation_then_the_office_sees_it_flagged(app, officer_client):
    client, application_id = _shortlisted(app)
    path = f"/perusahaan/pelamar/{application_id}/terima"
    form_page = client.get(path).get_data(as_text=True)
    assert "UMK Balikpapan 2025: Rp3.701.508 per bulan" in form_page  # warned before confirming
    assert 'name="below_umk_confirmed"' not in form_page
    hire = {"start_date": "2025-08-01", "contract_type": "harian", "wage": "1500000", "confirm": "y",
            "csrf_token": csrf_token(client, path)}
    response = client.post(path, data=hire)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Upah Rp1.500.000 di bawah UMK Balikpapan 2025 (Rp3.701.508)" in page
    assert 'name="below_umk_confirmed"' in page and 'value="1500000"' in page
    assert page.index('name="below_umk_confirmed"') < page.index("di bawah UMK Balikpapan 2025 (")
    assert _count(app, Placement) == 0

    assert client.post(path, data={**hire, "below_umk_confirmed": "y"}).status_code == 302
    assert _count(app, Placement) == 1
    queue = officer_client.get("/disnaker/penempatan").get_data(as_text=True)
    assert "Rp1.500.000" in queue and "Di bawah UMK 2025 (Rp3.701.508)" in queue


def test_hire_at_umk_goes_through_without_the_extra_checkbox(app, officer_client):
    client, application_id = _shortlisted(app)
    path = f"/perusahaan/pelamar/{application_id}/terima"
    response = client.post(path, data={"start_date": "2025-08-01", "contract_type": "PKWT", "wage": "3701508",
                                       "confirm": "y", "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    queue = officer_client.get("/disnaker/penempatan").get_data(as_text=True)
    assert "Rp3.701.508" in queue and "Di bawah UMK" not in queue
