"""Job fairs: creating, booths, attaching vacancies, free pre-registration, check-in, walk-ins and the figures."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from jobfair.extensions import db as _db
from jobfair.models import AuditEvent, FairBooth, FairRegistration, JobFair
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import fair_door, fairs
from tests import factories

START = date.today() + timedelta(days=10)


def _fair_fields(**overrides):
    fields = dict(name="Job Fair Juli", starts_on=START, ends_on=START + timedelta(days=1), venue="BSCC Dome",
                  description="Gratis", booth_count=2, capacity=2)
    fields.update(overrides)
    return fields


def test_officer_creates_a_fair_and_it_is_audited(db):
    officer = factories.make_user("officer")
    fair = fairs.create_fair(officer, **_fair_fields())
    assert fair.id and fair.booths_taken == 0 and fair.registered_count == 0
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "job_fair")) == "fair.created"


@pytest.mark.parametrize("overrides, field", [
    ({"name": ""}, "name"),
    ({"venue": ""}, "venue"),
    ({"starts_on": None}, "starts_on"),
    ({"ends_on": START - timedelta(days=1)}, "ends_on"),
    ({"booth_count": 0}, "booth_count"),
    ({"booth_count": None}, "booth_count"),
    ({"capacity": -1}, "capacity"),
])
def test_bad_fair_input_is_explained_and_nothing_is_created(db, overrides, field):
    officer = factories.make_user("officer")
    with pytest.raises(ValidationFailed) as caught:
        fairs.create_fair(officer, **_fair_fields(**overrides))
    assert field in caught.value.field_errors
    assert db.session.scalar(select(func.count(JobFair.id))) == 0


def test_only_the_office_creates_fairs(db):
    with pytest.raises(PermissionDenied):
        fairs.create_fair(factories.make_user("seeker"), **_fair_fields())


def test_update_cannot_go_below_what_is_taken(db):
    fair = factories.make_fair(booth_count=2, capacity=2)
    fairs.take_booth(factories.fair_verified_company(), fair.id)
    fairs.pre_register(factories.make_seeker(), fair.id)
    officer = factories.make_user("officer")
    with pytest.raises(ValidationFailed) as caught:
        fairs.update_fair(officer, fair.id, **_fair_fields(booth_count=1, capacity=0))
    assert "capacity" in caught.value.field_errors
    updated = fairs.update_fair(officer, fair.id, **_fair_fields(name="Job Fair Agustus", booth_count=5))
    assert updated.name == "Job Fair Agustus" and updated.booth_count == 5


def test_booths_are_numbered_and_the_count_is_enforced(db):
    fair = factories.make_fair(booth_count=2)
    first = fairs.take_booth(factories.fair_verified_company(), fair.id)
    second = fairs.take_booth(factories.fair_verified_company(), fair.id)
    assert (first.booth_number, second.booth_number) == (1, 2)
    with pytest.raises(InvalidState, match="sudah terisi"):
        fairs.take_booth(factories.fair_verified_company(), fair.id)
    assert db.session.get(JobFair, fair.id).booths_taken == 2
    assert db.session.scalar(select(func.count(FairBooth.id))) == 2


def test_unverified_company_cannot_take_a_booth(db):
    fair = factories.make_fair()
    with pytest.raises(InvalidState, match="diverifikasi"):
        fairs.take_booth(factories.make_company_user(), fair.id)
    assert db.session.get(JobFair, fair.id).booths_taken == 0


def test_a_company_takes_one_booth_only(db):
    fair = factories.make_fair()
    company = factories.fair_verified_company()
    fairs.take_booth(company, fair.id)
    with pytest.raises(InvalidState, match="sudah memiliki stan"):
        fairs.take_booth(company, fair.id)
    assert db.session.get(JobFair, fair.id).booths_taken == 1


def test_no_booth_after_the_fair(db):
    fair = factories.make_fair()
    with pytest.raises(InvalidState, match="selesai"):
        fairs.take_booth(factories.fair_verified_company(), fair.id, today=fair.ends_on + timedelta(days=1))


def test_attach_and_detach_own_vacancy(db):
    fair = factories.make_fair()
    company = factories.fair_verified_company()
    vacancy = factories.fair_vacancy(company)
    with pytest.raises(InvalidState, match="stan"):
        fairs.attach_vacancy(company, fair.id, vacancy.id)
    fairs.take_booth(company, fair.id)
    assert fairs.attach_vacancy(company, fair.id, vacancy.id).job_fair_id == fair.id
    assert fairs.detach_vacancy(company, fair.id, vacancy.id).job_fair_id is None
    with pytest.raises(NotFound):
        fairs.detach_vacancy(company, fair.id, vacancy.id)


def test_attaching_another_companys_vacancy_is_not_found(db):
    fair = factories.make_fair()
    company, other = factories.fair_verified_company(), factories.fair_verified_company()
    fairs.take_booth(company, fair.id)
    foreign = factories.fair_vacancy(other)
    with pytest.raises(NotFound):
        fairs.attach_vacancy(company, fair.id, foreign.id)
    assert _db.session.get(type(foreign), foreign.id).job_fair_id is None


def test_pre_registration_is_free_once_and_within_capacity(db):
    fair = factories.make_fair(capacity=2)
    first, second, third = (factories.make_seeker() for _ in range(3))
    ticket = fairs.pre_register(first, fair.id)
    assert len(ticket.ticket_code) == 8 and set(ticket.ticket_code) <= set(fairs.TICKET_ALPHABET)
    with pytest.raises(InvalidState, match="sudah terdaftar"):
        fairs.pre_register(first, fair.id)
    fairs.pre_register(second, fair.id)
    with pytest.raises(InvalidState, match="penuh"):
        fairs.pre_register(third, fair.id)
    assert db.session.get(JobFair, fair.id).registered_count == 2
    assert db.session.scalar(select(func.count(FairRegistration.id))) == 2
    assert fairs.my_ticket(first, fair.id).ticket_code == ticket.ticket_code
    with pytest.raises(NotFound):
        fairs.my_ticket(third, fair.id)


def test_check_in_by_code_once(db):
    fair = factories.make_fair()
    officer = factories.make_user("officer")
    ticket = fairs.pre_register(factories.make_seeker(), fair.id)
    typed = "  " + ticket.ticket_code[:4].lower() + "-" + ticket.ticket_code[4:] + " "
    checked = fair_door.check_in(officer, fair.id, typed)
    assert checked.checked_in_at is not None and checked.checked_in_by_id == officer.id
    with pytest.raises(InvalidState, match="sudah check-in pada .* WITA"):
        fair_door.check_in(officer, fair.id, ticket.ticket_code)


def test_unknown_or_other_fairs_code_is_refused(db):
    fair, other = factories.make_fair(), factories.make_fair(name="Bursa Lain")
    officer = factories.make_user("officer")
    ticket = fairs.pre_register(factories.make_seeker(), other.id)
    for code in ("ZZZZZZZZ", ticket.ticket_code, ""):
        with pytest.raises(ValidationFailed) as caught:
            fair_door.check_in(officer, fair.id, code)
        assert "code" in caught.value.field_errors
    assert _db.session.get(FairRegistration, ticket.id).checked_in_at is None


def test_walk_ins_ignore_the_online_capacity_and_are_checked_in(db):
    fair = factories.make_fair(capacity=0)
    officer = factories.make_user("officer")
    visitor = fair_door.register_walk_in(officer, fair.id, name="Budi Santoso", phone="081234567890")
    assert visitor.walk_in and visitor.checked_in_at is not None and visitor.seeker_id is None
    fair_door.register_walk_in(officer, fair.id, name="Ani", phone="081234567891")
    with pytest.raises(ValidationFailed) as caught:
        fair_door.register_walk_in(officer, fair.id, name="", phone="abc")
    assert set(caught.value.field_errors) == {"name", "phone"}
    assert db.session.get(JobFair, fair.id).registered_count == 0
    assert fair_door.list_registrations(officer, fair.id).total == 2


def test_figures_are_computed_with_a_constant_number_of_queries(db):
    fair = factories.make_fair()
    officer = factories.make_user("officer")
    company = factories.fair_verified_company()
    fairs.take_booth(company, fair.id)
    welder = factories.fair_vacancy(company, fair=fair, title="Welder", openings=4)
    factories.fair_vacancy(company, fair=fair, title="welder", openings=3)
    factories.fair_vacancy(company, fair=fair, title="Admin", openings=3)
    factories.fair_vacancy(company, fair=fair, title="Draft", openings=50, status="draft")
    seekers = [factories.make_seeker() for _ in range(3)]
    factories.fair_application(welder, seekers[0], status="hired", placement="verified")
    factories.fair_application(welder, seekers[1], status="hired", placement="reported")
    factories.fair_application(welder, seekers[2])
    ticket = fairs.pre_register(seekers[0], fair.id)
    fairs.pre_register(seekers[1], fair.id)
    fair_door.check_in(officer, fair.id, ticket.ticket_code)
    fair_door.register_walk_in(officer, fair.id, name="Budi", phone="081234567890")

    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        figures = fairs.fair_figures(fair.id)
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    assert len(statements) <= 5
    assert figures == {"companies": 1, "vacancies": 3, "job_titles": 2, "openings": 10, "registrants": 2,
                       "walk_ins": 1, "attendees": 2, "applications": 3, "hires": 2, "verified_placements": 1,
                       "placement_rate": 10.0}


def test_unknown_fair_is_not_found(db):
    with pytest.raises(NotFound):
        fairs.get_fair(999)
    with pytest.raises(NotFound):
        fairs.pre_register(factories.make_seeker(), 999)


def test_july_2025_demo_fair_reproduces_the_published_figures(db):
    from jobfair.demo.fair import seed_july_2025_fair

    factories.make_user("officer")
    fair = seed_july_2025_fair()
    figures = fairs.fair_figures(fair.id)
    assert (figures["companies"], figures["vacancies"], figures["job_titles"], figures["openings"]) == (
        102, 1757, 58, 4000)
    assert seed_july_2025_fair().id == fair.id  # idempotent
    assert db.session.scalar(select(func.count(JobFair.id))) == 1
