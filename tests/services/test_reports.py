"""The placement report: totals, by sector and by kecamatan, per fair and overall; CSV and XLSX."""

import io

from openpyxl import load_workbook

from jobfair.rules import kbli_sections
from jobfair.services.hiring import fairs, reports
from tests import factories


def _data():
    fair = factories.make_fair()
    officer = factories.make_user("officer")
    factory_co = factories.fair_verified_company()
    factory_co.company.kbli_code = "10710"  # C: industri pengolahan
    shop = factories.fair_verified_company()
    shop.company.kbli_code = "47111"       # G: perdagangan
    unknown = factories.fair_verified_company()
    for company in (factory_co, shop, unknown):
        fairs.take_booth(company, fair.id)
    welder = factories.fair_vacancy(factory_co, fair=fair, title="Welder", openings=4, kecamatan_code="647101")
    cashier = factories.fair_vacancy(shop, fair=fair, title="Kasir", openings=6, kecamatan_code="647106")
    factories.fair_vacancy(unknown, fair=fair, title="Satpam", openings=10, kecamatan_code=None)
    factories.fair_vacancy(shop, title="Kasir cabang", openings=5, kecamatan_code="647106")  # not in the fair
    seekers = [factories.make_seeker() for _ in range(4)]
    factories.fair_application(welder, seekers[0], status="hired", placement="verified")
    factories.fair_application(welder, seekers[1], status="hired", placement="verified")
    factories.fair_application(cashier, seekers[2], status="hired", placement="reported")
    factories.fair_application(cashier, seekers[3], status="rejected")
    return fair, officer


def test_sector_rows_are_named_by_the_kbli_reference(db):
    fair, officer = _data()
    labels = [row["label"] for row in reports.placement_report(officer, fair_id=fair.id)["by_sector"]]
    assert labels and all(label in [name for _letter, name in kbli_sections.choices()] + [kbli_sections.UNKNOWN]
                          for label in labels)


def test_report_per_fair(db):
    fair, officer = _data()
    report = reports.placement_report(officer, fair_id=fair.id)
    totals = report["totals"]
    assert (totals["vacancies"], totals["openings"], totals["applications"], totals["hires"],
            totals["verified"], totals["rate"]) == (3, 20, 4, 3, 2, 10.0)
    sectors = {row["label"][:1]: row for row in report["by_sector"]}
    assert sectors["C"]["verified"] == 2 and sectors["C"]["rate"] == 50.0
    assert sectors["G"]["openings"] == 6 and sectors["G"]["hires"] == 1 and sectors["G"]["verified"] == 0
    assert report["by_sector"][-1]["label"] == reports.UNKNOWN and report["by_sector"][-1]["openings"] == 10
    kecamatan = {row["label"]: row for row in report["by_kecamatan"]}
    assert kecamatan["Balikpapan Timur"]["verified"] == 2
    assert kecamatan["Balikpapan Kota"]["applications"] == 2
    assert kecamatan[reports.UNKNOWN]["openings"] == 10


def test_report_overall_counts_every_vacancy(db):
    _fair, officer = _data()
    totals = reports.placement_report(officer)["totals"]
    assert totals["vacancies"] == 4 and totals["openings"] == 25


def test_csv_and_xlsx(db):
    fair, officer = _data()
    text = reports.report_csv(officer, fair_id=fair.id).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Kelompok,Lowongan,Formasi")
    assert "Jumlah,3,20,4,3,2,10.0" in text
    assert "Kecamatan: Balikpapan Timur,1,4,2,2,2,50.0" in text
    book = load_workbook(io.BytesIO(reports.report_xlsx(officer, fair_id=fair.id)))
    assert book.sheetnames == ["Ringkasan", "Per sektor", "Per kecamatan"]
    assert [c.value for c in book["Ringkasan"][2]] == ["Jumlah", 3, 20, 4, 3, 2, 10]


def test_only_the_office_reads_the_report(db):
    import pytest

    from jobfair.services.errors import PermissionDenied

    fair, _officer = _data()
    seeker = factories.make_seeker()
    for call in (reports.placement_report, reports.report_csv, reports.report_xlsx):
        with pytest.raises(PermissionDenied):
            call(seeker, fair_id=fair.id)
        with pytest.raises(PermissionDenied):
            call(None)
