"""Desk export downloads, the enrolments queue page and bulk approval through the real pages."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Placement, User, Vacancy
from jobfair.services.hiring import vacancies
from jobfair.services.office import desk_exports
from tests import factories
from tests.conftest import csrf_token, login
from tests.services.test_desk_exports import waiting_items


def _officer(app):
    with app.app_context():
        officer = factories.make_officer()
        email, officer_id = officer.email, officer.id
    client = app.test_client()
    login(client, email)
    return client, officer_id


def test_each_queue_downloads_as_xlsx_and_csv_with_its_rows(app):
    client, officer_id = _officer(app)
    with app.app_context():
        expected = waiting_items(db.session.get(User, officer_id))
    for key, ids in expected.items():
        response = client.get(f"/disnaker/antrean/{key}.xlsx")
        assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == desk_exports.HEADERS and len(rows) - 1 == len(ids), key
        response = client.get(f"/disnaker/antrean/{key}.csv")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert tuple(lines[0]) == desk_exports.HEADERS and len(lines) - 1 == len(ids), key
    company_csv = client.get("/disnaker/antrean/companies.csv").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in company_csv  # a typed formula is neutralised
    ak1_csv = client.get("/disnaker/antrean/ak1.csv").data.decode("utf-8-sig")
    assert "Ani Pencari" in ak1_csv and "••••••••" in ak1_csv
    assert client.get("/disnaker/antrean/gaji.csv").status_code == 404


@pytest.mark.parametrize("role", ["seeker", "company", "school", "student"])
def test_non_officers_cannot_download_queues(login_as, role):
    client = login_as(role)
    assert client.get("/disnaker/antrean/companies.xlsx").status_code == 403
    assert client.get("/disnaker/antrean/enrolments.csv").status_code == 403


def test_enrolments_queue_lists_registered_enrolments_with_masked_nik(app):
    client, officer_id = _officer(app)
    with app.app_context():
        officer = db.session.get(User, officer_id)
        waiting = factories.make_enrolment(status="registered", actor=officer)
        name = waiting.worker.person.full_name
        other = factories.make_enrolment(status="active", actor=officer).worker.person.full_name
    page = client.get("/disnaker/antrean/kepesertaan").get_data(as_text=True)
    assert name in page and other not in page and "••••••••" in page


def _placements(app, officer_id, count=3):
    with app.app_context():
        vacancy = factories.published_vacancy(factories.application_company(), openings=5)
        apps = [factories.fair_application(vacancy, factories.make_seeker(), status="hired", placement="reported")
                for _ in range(count)]
        return [db.session.scalar(select(Placement.id).where(Placement.application_id == a.id)) for a in apps]


def test_bulk_verify_needs_confirmation_then_reports_failures(app):
    client, officer_id = _officer(app)
    ids = _placements(app, officer_id)
    page = client.get("/disnaker/penempatan").get_data(as_text=True)
    assert 'form="bulk-verify"' in page and "Verifikasi yang dicentang" in page
    token = csrf_token(client, "/disnaker/penempatan")
    client.post("/disnaker/penempatan/verifikasi-terpilih", data={"ids": ids[:2], "csrf_token": token})
    with app.app_context():
        assert {db.session.get(Placement, i).status for i in ids} == {"reported"}
    response = client.post("/disnaker/penempatan/verifikasi-terpilih",
                           data={"ids": [ids[0], ids[1], 999_999], "confirm": "y", "csrf_token": token},
                           follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "2 penempatan diverifikasi" in text and "999999" in text
    with app.app_context():
        assert [db.session.get(Placement, i).status for i in ids] == ["verified", "verified", "reported"]
    assert client.post("/disnaker/penempatan/verifikasi-terpilih",
                       data={"ids": ids, "confirm": "y"}).status_code == 400  # no CSRF token


def test_bulk_publish_from_the_vacancy_queue(app):
    client, officer_id = _officer(app)
    with app.app_context():
        officer = db.session.get(User, officer_id)
        company = factories.verified_company_user(officer)
        ids = []
        for title in ("Satu", "Dua"):
            vacancy = factories.make_vacancy(company, publish=False, title=title)
            vacancies.submit(company, vacancy.id)
            ids.append(vacancy.id)
        draft = factories.make_vacancy(company, publish=False, title="Draf").id
    page = client.get("/disnaker/lowongan").get_data(as_text=True)
    assert 'name="ids"' in page and "Tayangkan yang dicentang" in page
    token = csrf_token(client, "/disnaker/lowongan")
    response = client.post("/disnaker/lowongan/tayangkan-terpilih",
                           data={"ids": [*ids, draft], "confirm": "y", "csrf_token": token}, follow_redirects=True)
    assert "2 lowongan ditayangkan" in response.get_data(as_text=True)
    with app.app_context():
        assert [db.session.get(Vacancy, i).status for i in (*ids, draft)] == ["published", "published", "draft"]
    seeker = app.test_client()
    with app.app_context():
        email = factories.make_seeker().email
    login(seeker, email)
    assert seeker.post("/disnaker/lowongan/tayangkan-terpilih", data={"ids": ids}).status_code in (400, 403)
