"""Issue 15, point 3: the yearly decree cycle of the BPJS subsidy (registration September–December, the decree in
December, cover from January, re-registration each year) and "covered workers" as a figure for a period."""

from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.models import Enrolment, UmkSetting
from jobfair.services.errors import ValidationFailed
from jobfair.services.office import city_figures
from jobfair.services.protection import enrolments, programmes, protection_figures
from tests import factories


@pytest.fixture
def officer(db):
    return factories.make_officer()


def _enrol(officer, programme, worker, day, **overrides):
    fields = dict(cover_from=date(programme.year, 1, 1), cover_to=date(programme.year, 12, 1),
                  already_bpjs_member=False, today=day)
    fields.update(overrides)
    return enrolments.enrol(officer, programme.id, worker.id, **fields)


def test_registration_happens_in_the_window_before_the_cover_year(db, officer):
    programme = factories.bpjs_programme(actor=officer)  # cover year 2025
    for day in (date(2024, 8, 31), date(2025, 1, 2), date(2025, 6, 1)):
        with pytest.raises(ValidationFailed) as exc:
            _enrol(officer, programme, factories.make_worker(actor=officer), day)
        assert "1 September 2024 sampai 31 Desember 2024" in exc.value.field_errors["programme_id"]
    assert db.session.scalar(select(func.count(Enrolment.id))) == 0
    first = _enrol(officer, programme, factories.make_worker(actor=officer), date(2024, 9, 1))
    last = _enrol(officer, programme, factories.make_worker(actor=officer), date(2024, 12, 31))
    assert first.status == last.status == "registered"
    # aid programmes register all year (the prosthetic legs were registered in July 2025)
    legs = factories.aid_programme("one_off_aid", actor=officer)
    person = factories.make_worker(actor=officer, has_disability=True, disability_note="Amputasi kaki kiri")
    assert _enrol(officer, legs, person, date(2025, 7, 1), already_bpjs_member=None).status == "registered"


def test_the_decree_is_dated_in_december_before_the_cover_year(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    enrolment = factories.make_enrolment(programme=programme, status="sector_verified", actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        enrolments.decree(officer, [enrolment.id], decree_number="100.3.3.2/9/2024", decree_date=date(2024, 11, 29))
    assert "Desember 2024" in exc.value.field_errors["decree_date"]
    assert db.session.get(Enrolment, enrolment.id).status == "sector_verified"
    assert enrolments.decree(officer, [enrolment.id], decree_number="100.3.3.2/9/2024",
                             decree_date=date(2024, 12, 20)) == 1


@pytest.fixture
def umk_2026(db):
    programmes.set_umk(factories.make_user("admin"), 2026, 3_900_000)
    yield
    db.session.rollback()
    db.session.delete(db.session.get(UmkSetting, 2026))
    db.session.commit()


def test_reregistration_for_the_next_year_happens_in_its_window(db, officer, umk_2026):
    old, new = factories.bpjs_programme(actor=officer), factories.bpjs_programme(year=2026, actor=officer)
    member = factories.make_enrolment(programme=old, actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        enrolments.reregister_for_year(officer, old.id, new.id, today=date(2025, 8, 15))
    assert "1 September 2025" in exc.value.field_errors["programme_id_to"]
    result = enrolments.reregister_for_year(officer, old.id, new.id, today=date(2025, 9, 15))
    assert result.created == 1
    copy = db.session.scalar(select(Enrolment).where(Enrolment.programme_id == new.id))
    assert (copy.worker_id, copy.payer, copy.already_bpjs_member) == (member.worker_id, "city", False)


def test_covered_workers_are_a_figure_for_a_period(db, officer):
    """A member ended in June was covered in 2025; last year's members who were not re-registered are not covered
    this year, even though nothing ended their enrolment."""
    programme = factories.bpjs_programme(actor=officer)
    ended = factories.make_enrolment(programme=programme, actor=officer)
    enrolments.end(officer, ended.id, reason="Pindah domisili", last_month=date(2025, 6, 1))
    factories.make_enrolment(programme=programme, actor=officer)
    city = {fig.key: fig.value for fig in city_figures.headline(period_from=date(2025, 1, 1),
                                                                 period_to=date(2025, 12, 1))}
    assert city["protection.covered_workers"] == 2
    assert {fig.key: fig.value for fig in city_figures.headline(
        period_from=date(2025, 7, 1), period_to=date(2025, 7, 1))}["protection.covered_workers"] == 1
    assert {fig.key: fig.value for fig in city_figures.headline(
        period_from=date(2026, 1, 1), period_to=date(2026, 12, 1))}["protection.covered_workers"] == 0
    page = protection_figures.figures(officer, programme_id=programme.id, year=2025, today=date(2025, 12, 31))
    assert page["covered"] == 2
    assert protection_figures.figures(officer, year=2026, today=date(2026, 12, 31))["covered"] == 0
