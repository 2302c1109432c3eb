from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from jobfair.models import AuditEvent
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.people import reveal_nik
from jobfair.services.protection import protection_figures as pf
from jobfair.services.protection import protection_figures_export as pfx
from tests import factories as f

TODAY = date(2025, 6, 15)


@pytest.fixture
def officer(db):
    return f.make_user("officer")


@pytest.fixture
def bpjs(db):
    return f.ledger_programme(budget=16_800 * 12 * 10)


def by_label(rows):
    return {r["label"]: r["count"] for r in rows}


def test_counts_come_from_the_records_and_follow_new_enrolments(officer, bpjs):
    f.figures_enrolment(bpjs, f.figures_worker(category="nelayan", kecamatan="647101", sex="L",
                                               birth=date(2003, 1, 1)))
    f.figures_enrolment(bpjs, f.figures_worker(category="petani", kecamatan="647102", sex="P",
                                               birth=date(1960, 1, 1)))
    data = pf.figures(officer, today=TODAY)
    assert data["covered"] == 2
    assert by_label(data["by_category"]) == {"Nelayan": 1, "Petani": 1}
    assert by_label(data["by_kecamatan"]) == {"Balikpapan Timur": 1, "Balikpapan Barat": 1}
    assert by_label(data["by_sex"]) == {"Laki-laki": 1, "Perempuan": 1}
    assert by_label(data["by_age"]) == {"< 25": 1, "25–34": 0, "35–44": 0, "45–54": 0, "55–64": 0, "65+": 1}

    f.figures_enrolment(bpjs, f.figures_worker(category="nelayan", kecamatan="647101", birth=date(1990, 6, 16)))
    data = pf.figures(officer, today=TODAY)
    assert data["covered"] == 3
    assert by_label(data["by_category"])["Nelayan"] == 2
    assert by_label(data["by_age"])["25–34"] == 1  # 34 on 15 June 2025, 35 the day after


def test_age_band_edges_on_the_birthday(officer, bpjs):
    f.figures_enrolment(bpjs, f.figures_worker(birth=date(1990, 6, 15)))  # 35 exactly on TODAY
    f.figures_enrolment(bpjs, f.figures_worker(birth=date(1960, 6, 16)))  # 64 until tomorrow
    ages = by_label(pf.figures(officer, today=TODAY)["by_age"])
    assert ages["35–44"] == 1 and ages["55–64"] == 1 and ages["65+"] == 0


def test_covered_workers_are_those_covered_in_the_period(officer, bpjs):
    """Issue 15, point 3: an ended enrolment counts for the months it covered; unfinished ones never count."""
    f.figures_enrolment(bpjs)
    f.figures_enrolment(bpjs, status="ended", cover_to=date(2025, 3, 1))
    f.figures_enrolment(bpjs, status="registered")
    f.figures_enrolment(bpjs, status="rejected")
    assert pf.figures(officer, year=2025, month_from=4, month_to=12, today=TODAY)["covered"] == 1
    assert pf.figures(officer, year=2025, month_from=1, month_to=3, today=TODAY)["covered"] == 2
    assert pf.figures(officer, year=2025, today=TODAY)["covered"] == 2
    assert pf.figures(officer, year=2026, today=TODAY)["covered"] == 0
    data = pf.figures(officer, today=TODAY)  # all periods: everyone ever covered
    assert data["covered"] == 2
    cover = {r["month"]: r["count"] for r in data["cover_by_month"]}
    assert cover[date(2025, 3, 1)] == 2 and cover[date(2025, 4, 1)] == 1  # the ended one counted while covered


def test_a_worker_in_two_programmes_is_counted_once(officer, bpjs):
    aid = f.ledger_programme("recurring_aid")
    worker = f.figures_worker()
    f.figures_enrolment(bpjs, worker)
    f.figures_enrolment(aid, worker)
    data = pf.figures(officer, today=TODAY)
    assert data["covered"] == 1
    assert pf.figures(officer, programme_id=aid.id, today=TODAY)["covered"] == 1


