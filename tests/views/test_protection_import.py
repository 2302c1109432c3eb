"""Protection import pages: upload -> status page -> error report XLSX -> decision; office only."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobfair.models import Enrolment, ImportBatch
from tests import factories
from tests.conftest import csrf_token
from tests.services.test_protection_import import person_row, xlsx


@pytest.fixture
def programme_id(app, pin_today):
    pin_today(date(2024, 12, 1))  # the 2025 programme's registration window (September–December 2024)
    with app.app_context():
        return factories.bpjs_programme(year=2025).id


def upload(client, programme_id, data, filename="pekerja.xlsx"):
    token = csrf_token(client, "/perlindungan/impor")
    return client.post("/perlindungan/impor", data={"csrf_token": token, "programme_id": str(programme_id),
                                                    "file": (data, filename)}, content_type="multipart/form-data")


def test_upload_status_report_and_apply(app, officer_client, programme_id):
    page = officer_client.get("/perlindungan/impor")
    assert page.status_code == 200 and "templat" in page.get_data(as_text=True).lower()
    template = officer_client.get("/perlindungan/impor/templat-data-pekerja.xlsx")
    assert template.status_code == 200 and template.data[:2] == b"PK"

    rows = [person_row(1), person_row(2, NIK="123"), person_row(3, Kategori="astronot"), person_row(4)]
    response = upload(officer_client, programme_id, xlsx(rows))
    assert response.status_code == 302
    status_url = response.headers["Location"]
    page = officer_client.get(status_url)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Refresh" not in page.headers
    assert "Menunggu keputusan" in body and "Kategori pekerjaan tidak dikenal" in body
    batch_id = int(re.search(r"/impor/(\d+)", status_url).group(1))

    report = officer_client.get(f"/perlindungan/impor/{batch_id}/laporan.xlsx")
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.data)).active
    assert [c.value for c in next(sheet.iter_rows())] == ["Baris", "Kolom", "Masalah", "Jenis"]
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == {3, 4}

    token = csrf_token(officer_client, status_url)
    refused = officer_client.post(f"/perlindungan/impor/{batch_id}/putuskan",
                                  data={"csrf_token": token, "mode": "valid_only"})  # no confirmation ticked
    assert refused.status_code == 302
    with app.app_context():
        from jobfair.extensions import db
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0
    done = officer_client.post(f"/perlindungan/impor/{batch_id}/putuskan",
                               data={"csrf_token": token, "mode": "valid_only", "confirm": "y"},
                               follow_redirects=True)
    assert done.status_code == 200 and "2 baris diimpor" in done.get_data(as_text=True)
    with app.app_context():
        from jobfair.extensions import db
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 2
        assert db.session.get(ImportBatch, batch_id).status == "imported"
    assert list((Path(app.config["UPLOAD_FOLDER"]) / "imports").glob("*")) == []  # deleted after validation


def test_a_broken_file_shows_one_clear_message(officer_client, programme_id):
    response = upload(officer_client, programme_id, io.BytesIO(b"hello"), filename="data.pdf")
    assert response.status_code == 422
    assert "Jenis berkas tidak didukung" in response.get_data(as_text=True)


def test_wrong_columns_are_shown_on_the_status_page(officer_client, programme_id):
    response = upload(officer_client, programme_id, xlsx([["1"]], header=["Nomor", "Umur"]), filename="x.xlsx")
    page = officer_client.get(response.headers["Location"])
    body = page.get_data(as_text=True)
    assert "Gagal" in body and "Kolom yang belum ada" in body and "Keputusan" not in body


def test_a_running_batch_refreshes_itself(app, officer_client):
    with app.app_context():
        from jobfair.extensions import db
        programme = factories.bpjs_programme(year=2025)
        batch = ImportBatch(filename="besar.xlsx", programme_id=programme.id, status="validating", total_rows=7140,
                            processed_rows=1500, errors=[], payload=[])
        db.session.add(batch)
        db.session.commit()
        batch_id = batch.id
    page = officer_client.get(f"/perlindungan/impor/{batch_id}")
    body = page.get_data(as_text=True)
    assert page.headers.get("Refresh") == "2" and 'http-equiv="refresh"' in body
    assert "1500" in body and "7140" in body


def test_unknown_batch_is_404(officer_client):
    assert officer_client.get("/perlindungan/impor/999").status_code == 404


@pytest.mark.parametrize("role", ["seeker", "company", "student", "school"])
def test_other_roles_are_refused(login_as, role):
    client = login_as(role)
    for path in ("/perlindungan/impor", "/perlindungan/impor/1", "/perlindungan/impor/1/laporan.xlsx",
                 "/perlindungan/impor/templat-data-pekerja.xlsx"):
        assert client.get(path).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get("/perlindungan/impor")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_status_page_and_report_in_english_read_the_stored_rows(app, officer_client, programme_id):
    from flask_babel import force_locale, gettext

    response = upload(officer_client, programme_id, xlsx([person_row(1), person_row(2, NIK=person_row(1)[0])]))
    status_url = response.headers["Location"]
    with officer_client.session_transaction() as session:
        session["lang"] = "en"
    page = officer_client.get(status_url)
    with app.test_request_context(), force_locale("en"):
        duplicate = gettext("NIK sama dengan baris %(row)s; satu orang cukup satu baris.", row=2)
        headers = [gettext("Baris"), gettext("Kolom"), gettext("Masalah"), gettext("Jenis")]
    assert page.status_code == 200 and duplicate in page.get_data(as_text=True)
    report = officer_client.get(status_url + "/laporan.xlsx")
    rows = list(load_workbook(io.BytesIO(report.data)).active.iter_rows(values_only=True))
    assert list(rows[0]) == headers and rows[1][:3] == (3, "NIK", duplicate)
