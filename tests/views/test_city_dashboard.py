"""The city dashboard (officers) and the open data (public): figures, charts as <img> with tables, no person."""

import csv
import io
import json
import re
from datetime import date

import pytest

from jobfair.extensions import db as _db
from tests import factories

STABLE_KEYS = {"fairs.companies", "fairs.vacancies", "fairs.openings", "fairs.registrants", "fairs.attendees",
               "fairs.applications", "fairs.hires", "fairs.verified_placements", "fairs.placement_rate",
               "training.kinds", "training.participants", "training.completions", "apprenticeships.companies",
               "apprenticeships.participants", "apprenticeships.completed", "protection.covered_workers",
               "protection.monthly_cost", "ak1.issued", "ak1.active", "ak1.lapsed", "ak1.placed"}
WORKER_NAME = "Suryani Lestari Demo"


@pytest.fixture
def some_records(app):
    with app.app_context():
        officer = factories.make_officer()
        programme = factories.bpjs_programme(actor=officer)
        worker = factories.figures_worker(category="nelayan", full_name=WORKER_NAME)
        factories.figures_enrolment(programme, worker)
        from jobfair.models import Person

        person = _db.session.get(Person, worker.person_id)
        from jobfair.services.people import reveal_nik

        nik = reveal_nik(person)
        return {"nik": nik, "name": WORKER_NAME}


def _figure(html: str, key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}" data-value="([^"]*)"', html)
    assert match, f"figure {key} not on the page"
    return match.group(1)


def test_officer_dashboard_shows_the_queues_first_and_the_figures_after(officer_client, some_records):
    html = officer_client.get("/disnaker/").get_data(as_text=True)
    assert _figure(html, "protection.covered_workers") == "1"
    assert _figure(html, "protection.covered_workers.nelayan") == "1"
    assert html.index("Antrean yang menunggu keputusan") < html.index("Angka utama kota")
    assert 'href="/perlindungan/pekerja?kategori=nelayan"' in html or "kategori=nelayan" in html


def test_city_dashboard_has_filters_charts_as_img_and_tables(officer_client, some_records):
    response = officer_client.get("/disnaker/angka-kota?kecamatan=647101")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _figure(html, "protection.covered_workers") == "1"
    images = re.findall(r'<img src="([^"]+\.svg[^"]*)"\s+alt="([^"]+)"', html)
    assert len(images) == 5 and all(alt.startswith("Grafik") for _src, alt in images)
    assert all("kecamatan=647101" in src for src, _alt in images)
    assert html.count("<table>") >= 5
    chart = officer_client.get(images[2][0].replace("&amp;", "&"))
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"Nelayan" in chart.data and b"<script" not in chart.data


def test_bad_filters_are_reported_beside_the_field(officer_client):
    response = officer_client.get("/disnaker/angka-kota?dari=2025-06&sampai=2025-01&sektor=Z&kecamatan=999999")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bulan akhir tidak boleh sebelum bulan awal" in html
    assert officer_client.get("/disnaker/angka-kota?dari=bukan-bulan").status_code == 422
    assert officer_client.get("/disnaker/angka-kota/grafik/tidak-ada.svg").status_code == 404


@pytest.mark.parametrize("role", ["seeker", "company", "student", "school"])
def test_non_officers_cannot_see_the_dashboard(login_as, role):
    client = login_as(role)
    assert client.get("/disnaker/angka-kota").status_code == 403
    assert client.get("/disnaker/angka-kota/grafik/ak1-per-bulan.svg").status_code == 403


def test_anonymous_is_sent_to_login_for_the_dashboard(client):
    assert client.get("/disnaker/angka-kota").status_code == 302


def test_open_data_json_csv_and_page_are_public_and_hold_no_person(client, some_records):
    response = client.get("/open-data/figures.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.data)
    keys = {f["key"] for f in data["figures"]}
    assert STABLE_KEYS <= keys
    covered = next(f for f in data["figures"] if f["key"] == "protection.covered_workers")
    assert covered["value"] == 1 and covered["label"] and date.fromisoformat(covered["computed_on"])
    assert set(covered) == {"key", "label", "value", "unit", "computed_at", "computed_on"}
    text = response.get_data(as_text=True)
    assert some_records["nik"] not in text and some_records["name"] not in text

    response = client.get("/open-data/figures.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["key", "label", "value", "unit", "computed_on", "computed_at"]
    assert STABLE_KEYS <= {r[0] for r in rows[1:]}
    assert some_records["nik"] not in body and some_records["name"] not in body

    page = client.get("/open-data").get_data(as_text=True)
    assert "/open-data/figures.json" in page and "/open-data/figures.csv" in page
    assert some_records["name"] not in page


def test_the_open_data_page_shows_each_figure_with_its_label_and_value_first(client, some_records):
    """On a phone the page is read top to bottom: each figure starts with its label and its value, the key after."""
    page = client.get("/open-data").get_data(as_text=True)
    row = re.search(r'<td class="figure-label">([^<]+)</td>\s*<td data-label="Nilai" class="num"><strong>([^<]+)'
                    r'</strong></td>\s*<td data-label="Kunci"><code>protection\.covered_workers</code>', page)
    assert row, "the covered-workers figure has no label/value row"
    value, unit = row.group(2).split(" ", 1)  # the value written the Indonesian way, then its unit
    assert value == "1" and unit.strip()
    assert '<table class="stack open-data">' in page