def test_cost_per_month_and_budget_used_from_the_ledger(officer, bpjs):
    one, two = f.figures_enrolment(bpjs), f.figures_enrolment(bpjs)
    f.figures_ledger(one, date(2025, 1, 1), status="paid")
    f.figures_ledger(two, date(2025, 1, 1), status="paid")
    f.figures_ledger(one, date(2025, 2, 1), status="due")
    data = pf.figures(officer, programme_id=bpjs.id, year=2025, today=TODAY)
    months = {r["month"]: r for r in data["cost_by_month"]}
    assert len(months) == 12  # the whole year, zeros included
    assert months[date(2025, 1, 1)]["paid"] == 33_600 and months[date(2025, 1, 1)]["due"] == 0
    assert months[date(2025, 2, 1)]["due"] == 16_800 and months[date(2025, 3, 1)]["total"] == 0
    assert data["paid_total"] == 33_600 and data["due_total"] == 16_800
    (row,) = data["programmes"]
    assert row["paid"] == 33_600 and row["budget_used"] == "1,7 %"  # 33.600 / 2.016.000
    only_feb = pf.figures(officer, year=2025, month_from=2, month_to=2, today=TODAY)
    assert only_feb["paid_total"] == 0 and only_feb["due_total"] == 16_800
    assert [r["label"] for r in only_feb["cover_by_month"]] == ["Feb 2025"]


def test_claims_by_kind_and_status_with_amounts(officer, bpjs):
    enrolment = f.figures_enrolment(bpjs)
    f.figures_claim(enrolment, kind="accident", status="paid", amount=2_000_000)
    f.figures_claim(enrolment, kind="accident", status="paid", amount=3_000_000)
    f.figures_claim(enrolment, kind="death", status="filed", amount=42_000_000, incident_date=date(2025, 8, 1))
    data = pf.figures(officer, today=TODAY)
    claims = {(c["kind"], c["status"]): (c["count"], c["amount"]) for c in data["claims"]}
    assert claims == {("accident", "paid"): (2, 5_000_000), ("death", "filed"): (1, 42_000_000)}
    assert pf.figures(officer, year=2025, month_to=6, today=TODAY)["claims_count"] == 2


def test_aid_beneficiaries_and_deliveries_per_programme(officer):
    legs = f.ledger_programme("one_off_aid", budget=91_000_000)
    for _ in range(3):
        enrolment = f.figures_enrolment(legs)
        f.figures_ledger(enrolment, date(2025, 5, 1), amount=7_000_000, status="delivered")
    f.figures_enrolment(legs, status="registered")
    data = pf.figures(officer, today=TODAY)
    (aid,) = data["aid"]
    assert aid["beneficiaries"] == 3 and aid["deliveries"] == 3 and aid["item_count"] == 3
    assert aid["paid"] == 21_000_000 and aid["budget_used"] == "23,1 %"


def _count_queries(db, call) -> int:
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


def _add_rows(programme, count: int) -> None:
    categories, kecamatan = ["nelayan", "petani", "ojek", None], ["647101", "647102", "647103", None]
    for i in range(count):
        worker = f.figures_worker(category=categories[i % 4], kecamatan=kecamatan[i % 4], sex="LP"[i % 2],
                                  birth=date(1950 + i % 50, 1 + i % 12, 1))
        enrolment = f.figures_enrolment(programme, worker, status="ended" if i % 7 == 0 else "active")
        f.figures_ledger(enrolment, date(2025, 1 + i % 12, 1), status="paid" if i % 2 else "due")
        if i % 5 == 0:
            f.figures_claim(enrolment, kind="accident" if i % 2 else "death")


def test_the_number_of_queries_does_not_grow_with_the_data(officer, bpjs, db):
    _add_rows(bpjs, 10)
    db.session.expire_all()
    few = _count_queries(db, lambda: pf.figures(officer, programme_id=bpjs.id, year=2025))
    small = pf.figures(officer, programme_id=bpjs.id, year=2025)["covered"]
    _add_rows(bpjs, 90)
    db.session.expire_all()
    many = _count_queries(db, lambda: pf.figures(officer, programme_id=bpjs.id, year=2025))
    assert pf.figures(officer, programme_id=bpjs.id, year=2025)["covered"] > small
    assert many == few and few <= 9


