"""Protection figures pages: charts as <img> with their tables, SVG routes, XLSX downloads, the BPJS export."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import AuditEvent
from jobfair.services.people import reveal_nik
from tests import factories as f
from tests.conftest import csrf_token

PAGE = "/perlindungan/angka"
EXPORT = "/perlindungan/angka/ekspor-bpjs"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _data(app, name="Pekerja <script>alert(1)</script>"):
    """A BPJS programme with one active enrolment (paid in March) and one ended; returns (programme id, NIK)."""
    with app.app_context():
        programme = f.ledger_programme(budget=10_000_000)
        enrolment = f.figures_enrolment(programme, f.figures_worker(full_name=name, category="pedagang_kecil"),
                                        kpj_number="11122233344")
        f.figures_ledger(enrolment, date(2025, 3, 1), status="paid")
        f.figures_enrolment(programme, status="ended", cover_to=date(2025, 2, 1))
        return programme.id, reveal_nik(enrolment.worker.person)


def test_officer_sees_charts_as_images_next_to_their_tables(app, officer_client):
    programme_id, nik = _data(app)
    response = officer_client.get(f"{PAGE}?programme_id={programme_id}&year=2025")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    images = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 8
    assert all("/perlindungan/angka/grafik/" in src and "year=2025" in src for src, _alt in images)
    assert "<svg" not in page  # never inlined
    assert "Pedagang kecil" in page and "<table>" in page
    assert "Rp16.800" in page  # paid in March
    assert nik not in page and "<script>alert(1)" not in page


def test_filter_errors_are_shown_beside_the_field(app, officer_client):
    response = officer_client.get(f"{PAGE}?year=2025&month_from=9&month_to=2")
    assert response.status_code == 422
    assert "Bulan akhir tidak boleh sebelum bulan awal." in response.get_data(as_text=True)
    assert officer_client.get(f"{PAGE}?year=abc").status_code == 422
    assert officer_client.get(f"{PAGE}?programme_id=999999").status_code == 404


def test_chart_route_returns_escaped_svg(app, officer_client):
    _data(app)
    with app.app_context():
        programme = f.ledger_programme("recurring_aid", name='Sembako <b>"&" lansia</b>')
        f.figures_enrolment(programme)
    for chart in ("kategori", "kecamatan", "jenis-kelamin", "usia", "cakupan", "biaya", "klaim", "bantuan"):
        response = officer_client.get(f"/perlindungan/angka/grafik/{chart}.svg?year=2025")
        assert response.status_code == 200, chart
        assert response.mimetype == "image/svg+xml"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        ET.fromstring(response.get_data(as_text=True))
    svg = officer_client.get("/perlindungan/angka/grafik/bantuan.svg").get_data(as_text=True)
    assert "Sembako &lt;b&gt;\"&amp;\" lansia&lt;/b&gt;" in svg and "<b>" not in svg
    assert officer_client.get("/perlindungan/angka/grafik/tidak-ada.svg").status_code == 404


def test_figures_xlsx_download(app, officer_client):
    _data(app)
    response = officer_client.get(f"{PAGE}/rekap.xlsx?year=2025")
    assert response.status_code == 200 and response.mimetype == XLSX
    book = load_workbook(BytesIO(response.data))
    rows = [[c.value for c in row] for row in book["Kategori"].iter_rows(min_row=2)]
    assert rows == [["Nelayan", 1], ["Pedagang kecil", 1]]  # the ended one was covered in January–February 2025


def test_bpjs_export_needs_the_confirmation_and_is_audited(app, officer_client):
    programme_id, nik = _data(app)
    page = officer_client.get(EXPORT).get_data(as_text=True)
    assert "NIK" in page and 'type="checkbox"' in page
    form = {"programme_id": str(programme_id), "year": "2025", "month": "3", "csrf_token": csrf_token(officer_client,
                                                                                                       EXPORT)}
    refused = officer_client.post(EXPORT, data=form)
    assert refused.status_code == 422 and "Centang kotak ini" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.bpjs_exported")) is None

    response = officer_client.post(EXPORT, data={**form, "confirm": "y"})
    assert response.status_code == 200 and response.mimetype == XLSX
    assert nik not in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = list(load_workbook(BytesIO(response.data))["Peserta BPU"].values)
    assert rows[0][0] == "NIK" and len(rows) == 2 and rows[1][0] == nik and rows[1][9] == "11122233344"
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.bpjs_exported"))
        assert event.detail == {"month": "2025-03", "rows": 1}


def test_bpjs_export_for_an_empty_month_says_so(app, officer_client):
    programme_id, _nik = _data(app)
    form = {"programme_id": str(programme_id), "year": "2024", "month": "3", "confirm": "y",
            "csrf_token": csrf_token(officer_client, EXPORT)}
    response = officer_client.post(EXPORT, data=form)
    assert response.status_code == 422 and "Tidak ada peserta" in response.get_data(as_text=True)
    assert officer_client.post(EXPORT, data={**form, "csrf_token": "bad"}).status_code == 400


@pytest.mark.parametrize("role", ["seeker", "company", "student", "school"])
def test_other_roles_are_refused(app, login_as, role):
    programme_id, _nik = _data(app)
    client = login_as(role)
    for path in (PAGE, f"{PAGE}/grafik/kategori.svg", f"{PAGE}/rekap.xlsx", EXPORT):
        assert client.get(path).status_code == 403, path
    assert client.post(EXPORT, data={"programme_id": programme_id, "year": 2025, "month": 3,
                                     "confirm": "y"}).status_code in (400, 403)


def test_anonymous_goes_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_page_shows_aid_programmes_with_their_item_counts(app, officer_client):
    """An aid programme with deliveries made the page answer 500: the template read `p.items` of a dict, which in
    Jinja is the dict method, not the key."""
    with app.app_context():
        programme = f.ledger_programme("recurring_aid", name="Sembako lansia Balikpapan")
        for n in range(3):
            enrolment = f.figures_enrolment(programme)
            f.figures_ledger(enrolment, date(2025, 4, 1), amount=250_000, status="delivered", quantity=n + 2)
    response = officer_client.get(f"{PAGE}?year=2025")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    row = re.search(r"<td>Sembako lansia Balikpapan \(2025\)</td>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["3", "3", "9", "Rp750.000"]
    assert "built-in method" not in page
