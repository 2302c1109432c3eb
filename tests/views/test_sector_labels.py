"""A sector (KBLI 2020 section) has one name, from rules.kbli_sections, on every page and in every file that
shows it: the search filter, the city dashboard filter, the vacancy page, the company review, the placement report
(page, CSV, XLSX) and the Perpres 57/2023 export."""

import io

from openpyxl import load_workbook

from jobfair.extensions import db
from jobfair.models import JobFair
from jobfair.rules import kbli_sections
from jobfair.services.hiring import fairs
from tests import factories

CODE = "10710"  # C: Industri pengolahan
LABEL = str(kbli_sections.label_of_code(CODE))


def _data(app) -> dict:
    with app.app_context():
        company = factories.application_company()
        company.company.kbli_code = CODE
        db.session.commit()
        fair = factories.make_fair()
        fairs.take_booth(company, fair.id)
        fair_vacancy = factories.fair_vacancy(company, fair=db.session.get(JobFair, fair.id), openings=4)
        factories.fair_application(fair_vacancy, factories.make_seeker(), status="hired", placement="verified")
        open_vacancy = factories.published_vacancy(company)
        return {"company": company.company_id, "fair": fair.id, "vacancy": open_vacancy.id}


def _cells(workbook_bytes: bytes) -> set:
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    return {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}


def test_one_name_for_a_sector_on_every_page_and_in_every_export(app, client, officer_client):
    ids = _data(app)
    assert LABEL == "C – Industri pengolahan"
    pages = {
        "search filter": client.get("/lowongan").get_data(as_text=True),
        "vacancy page": client.get(f"/lowongan/{ids['vacancy']}").get_data(as_text=True),
        "city dashboard filter": officer_client.get("/disnaker/angka-kota").get_data(as_text=True),
        "company review": officer_client.get(f"/disnaker/perusahaan/{ids['company']}").get_data(as_text=True),
        "placement report": officer_client.get(f"/disnaker/laporan/penempatan?bursa={ids['fair']}")
        .get_data(as_text=True),
        "placement report CSV": officer_client.get(f"/disnaker/laporan/penempatan.csv?bursa={ids['fair']}")
        .get_data(as_text=True),
    }
    for where, text in pages.items():
        assert LABEL in text, where
        assert "C - " not in text, where  # the report's own list of names is gone
    report = _cells(officer_client.get(f"/disnaker/laporan/penempatan.xlsx?bursa={ids['fair']}").data)
    perpres = _cells(officer_client.get("/disnaker/lowongan/laporan-perpres-57-2023.xlsx").data)
    assert LABEL in report and LABEL in perpres and "Sektor KBLI" in perpres