def test_only_officers_and_good_filters(officer, db):
    seeker = f.make_user("seeker")
    with pytest.raises(PermissionDenied):
        pf.figures(seeker)
    with pytest.raises(PermissionDenied):
        pf.figures(None)
    with pytest.raises(NotFound):
        pf.figures(officer, programme_id=999_999)
    with pytest.raises(ValidationFailed) as exc:
        pf.figures(officer, year=2025, month_from=6, month_to=3)
    assert "month_to" in exc.value.field_errors
    with pytest.raises(ValidationFailed) as exc:
        pf.figures(officer, month_from=3)
    assert "year" in exc.value.field_errors
    with pytest.raises(ValidationFailed) as exc:
        pf.figures(officer, year=1899)
    assert "year" in exc.value.field_errors
    with pytest.raises(ValidationFailed):
        pf.figures(officer, year=2025, month_from=13)


def test_figures_xlsx_has_one_sheet_per_breakdown_and_no_nik(officer, bpjs):
    enrolment = f.figures_enrolment(bpjs, f.figures_worker(full_name="=HYPERLINK(\"x\")"))
    f.figures_ledger(enrolment, date(2025, 1, 1), status="paid")
    book = load_workbook(BytesIO(pfx.figures_xlsx(officer, year=2025)))
    assert {"Ringkasan", "Kategori", "Kecamatan", "Jenis kelamin", "Kelompok usia", "Cakupan per bulan",
            "Biaya per bulan", "Program dan anggaran", "Klaim"} <= set(book.sheetnames)
    assert [c.value for c in book["Kategori"][2]] == ["Nelayan", 1]
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
    assert reveal_nik(enrolment.worker.person) not in cells


def test_bpjs_export_lists_the_month_with_clear_nik_and_is_audited(officer, bpjs, db):
    covered = f.figures_enrolment(bpjs, f.figures_worker(full_name="Siti Aminah", sex="P"), kpj_number="12345678901")
    f.figures_ledger(covered, date(2025, 3, 1), status="paid")
    f.figures_enrolment(bpjs, status="ended", cover_to=date(2025, 2, 1))  # not covered in March
    f.figures_enrolment(bpjs, status="registered")                        # not decreed
    headers, rows = pfx.bpjs_export(officer, bpjs.id, date(2025, 3, 1))
    assert headers[0] == "NIK" and len(rows) == 1
    row = dict(zip(headers, rows[0], strict=True))
    assert row["NIK"] == reveal_nik(covered.worker.person) and row["Nama lengkap"] == "Siti Aminah"
    assert row["Jenis kelamin"] == "Perempuan" and row["No. KPJ"] == "12345678901"
    assert row["Pekerjaan"] == "Nelayan" and row["Kecamatan"] == "Balikpapan Timur"
    assert (row["Iuran JKK (Rp)"], row["Iuran JKM (Rp)"], row["Jumlah iuran JKK+JKM (Rp)"]) == (10_000, 6_800, 16_800)
    assert row["Bulan kepesertaan"] == "2025-03"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.bpjs_exported"))
    assert event.actor_id == officer.id and event.detail == {"month": "2025-03", "rows": 1}
    assert reveal_nik(covered.worker.person) not in str(event.detail)


def test_bpjs_export_refusals(officer, bpjs, db):
    f.figures_enrolment(bpjs)
    aid = f.ledger_programme("recurring_aid")
    with pytest.raises(ValidationFailed) as exc:
        pfx.bpjs_export(officer, aid.id, date(2025, 3, 1))
    assert "programme_id" in exc.value.field_errors
    with pytest.raises(ValidationFailed) as exc:
        pfx.bpjs_export(officer, bpjs.id, date(2026, 3, 1))
    assert "month" in exc.value.field_errors
    with pytest.raises(NotFound):
        pfx.bpjs_export(officer, 999_999, date(2025, 3, 1))
    with pytest.raises(PermissionDenied):
        pfx.bpjs_export(f.make_user("company"), bpjs.id, date(2025, 3, 1))
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.bpjs_exported")) is None


def test_chart_svg_of_the_figures(officer, bpjs):
    f.figures_enrolment(bpjs, f.figures_worker(category=None, kecamatan=None))
    svg = pf.chart_svg(officer, "kategori", year=2025)
    assert "Tanpa kategori" in svg and svg.startswith("<svg")
    assert "<polyline" in pf.chart_svg(officer, "cakupan", year=2025)
    with pytest.raises(NotFound):
        pf.chart_svg(officer, "tidak-ada")
