from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from jobfair.extensions import db as _db
from jobfair.models import Ak1Card, Ak1Status, Placement
from jobfair.rules import monthly_report as rules
from jobfair.services.errors import PermissionDenied, ValidationFailed
from jobfair.services.office import monthly_report as mr
from tests import factories as f

NOV, OCT = date(2025, 11, 1), date(2025, 10, 1)


@pytest.fixture
def officer(db):
    return f.make_user("officer")


def figure(report, section, label):
    return next(x for x in report.section(section).figures if x.label == label)


def verified_placement(verified_at: datetime, *, company=None):
    company = company or f.fair_verified_company()
    vacancy = f.fair_vacancy(company, openings=4, published_at=verified_at)
    application = f.fair_application(vacancy, f.make_seeker(), status="hired", placement="verified")
    placement = _db.session.query(Placement).filter_by(application_id=application.id).one()
    placement.verified_at = verified_at
    placement.created_at = verified_at
    _db.session.commit()
    return placement


def test_a_placement_verified_this_month_counts_this_month_and_not_last(officer):
    verified_placement(datetime(2025, 11, 3, 2, tzinfo=UTC))
    report = mr.monthly_report(officer, NOV)
    placed = figure(report, "bursa-kerja", "Penempatan terverifikasi")
    assert (placed.value, placed.previous) == (1, 0)
    assert figure(report, "bursa-kerja", "Formasi (potensi serapan)").value == 4
    assert figure(report, "bursa-kerja", "Tingkat penempatan").value == 25.0
    earlier = mr.monthly_report(officer, OCT)
    assert figure(earlier, "bursa-kerja", "Penempatan terverifikasi").value == 0
    chart = report.section("bursa-kerja").chart("penempatan")
    assert chart.items[-1] == ("Nov 2025", 1) and len(chart.items) == 6


def test_month_edges_are_cut_at_midnight_wita(officer):
    # 31 Oct 2025 16:30 UTC is 1 Nov 00:30 WITA: a November placement.
    verified_placement(datetime(2025, 10, 31, 16, 30, tzinfo=UTC))
    report = mr.monthly_report(officer, NOV)
    placed = figure(report, "bursa-kerja", "Penempatan terverifikasi")
    assert (placed.value, placed.previous) == (1, 0)


def test_change_since_last_month(officer):
    company = f.fair_verified_company()
    verified_placement(datetime(2025, 10, 10, 3, tzinfo=UTC), company=company)
    verified_placement(datetime(2025, 11, 10, 3, tzinfo=UTC), company=company)
    verified_placement(datetime(2025, 11, 12, 3, tzinfo=UTC), company=company)
    placed = figure(mr.monthly_report(officer, NOV), "bursa-kerja", "Penempatan terverifikasi")
    assert (placed.value, placed.previous) == (2, 1)
    assert placed.change.delta == 1 and placed.change.percent == 100.0
    assert placed.change.text == "+1" and placed.change.percent_text == "+100,0 %"


def test_a_month_with_nothing_shows_zeros(officer):
    report = mr.monthly_report(officer, date(2024, 2, 1))
    assert [s.key for s in report.sections] == list(mr.SECTION_KEYS)
    for section in report.sections:
        for fig in section.figures:
            assert fig.value in (0, None) and fig.previous in (0, None), (section.key, fig.label)
    assert figure(report, "bursa-kerja", "Tingkat penempatan").value is None  # no openings: no rate
    assert report.section("bantuan").figures == []


def test_ak1_cards_issued_active_lapsed_and_placed(officer):
    seeker = f.make_seeker()
    card = f.issued_card(seeker, officer, today=date(2025, 10, 20))
    report = mr.monthly_report(officer, NOV)
    assert figure(report, "ak1", "Kartu diterbitkan").previous == 1
    assert figure(report, "ak1", "Kartu aktif (akhir bulan)").value == 1
    card = _db.session.get(Ak1Card, card.id)
    card.status = Ak1Status.PLACED.value
    card.closed_at = datetime(2025, 11, 20, 4, tzinfo=UTC)
    _db.session.commit()
    report = mr.monthly_report(officer, NOV)
    active = figure(report, "ak1", "Kartu aktif (akhir bulan)")
    assert (active.value, active.previous) == (0, 1)
    assert figure(report, "ak1", "Kartu ditutup karena ditempatkan").value == 1


