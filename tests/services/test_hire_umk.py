"""A hire below the Balikpapan UMK needs the company's explicit confirmation, and the office sees it flagged."""

from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.models import Application, ApplicationEvent, Placement, UmkSetting, Vacancy
from jobfair.services import reference
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import applicants, applications, placements
from tests import factories

START = date(2025, 8, 1)
UMK_2025 = 3_701_508


def _shortlisted(db, company=None):
    company = company or factories.application_company()
    vacancy = factories.published_vacancy(company, openings=5)
    application = applications.apply(factories.seeker_with_cv(), vacancy.id, cover_letter="", today=date.today())
    applicants.change_status(company, application.id, "shortlisted", "")
    return company, application


def test_umk_in_force_is_the_years_or_the_latest_before(db):
    assert reference.umk_in_force(2025) == (2025, UMK_2025)
    assert reference.umk_in_force(2027) == (2025, UMK_2025)  # 2026/2027 not recorded yet: the latest known
    assert reference.umk_in_force(2019) is None
    db.session.add(UmkSetting(year=2026, amount=3_900_000))
    db.session.commit()
    try:
        assert reference.umk_in_force(2027) == (2026, 3_900_000)
        assert reference.umk_in_force(2025) == (2025, UMK_2025)
    finally:  # reference tables are not emptied between tests
        db.session.delete(db.session.get(UmkSetting, 2026))
        db.session.commit()


def test_hire_below_umk_is_refused_until_the_company_confirms(db):
    company, application = _shortlisted(db)
    with pytest.raises(ValidationFailed) as exc:
        applicants.hire(company, application.id, start_date=START, contract_type="PKWT", wage=2_500_000)
    message = exc.value.field_errors["below_umk_confirmed"]
    assert "Rp2.500.000" in message and "UMK Balikpapan 2025 (Rp3.701.508)" in message
    assert db.session.get(Application, application.id).status == "shortlisted"
    assert db.session.scalar(select(func.count()).select_from(Placement)) == 0
    assert db.session.get(Vacancy, application.vacancy_id).hired_count == 0

    placement = applicants.hire(company, application.id, start_date=START, contract_type="PKWT", wage=2_500_000,
                                below_umk_confirmed=True)
    assert placement.wage == 2_500_000 and placement.status == "reported"
    note = db.session.scalars(select(ApplicationEvent.note).where(ApplicationEvent.to_status == "hired")).one()
    assert "di bawah UMK" in note and "dikonfirmasi" in note


@pytest.mark.parametrize("wage", [UMK_2025, 4_000_000])
def test_hire_at_or_above_umk_needs_no_confirmation(db, wage):
    company, application = _shortlisted(db)
    placement = applicants.hire(company, application.id, start_date=START, contract_type="PKWT", wage=wage)
    note = db.session.scalars(select(ApplicationEvent.note).where(ApplicationEvent.to_status == "hired")).one()
    assert placement.wage == wage and "UMK" not in note


def test_office_queue_flags_placements_below_umk(db):
    company, low = _shortlisted(db)
    _company, fair = _shortlisted(db, company)
    below = applicants.hire(company, low.id, start_date=START, contract_type="harian", wage=1_500_000,
                            below_umk_confirmed=True)
    above = applicants.hire(company, fair.id, start_date=START, contract_type="PKWTT", wage=UMK_2025)
    page = placements.queue(factories.make_user("officer"))
    assert [p.id for p in page.items] == [below.id, above.id]
    assert page.below_umk == {below.id: (2025, UMK_2025)}
