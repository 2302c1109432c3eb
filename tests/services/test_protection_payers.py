"""Issue 15, point 2: one payer per person and month across programmes, each payer's cost counted separately, and
"not already a BPJS Ketenagakerjaan member" (Perwali 3/2025) asked and recorded at enrolment."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobfair.models import CoverMonth, Enrolment, LedgerEntry, Programme
from jobfair.services.errors import ValidationFailed
from jobfair.services.office import city_figures
from jobfair.services.protection import enrolments, ledger, protection_figures
from tests import factories

REGISTRATION_DAY = date(2024, 11, 1)


@pytest.fixture
def officer(db):
    return factories.make_officer()


def _province(officer, **overrides):
    fields = dict(name="Subsidi iuran BPJS Pemprov Kaltim", funder="province", payer="province", cover_kind="")
    fields.update(overrides)
    return factories.bpjs_programme(actor=officer, **fields)


def _enrol(officer, programme, worker, **overrides):
    fields = dict(cover_from=date(2025, 1, 1), cover_to=date(2025, 12, 1), already_bpjs_member=False,
                  verifying_office="Dinas Perikanan", today=REGISTRATION_DAY)
    fields.update(overrides)
    return enrolments.enrol(officer, programme.id, worker.id, **fields)


def test_every_bpjs_subsidy_gives_the_same_jkk_jkm_cover_whoever_pays(db, officer):
    with pytest.raises(ValidationFailed) as exc:
        _province(officer, cover_kind="bpjs_kaltim")  # its own code would escape the once-per-month key
    assert "bpjs_jkk_jkm" in exc.value.field_errors["cover_kind"]
    province = _province(officer)                     # left empty: the JKK+JKM cover of every BPJS subsidy
    assert province.cover_kind == factories.bpjs_programme(actor=officer).cover_kind == "bpjs_jkk_jkm"
    # the database holds it too, whatever writes the row
    db.session.add(Programme(name="Program nakal", kind="contribution_subsidy", cover_kind="bpjs_lain",
                             owning_office="Disnaker", funder="city", payer="city", year=2025, quota=1,
                             enrolled_count=0, budget=0, amount_per_month=16_800, eligibility={}))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_person_paid_by_the_province_is_not_paid_by_the_city_in_the_same_months(db, officer):
    city, province = factories.bpjs_programme(actor=officer), _province(officer)
    worker = factories.make_worker(actor=officer)
    _enrol(officer, province, worker, cover_to=date(2025, 6, 1))
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, city, worker)
    assert "Pemprov Kaltim" in exc.value.field_errors["cover_from"]
    city_months = _enrol(officer, city, worker, cover_from=date(2025, 7, 1))  # the months the province does not pay
    assert city_months.payer == "city"
    months = db.session.execute(select(CoverMonth.month, Enrolment.payer).join(Enrolment)
                                .order_by(CoverMonth.month)).all()
    assert [payer for _month, payer in months] == ["province"] * 6 + ["city"] * 6


def test_the_payer_is_the_programmes(db, officer):
    city = factories.bpjs_programme(actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, city, factories.make_worker(actor=officer), payer="province")
    assert "provinsi" in exc.value.field_errors["payer"].lower()
    assert _enrol(officer, city, factories.make_worker(actor=officer)).payer == "city"  # none given: the programme's
    db.session.add(Enrolment(programme_id=city.id, worker_id=factories.make_worker(actor=officer).id,
                             status="registered", payer="bank"))
    with pytest.raises(IntegrityError):  # only city, province or self
        db.session.commit()
    db.session.rollback()


def test_the_city_ledger_counts_only_city_paid_months(db, officer):
    city = factories.ledger_programme()
    paid_by_city = factories.ledger_enrolment(city)
    factories.ledger_enrolment(city, payer="province")  # an old row recorded as province-paid in the city programme
    result = ledger.generate(officer, city.id, date(2025, 3, 1))
    assert result.created == 1
    assert [e.enrolment_id for e in db.session.scalars(select(LedgerEntry))] == [paid_by_city.id]
    assert ledger.month_totals(officer, city.id, date(2025, 3, 1))["covering"] == 1


def test_city_figures_count_each_payers_workers_and_cost_separately(db, officer):
    city, province = factories.ledger_programme(), factories.ledger_programme(payer="province", funder="province")
    factories.figures_enrolment(city)
    for _ in range(2):
        factories.figures_enrolment(province)
    values = {fig.key: fig.value for fig in city_figures.headline()}
    assert values["protection.covered_workers"] == 1 and values["protection.monthly_cost"] == 16_800
    assert values["protection.payer.province.covered_workers"] == 2
    assert values["protection.payer.province.monthly_cost"] == 2 * 16_800
    assert "protection.payer.city.covered_workers" not in values  # the city's own figure is the headline above


def test_protection_figures_split_the_cost_by_payer(db, officer):
    city, province = factories.ledger_programme(), factories.ledger_programme(payer="province", funder="province")
    factories.figures_ledger(factories.figures_enrolment(city), date(2025, 1, 1), status="paid")
    factories.figures_ledger(factories.figures_enrolment(province), date(2025, 1, 1), status="due")
    data = protection_figures.figures(officer, year=2025, today=date(2025, 6, 1))
    by_payer = {row["payer"]: row for row in data["by_payer"]}
    assert (by_payer["city"]["covered"], by_payer["city"]["paid"], by_payer["city"]["due"]) == (1, 16_800, 0)
    assert (by_payer["province"]["covered"], by_payer["province"]["paid"], by_payer["province"]["due"]) == \
        (1, 0, 16_800)
    assert by_payer["province"]["label"] == "Pemerintah Provinsi Kalimantan Timur"


def test_already_a_bpjs_member_is_asked_recorded_and_refused(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, factories.make_worker(actor=officer), already_bpjs_member=None)
    assert "Tanyakan" in exc.value.field_errors["already_bpjs_member"]
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, factories.make_worker(actor=officer), already_bpjs_member=True)
    assert "sudah menjadi peserta" in exc.value.field_errors["already_bpjs_member"]
    assert db.session.scalar(select(Enrolment.id)) is None
    enrolment = _enrol(officer, programme, factories.make_worker(actor=officer))
    assert db.session.get(Enrolment, enrolment.id).already_bpjs_member is False
    # aid programmes do not ask: the answer stays empty
    food = factories.aid_programme("recurring_aid", actor=officer)
    elder = factories.make_worker(actor=officer, is_elderly=True, birth_date=date(1955, 1, 1))
    assert _enrol(officer, food, elder, already_bpjs_member=None).already_bpjs_member is None
