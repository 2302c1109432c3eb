"""The monthly report pages: one printable section per programme, charts as <img> with tables, SVG, XLSX."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import factories as f

PAGE = "/disnaker/laporan-bulanan"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLES = ["Bursa kerja dan penempatan", "Kartu pencari kerja (AK/1)", "Pelatihan dan pemagangan SMK",
          "Perlindungan pekerja (subsidi iuran BPJS Ketenagakerjaan)", "Bantuan sosial"]


def _data(app):
    with app.app_context():
        bpjs = f.ledger_programme(budget=1_000_000)
        enrolment = f.figures_enrolment(bpjs, f.figures_worker(category="nelayan"))
        f.figures_ledger(enrolment, date(2025, 11, 1), status="paid")
        aid = f.ledger_programme("recurring_aid", name="Sembako <b>lansia</b>")
        f.figures_ledger(f.figures_enrolment(aid), date(2025, 11, 1), amount=250_000, status="delivered")


def test_page_renders_each_section_with_charts_as_images_beside_tables(app, officer_client):
    _data(app)
    response = officer_client.get(f"{PAGE}?bulan=2025-11")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for title in TITLES:
        assert f">{title}</h2>" in page
    assert page.count('class="report-page"') == 5
    assert "monthly-report.css" in page and "November 2025" in page
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) == 10
    assert page.count('<table class="chart-table">') == 10
    assert all(src.startswith("/disnaker/laporan-bulanan/grafik/") and "bulan=2025-11" in src for src in images)
    assert "Sembako &lt;b&gt;lansia&lt;/b&gt;" in page and "<b>lansia</b>" not in page
    assert "Rp16.800" in page  # the BPJS contribution paid in November
    for src in images:
        chart = officer_client.get(unescape(src))
        assert chart.status_code == 200, src
        assert chart.mimetype == "image/svg+xml"
        ET.fromstring(chart.get_data())  # well-formed


def test_default_month_is_last_month_when_there_is_no_data(officer_client):
    page = officer_client.get(PAGE).get_data(as_text=True)
    today = date.today()
    last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    assert f'value="{last:%Y-%m}" selected' in page


def _cells(page: str, label: str) -> list[str]:
    """The cells after a row heading (report) or the value after a term (fair page)."""
    row = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", page, re.S)
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


def _fact(page: str, term: str) -> str:
    return re.search(rf"<dt>{re.escape(term)}</dt><dd>([^<]*)</dd>", page).group(1)


def test_the_report_opens_on_the_fairs_month_and_shows_the_fair_pages_counts(app, officer_client, client):
    from tests.services.test_monthly_report_dates import july_2025_fair

    with app.app_context():
        fair_id, _officer = july_2025_fair()
    fair_page = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    report = officer_client.get(PAGE).get_data(as_text=True)  # no month asked: the latest month with data
    assert 'value="2025-07" selected' in report and "Juli 2025" in report
    assert _fact(fair_page, "Lamaran") == _cells(report, "Lamaran masuk")[0] == "5"
    assert _fact(fair_page, "Diterima bekerja") == _cells(report, "Diterima kerja (dilaporkan perusahaan)")[0] == "2"
    assert _fact(fair_page, "Penempatan terverifikasi") == _cells(report, "Penempatan terverifikasi")[0] == "1"
    assert _fact(fair_page, "Tingkat penempatan") == _cells(report, "Tingkat penempatan")[0] == "1,0 %"
    assert "5 lamaran, 2 diterima kerja, 1 penempatan terverifikasi (tingkat penempatan 1,0 %)" in report
    assert '<option value="2025-06">' not in report  # the list starts at the first month with data
    assert 'href="/disnaker/laporan-bulanan?bulan=2025-08">Agustus 2025 ›</a>' in report


def test_svg_route(app, officer_client):
    _data(app)
    response = officer_client.get("/disnaker/laporan-bulanan/grafik/perlindungan/kategori.svg?bulan=2025-11")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Nelayan" in response.get_data(as_text=True)
    assert officer_client.get("/disnaker/laporan-bulanan/grafik/perlindungan/tidak-ada.svg").status_code == 404
    assert officer_client.get("/disnaker/laporan-bulanan/grafik/rahasia/kategori.svg").status_code == 404


def test_xlsx_has_one_sheet_per_programme(app, officer_client):
    _data(app)
    response = officer_client.get("/disnaker/laporan-bulanan.xlsx?bulan=2025-11")
    assert response.status_code == 200 and response.mimetype == XLSX
    assert "laporan-bulanan-disnaker-2025-11.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["Bursa kerja", "Kartu AK1", "SMK", "Perlindungan", "Bantuan sosial"]
    sheet = book["Perlindungan"]
    assert [c.value for c in sheet[1]] == ["Angka", "November 2025", "Oktober 2025", "Perubahan", "Perubahan (%)"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert rows["Biaya iuran dibayar (Rp)"][:3] == (16_800, 0, 16_800)
    assert rows["Pekerja ditanggung"][:2] == (1, 1)


@pytest.mark.parametrize("bad", ["2025-13", "november", "2999-01", "2025-1", "1999-12"])
def test_bad_month_is_422_with_an_indonesian_message(officer_client, bad):
    for path in (PAGE, "/disnaker/laporan-bulanan.xlsx", "/disnaker/laporan-bulanan/grafik/ak1/aktif.svg"):
        response = officer_client.get(path, query_string={"bulan": bad})
        assert response.status_code == 422, path
        assert "format TTTT-BB" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["seeker", "company", "school", "student"])
def test_non_officers_are_refused(login_as, role):
    client = login_as(role)
    for path in (PAGE, "/disnaker/laporan-bulanan.xlsx", "/disnaker/laporan-bulanan/grafik/ak1/aktif.svg"):
        assert client.get(path).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_dashboard_links_to_the_report(officer_client):
    assert f'href="{PAGE}"' in officer_client.get("/disnaker/").get_data(as_text=True)
