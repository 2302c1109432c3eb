"""PKL (Permendikbud 50/2020): duration per major set by the school (default: the programme setting), a student's
placement with the school's supervising teacher, and the link to the apprenticeship it became."""

from datetime import date

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, PklDuration, PklPlacement
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.smk import pkl
from tests import factories

START = date(2026, 8, 3)


def _placement(staff, student, **overrides):
    fields = dict(workplace="PT Kaltim Motor Sejahtera", workplace_supervisor="Agus Salim",
                  school_supervisor_name="Dra. Sri Wahyuni", school_supervisor_phone="0812 3456 7890", starts_on=START)
    fields.update(overrides)
    return pkl.record_placement(staff, student.id, **fields)


def test_a_placement_lasts_the_default_three_months_with_the_school_supervisor(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school)
    placement = _placement(staff, student)
    assert (placement.months, placement.starts_on, placement.ends_on) == (3, START, date(2026, 11, 2))
    assert (placement.school_supervisor_name, placement.school_supervisor_phone) == ("Dra. Sri Wahyuni",
                                                                                     "081234567890")
    assert db.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "pkl.recorded")) == staff.id
    assert [row["placement"].id for row in pkl.school_placements(staff)] == [placement.id]


def test_the_school_sets_the_duration_per_major(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    pkl.set_duration(staff, "TPL", 6)
    pkl.set_duration(staff, "TPL", 4)                       # changed again: one row per major
    assert db.session.scalars(select(PklDuration.months)).all() == [4]
    by_code = {d["code"]: d for d in pkl.durations(staff)}
    assert (by_code["TPL"]["months"], by_code["TPL"]["set_by_school"]) == (4, True)
    assert (by_code["TKJ"]["months"], by_code["TKJ"]["set_by_school"]) == (3, False)
    welder = factories.training_student(school, major_code="TPL")
    network = factories.training_student(school, major_code="TKJ")
    assert _placement(staff, welder).ends_on == date(2026, 12, 2)
    assert _placement(staff, network).months == 3
    other_school = factories.training_school_staff()
    assert {d["code"]: d["months"] for d in pkl.durations(other_school)}["TPL"] == 3   # per school
    with pytest.raises(ValidationFailed) as exc:
        pkl.set_duration(staff, "NOPE", 13)
    assert set(exc.value.field_errors) == {"major_code", "months"}


def test_bad_input_is_explained_and_nothing_is_saved(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school)
    with pytest.raises(ValidationFailed) as exc:
        _placement(staff, student, workplace=" ", school_supervisor_name="", school_supervisor_phone="12",
                   starts_on=None)
    assert set(exc.value.field_errors) == {"workplace", "school_supervisor_name", "school_supervisor_phone",
                                           "starts_on"}
    assert "guru pembimbing" in exc.value.field_errors["school_supervisor_name"]
    _placement(staff, student)
    with pytest.raises(ValidationFailed) as exc:
        _placement(staff, student)
    assert "starts_on" in exc.value.field_errors
    assert len(db.session.scalars(select(PklPlacement)).all()) == 1


def test_only_the_own_school_sees_and_records(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school)
    placement = _placement(staff, student)
    stranger = factories.training_school_staff()
    with pytest.raises(NotFound):
        _placement(stranger, student)
    with pytest.raises(NotFound):
        pkl.link_apprenticeship(stranger, placement.id, None)
    assert pkl.school_placements(stranger) == []
    with pytest.raises(PermissionDenied):
        pkl.durations(factories.make_officer())


def test_a_pkl_is_linked_to_the_apprenticeship_it_became(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school)
    placement = _placement(staff, student)
    other = factories.make_apprenticeship(factories.appr_student(school))       # another student's
    with pytest.raises(ValidationFailed):
        pkl.link_apprenticeship(staff, placement.id, other.id)
    appr = factories.make_apprenticeship(student)
    [row] = pkl.school_placements(staff)
    assert [a.id for a in row["apprenticeships"]] == [appr.id]
    pkl.link_apprenticeship(staff, placement.id, appr.id)
    assert db.session.get(PklPlacement, placement.id).apprenticeship_id == appr.id
    with pytest.raises(InvalidState):
        pkl.link_apprenticeship(staff, placement.id, appr.id)
    second = _placement(staff, student, starts_on=date(2027, 1, 4))
    with pytest.raises(ValidationFailed) as exc:                              # one PKL per apprenticeship
        pkl.link_apprenticeship(staff, second.id, appr.id)
    assert "PKL lain" in exc.value.field_errors["apprenticeship_id"]