def test_protection_and_aid_figures(officer):
    bpjs = f.ledger_programme(budget=16_800 * 10)
    for category in ("nelayan", "nelayan", "petani"):
        enrolment = f.figures_enrolment(bpjs, f.figures_worker(category=category))
        f.figures_ledger(enrolment, NOV, status="paid")
    f.figures_enrolment(bpjs, cover_to=OCT)  # covered until October only
    aid = f.ledger_programme("recurring_aid", name="Sembako lansia")
    food = f.figures_enrolment(aid, f.figures_worker(category=None))
    f.figures_ledger(food, NOV, amount=250_000, status="delivered", quantity=1)
    report = mr.monthly_report(officer, NOV)
    covered = figure(report, "perlindungan", "Pekerja ditanggung")
    assert (covered.value, covered.previous) == (3, 4)
    assert figure(report, "perlindungan", "Biaya iuran dibayar").value == 3 * 16_800
    assert figure(report, "perlindungan", "Anggaran terpakai sampai bulan ini").value == 30.0
    assert dict(report.section("perlindungan").chart("kategori").items) == {"Nelayan": 2, "Petani": 1}
    assert figure(report, "bantuan", "Sembako lansia: penerima").value == 1
    assert figure(report, "bantuan", "Sembako lansia: Paket sembako diserahkan").value == 1
    assert figure(report, "bantuan", "Sembako lansia: nilai diserahkan").value == 250_000


def test_the_protection_section_counts_what_the_city_pays(officer):
    """Issue 15, point 2: the report says "ditanggung kota": a province-paid worker and cost are not the city's."""
    city = f.ledger_programme(budget=16_800 * 10)
    f.figures_ledger(f.figures_enrolment(city), NOV, status="paid")
    province = f.ledger_programme(payer="province", funder="province", budget=16_800 * 10)
    f.figures_ledger(f.figures_enrolment(province), NOV, status="paid")
    report = mr.monthly_report(officer, NOV)
    assert figure(report, "perlindungan", "Pekerja ditanggung").value == 1
    assert figure(report, "perlindungan", "Biaya iuran dibayar").value == 16_800
    assert figure(report, "perlindungan", "Anggaran terpakai sampai bulan ini").value == 10.0


def test_training_and_apprenticeships(officer):
    course = f.make_course(officer, starts_on=date(2025, 11, 3), ends_on=date(2025, 11, 20))
    report = mr.monthly_report(officer, NOV)
    running = figure(report, "smk", "Pelatihan berlangsung")
    assert (running.value, running.previous) == (1, 0)
    assert course.id


@pytest.mark.parametrize("role", ["seeker", "company", "school", "student"])
def test_officers_only(db, role):
    with pytest.raises(PermissionDenied):
        mr.monthly_report(f.make_user(role), NOV)


def test_parse_month():
    today = date(2025, 12, 5)
    assert mr.parse_month(None, today) == NOV
    assert mr.parse_month("2025-07", today) == date(2025, 7, 1)
    for bad in ("2025-13", "2025-1", "juli", "2026-01", "1999-12", "2025-07-01", "<script>"):
        with pytest.raises(ValidationFailed) as info:
            mr.parse_month(bad, today)
        assert "TTTT-BB" in info.value.field_errors["bulan"]


def test_change_rules():
    assert rules.change(0, 0).text == "0" and rules.change(0, 0).percent is None
    assert rules.change(5, 0).percent is None and rules.change(5, 0).text == "+5"
    assert rules.change(1_500, 2_000).text == "\u2212500" and rules.change(1_500, 2_000).percent == -25.0
    assert rules.change(30.0, 12.5, rate=True).percent is None
    assert rules.change(30.0, 12.5, rate=True).text == "+17,5"
    assert rules.series_months(date(2025, 2, 1))[0] == date(2024, 9, 1)


def _count_queries(call) -> int:
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    return len(statements)


def test_query_count_does_not_grow_with_records(officer):
    bpjs = f.ledger_programme()
    aid = f.ledger_programme("recurring_aid")
    _db.session.expire_all()
    few = _count_queries(lambda: mr.monthly_report(officer, NOV))
    company = f.fair_verified_company()
    for day in range(1, 6):
        verified_placement(datetime(2025, 11, day, 3, tzinfo=UTC), company=company)
        enrolment = f.figures_enrolment(bpjs)
        f.figures_ledger(enrolment, NOV, status="paid")
        f.figures_ledger(f.figures_enrolment(aid), NOV, status="delivered")
    f.ledger_programme("one_off_aid")
    _db.session.expire_all()
    many = _count_queries(lambda: mr.monthly_report(officer, NOV))
    assert many == few
    assert many <= 20
