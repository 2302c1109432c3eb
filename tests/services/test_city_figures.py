"""services.city_figures / city_charts: headline figures computed from the records, filters, constant query count."""

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event

from jobfair.extensions import db as _db
from jobfair.models import FairBooth
from jobfair.services.errors import PermissionDenied, ValidationFailed
from jobfair.services.hiring import placements
from jobfair.services.office import city_charts, city_figures
from jobfair.services.protection import enrolments
from tests import factories


def values(**filters) -> dict:
    return {fig.key: fig.value for fig in city_figures.headline(**filters)}


@contextmanager
def counted_statements():
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = _db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _fair_with_placements(officer, *, companies=2, seekers=2, kecamatan="647103", fair=None):
    fair = fair or factories.make_fair(officer, booth_count=50)
    reported = []
    for i in range(companies):
        company = factories.fair_verified_company()
        if i == 0:
            company.company.kbli_code = "41011"  # F - Konstruksi
        _db.session.add(FairBooth(fair_id=fair.id, company_id=company.company_id,
                                  booth_number=i + 1 + fair.booths_taken))
        _db.session.commit()
        vacancy = factories.fair_vacancy(company, fair=fair, openings=5, kecamatan_code=kecamatan)
        for _ in range(seekers):
            application = factories.fair_application(vacancy, factories.make_seeker(), status="hired",
                                                     placement="reported")
            reported.append(application.id)
    fair.booths_taken += companies
    _db.session.commit()
    return fair, reported


def _placement_of(application_id):
    from sqlalchemy import select

    from jobfair.models import Placement

    return _db.session.scalar(select(Placement).where(Placement.application_id == application_id))


def test_one_more_verified_placement_adds_one_and_changes_the_rate(db):
    officer = factories.make_officer()
    fair, reported = _fair_with_placements(officer)
    placements.verify(officer, _placement_of(reported[0]).id)
    before = values()
    assert before["fairs.companies"] == 2 and before["fairs.vacancies"] == 2 and before["fairs.openings"] == 10
    assert before["fairs.applications"] == 4 and before["fairs.hires"] == 4
    assert before["fairs.verified_placements"] == 1 and before["fairs.placement_rate"] == 10.0
    placements.verify(officer, _placement_of(reported[1]).id)
    after = values()
    assert after["fairs.verified_placements"] == before["fairs.verified_placements"] + 1
    assert after["fairs.placement_rate"] == 20.0


def test_ending_an_enrolment_removes_one_covered_worker_and_its_cost_after_its_last_month(db):
    officer = factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    first = factories.make_enrolment(programme=programme, actor=officer)
    factories.make_enrolment(programme=programme, actor=officer)
    april = dict(period_from=date(2025, 4, 1), period_to=date(2025, 12, 1))
    before = values(**april)
    assert before["protection.covered_workers"] == 2
    assert before["protection.monthly_cost"] == 2 * programme.amount_per_month
    enrolments.end(officer, first.id, reason="Meninggal dunia", last_month=date(2025, 3, 1))
    after = values(**april)
    assert after["protection.covered_workers"] == before["protection.covered_workers"] - 1
    assert after["protection.monthly_cost"] == programme.amount_per_month
    by_category = {k: v for k, v in after.items() if k.startswith("protection.covered_workers.")}
    assert sum(by_category.values()) == 1
    # covered January–March: still a covered worker of 2025 and of the first quarter
    assert values(period_from=date(2025, 1, 1), period_to=date(2025, 3, 1))["protection.covered_workers"] == 2
    assert values(period_from=date(2025, 1, 1), period_to=date(2025, 12, 1))["protection.covered_workers"] == 2


