"""Students rank places; companies rank only the students who ranked their place."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobfair.models import ApprenticeshipPlace, CompanyRanking, StudentChoice
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.smk import preferences
from tests import factories


@pytest.fixture
def setup(db):
    officer = factories.make_officer()
    company = factories.match_company(officer=officer)
    first = factories.approved_place(company, officer)
    second = factories.approved_place(company, officer, title="Magang Helpdesk")
    student = factories.make_student(login=True)
    return officer, company, first, second, student


def _choices(db, student):
    return db.session.execute(select(StudentChoice.place_id, StudentChoice.rank)
                              .where(StudentChoice.student_id == student.id).order_by(StudentChoice.rank)).all()


def test_offered_places_follow_major_window_and_free_seats(db, setup):
    officer, company, first, second, student = setup
    start = factories.place_fields()["starts_on"]
    early = factories.approved_place(company, officer, starts_on=start - timedelta(days=30))     # before the window
    late = factories.approved_place(company, officer, ends_on=start + timedelta(days=200))       # after graduation
    welding = factories.approved_place(company, officer, eligible_majors=["TPL"])                # another major
    full = factories.approved_place(company, officer)
    db.session.get(ApprenticeshipPlace, full.id).filled_count = 2
    pending = factories.place_fields()
    from jobfair.services.smk import places
    proposed = places.propose_place(company, **pending)
    db.session.commit()
    offered = {p.id for p in preferences.offered_places(student.user)}
    assert offered == {first.id, second.id}
    assert not offered & {early.id, late.id, welding.id, full.id, proposed.id}


def test_set_choices_replaces_the_ordered_list(db, setup):
    _officer, _company, first, second, student = setup
    preferences.set_choices(student.user, [second.id, first.id])
    assert _choices(db, student) == [(second.id, 1), (first.id, 2)]
    preferences.set_choices(student.user, [first.id])
    assert _choices(db, student) == [(first.id, 1)]


def test_ranking_the_same_place_twice_is_refused(db, setup):
    _officer, _company, first, second, student = setup
    preferences.set_choices(student.user, [first.id])
    with pytest.raises(ValidationFailed) as exc:
        preferences.set_choices(student.user, [second.id, second.id])
    assert "Tempat yang sama dipilih dua kali" in exc.value.field_errors["choices"]
    assert _choices(db, student) == [(first.id, 1)]


def test_more_than_the_maximum_is_refused(db, setup, app):
    officer, company, first, second, student = setup
    extra = [factories.approved_place(company, officer).id for _ in range(4)]
    with pytest.raises(ValidationFailed) as exc:
        preferences.set_choices(student.user, [first.id, second.id, *extra])
    assert "Paling banyak 5" in exc.value.field_errors["choices"]
    assert _choices(db, student) == []


def test_a_place_outside_the_window_cannot_be_chosen(db, setup):
    officer, company, _first, _second, student = setup
    start = factories.place_fields()["starts_on"]
    late = factories.approved_place(company, officer, starts_on=start + timedelta(days=60),
                                    ends_on=start + timedelta(days=160))
    assert late.id not in {p.id for p in preferences.offered_places(student.user)}
    with pytest.raises(ValidationFailed):
        preferences.set_choices(student.user, [late.id])
    assert _choices(db, student) == []


def test_company_sees_only_students_who_ranked_its_place(db, setup):
    _officer, company, first, second, student = setup
    other = factories.make_student(login=True)
    preferences.set_choices(student.user, [first.id])
    preferences.set_choices(other.user, [second.id])
    assert [c.student_id for c in preferences.candidates(company, first.id)] == [student.id]
    with pytest.raises(NotFound):
        preferences.candidate(company, first.id, other.id)
    with pytest.raises(NotFound):
        preferences.set_ranking(company, first.id, [other.id])
    stranger = factories.match_company()
    with pytest.raises(NotFound):
        preferences.candidates(stranger, first.id)


def test_company_ranking_then_default_order_with_a_recorded_seed(db, setup):
    _officer, company, first, _second, student = setup
    low = factories.make_student(login=True, report_score="70")
    high = factories.make_student(login=True, report_score="95")
    for s in (student, low, high):
        preferences.set_choices(s.user, [first.id])
    order = [c.student_id for c in preferences.candidates(company, first.id)]
    assert order == [high.id, student.id, low.id]     # by school score
    seed = db.session.get(ApprenticeshipPlace, first.id).ranking_seed
    assert seed is not None
    preferences.candidates(company, first.id)
    assert db.session.get(ApprenticeshipPlace, first.id).ranking_seed == seed   # drawn once, reused
    preferences.set_ranking(company, first.id, [low.id])
    order = [c.student_id for c in preferences.candidates(company, first.id)]
    assert order == [low.id, high.id, student.id]
    with pytest.raises(ValidationFailed):
        preferences.set_ranking(company, first.id, [low.id, low.id])
    assert db.session.scalars(select(CompanyRanking.student_id)).all() == [low.id]


def test_only_a_student_with_a_record_has_choices(db, login_as):
    user = factories.make_user("student")
    with pytest.raises(NotFound):
        preferences.offered_places(user)


def test_matched_student_cannot_change_choices(db, setup):
    officer, _company, first, _second, student = setup
    from jobfair.services.smk import matching_rounds
    preferences.set_choices(student.user, [first.id])
    round_ = matching_rounds.run_round(officer)
    matching_rounds.publish(officer, round_.id)
    assert preferences.offered_places(student.user) == []
    with pytest.raises(InvalidState):
        preferences.set_choices(student.user, [])