def test_aid_beneficiaries_and_deliveries_per_programme(db):
    officer = factories.make_officer()
    sembako = factories.aid_programme(actor=officer, name="Paket sembako lansia")
    enrolment = factories.figures_enrolment(sembako, factories.figures_worker(kecamatan="647105"))
    factories.figures_enrolment(sembako, factories.figures_worker(kecamatan="647101"))
    for month in (1, 2, 3):
        factories.figures_ledger(enrolment, date(2025, month, 1), amount=300_000, status="delivered", quantity=1)
    figures = values()
    assert figures["aid.paket_sembako_lansia_2025.beneficiaries"] == 2
    assert figures["aid.paket_sembako_lansia_2025.deliveries"] == 3
    assert values(kecamatan="647101")["aid.paket_sembako_lansia_2025.deliveries"] == 0
    assert values(period_from=date(2025, 2, 1), period_to=date(2025, 2, 1))[
        "aid.paket_sembako_lansia_2025.deliveries"] == 1


def test_training_apprenticeships_and_ak1_from_records(db):
    officer = factories.make_officer()
    factories.make_course(officer, field="Pengelasan")
    factories.make_course(officer, field="Pengelasan", name="Las lanjutan")
    factories.make_course(officer, field="Perhotelan")
    factories.make_apprenticeship(status="active")
    factories.make_apprenticeship(status="completed")
    factories.make_apprenticeship(status="terminated")
    factories.issued_card(factories.make_seeker(), officer)
    figures = values()
    assert figures["training.kinds"] == 2 and figures["training.participants"] == 0
    assert figures["apprenticeships.participants"] == 2 and figures["apprenticeships.completed"] == 1
    assert figures["ak1.issued"] == 1 and figures["ak1.active"] == 1 and figures["ak1.lapsed"] == 0


def test_filters_kecamatan_sector_fair_and_period(db):
    officer = factories.make_officer()
    fair, _ = _fair_with_placements(officer, companies=2, seekers=1, kecamatan="647103")
    other = factories.make_fair(officer, name="Bursa kerja kedua", starts_on=date(2030, 5, 1),
                                ends_on=date(2030, 5, 2), booth_count=5)
    _fair_with_placements(officer, companies=1, seekers=1, kecamatan="647105", fair=other)
    assert values()["fairs.openings"] == 15
    assert values(fair_id=fair.id)["fairs.openings"] == 10
    assert values(kecamatan="647105")["fairs.openings"] == 5
    assert values(sector="F")["fairs.companies"] == 2  # one construction company at each fair
    assert values(period_from=date(2030, 5, 1), period_to=date(2030, 5, 1))["fairs.companies"] == 1
    with pytest.raises(ValidationFailed) as bad:
        city_figures.headline(period_from=date(2025, 5, 1), period_to=date(2025, 1, 1), fair_id=99999,
                              kecamatan="123", sector="Z")
    assert set(bad.value.field_errors) == {"period_to", "fair_id", "kecamatan", "sector"}


def test_dashboard_and_charts_are_for_officers_only(db):
    with pytest.raises(PermissionDenied):
        city_charts.dashboard(factories.make_seeker())
    with pytest.raises(PermissionDenied):
        city_figures.office_headline(None)
    officer = factories.make_officer()
    data = city_charts.dashboard(officer)
    assert {c["slug"] for c in data["charts"]} == set(city_charts.CHARTS)
    svg = city_charts.chart_svg(officer, "pekerja-per-kategori")
    assert svg.startswith("<svg") and "<script" not in svg


def _grow(officer, rounds: int) -> None:
    programme = factories.bpjs_programme(actor=officer)
    aid = factories.aid_programme(actor=officer)
    for _ in range(rounds):
        _fair_with_placements(officer, companies=1, seekers=2)
        factories.figures_enrolment(programme, factories.figures_worker(category="petani"))
        factories.figures_enrolment(aid, factories.figures_worker())
        factories.make_apprenticeship(status="active")


def test_query_count_does_not_grow_with_the_data(db):
    officer = factories.make_officer()
    _grow(officer, 1)
    with counted_statements() as small:
        city_charts.dashboard(officer)
    _grow(officer, 4)
    with counted_statements() as large:
        city_charts.dashboard(officer)
    assert len(small) == len(large)
    assert len(large) <= 20
