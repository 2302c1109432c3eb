"""Training courses: creation, sessions, enrolment with capacity, attendance, completion, drop-out, figures."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from jobfair.models import Attendance, AuditEvent, Notification, TrainingCourse, TrainingEnrolment
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.smk import training
from tests import factories

TODAY = date.today()


def _count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_officer_creates_a_course_with_eligible_majors(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, eligible_majors=["TM", "TPL", "TPL"])
    assert course.eligible_majors == "TM,TPL" and course.enrolled_count == 0 and course.created_by_id == officer.id
    assert _count(db, AuditEvent, AuditEvent.action == "training.course_created") == 1


@pytest.mark.parametrize("overrides, field", [
    ({"name": "x"}, "name"),
    ({"field": ""}, "field"),
    ({"provider_type": "university"}, "provider_type"),
    ({"provider_name": ""}, "provider_name"),
    ({"capacity": 0}, "capacity"),
    ({"capacity": "12"}, "capacity"),
    ({"hours": 0}, "hours"),
    ({"ends_on": TODAY - timedelta(days=30)}, "ends_on"),
    ({"starts_on": None}, "starts_on"),
    ({"eligible_majors": ["NOPE"]}, "eligible_majors"),
])
def test_bad_course_input_is_explained_and_nothing_is_saved(db, overrides, field):
    with pytest.raises(ValidationFailed) as caught:
        factories.make_course(**overrides)
    assert field in caught.value.field_errors
    assert _count(db, TrainingCourse) == 0


def test_only_officers_manage_courses(db):
    school_user = factories.training_school_staff()
    with pytest.raises(PermissionDenied):
        training.create_course(school_user, **factories.course_fields())
    with pytest.raises(NotFound):
        training.get_course(factories.make_officer(), 999)


def test_update_course_refuses_a_capacity_below_the_enrolled(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, capacity=2)
    school = factories.training_school()
    for _ in range(2):
        training.enrol(officer, course.id, factories.training_student(school).id)
    with pytest.raises(ValidationFailed) as caught:
        training.update_course(officer, course.id, **factories.course_fields(capacity=1))
    assert "capacity" in caught.value.field_errors
    updated = training.update_course(officer, course.id, **factories.course_fields(capacity=5, name="Las Lanjutan"))
    assert updated.capacity == 5 and updated.name == "Las Lanjutan"


def test_sessions_must_fall_within_the_course_dates_and_not_repeat_a_day(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    session = training.add_session(officer, course.id, held_on=course.starts_on, topic="K3 bengkel las")
    assert session.course_id == course.id
    with pytest.raises(ValidationFailed) as caught:
        training.add_session(officer, course.id, held_on=course.ends_on + timedelta(days=1), topic="Terlambat")
    assert "held_on" in caught.value.field_errors
    with pytest.raises(ValidationFailed) as caught:
        training.add_session(officer, course.id, held_on=course.starts_on, topic="Hari sama")
    assert "held_on" in caught.value.field_errors
    with pytest.raises(ValidationFailed):  # moving the course away from its sessions is refused
        training.update_course(officer, course.id, **factories.course_fields(starts_on=TODAY - timedelta(days=1)))


def test_school_enrols_its_own_student_and_the_seat_is_counted(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school, with_user=True)
    course = factories.make_course()
    enrolment = training.enrol(staff, course.id, student.id)
    assert enrolment.status == "enrolled" and enrolment.enrolled_by_id == staff.id
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 1
    assert _count(db, Notification, Notification.user_id == student.user_id) == 1


def test_school_cannot_enrol_another_schools_student(db):
    staff = factories.training_school_staff()
    other_student = factories.training_student()
    course = factories.make_course()
    with pytest.raises(NotFound):
        training.enrol(staff, course.id, other_student.id)
    assert _count(db, TrainingEnrolment) == 0
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 0


def test_other_roles_cannot_enrol(db):
    course = factories.make_course()
    student = factories.training_student()
    with pytest.raises(PermissionDenied):
        training.enrol(factories.make_seeker(), course.id, student.id)


def test_a_full_course_refuses_more_and_changes_nothing(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, capacity=1)
    school = factories.training_school()
    training.enrol(officer, course.id, factories.training_student(school).id)
    late = factories.training_student(school)
    with pytest.raises(InvalidState, match="penuh"):
        training.enrol(officer, course.id, late.id)
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 1
    assert _count(db, TrainingEnrolment) == 1


def test_ineligible_major_is_refused(db):
    course = factories.make_course(eligible_majors=["TPL"])
    student = factories.training_student(major_code="AKL")
    with pytest.raises(ValidationFailed) as caught:
        training.enrol(factories.make_officer(), course.id, student.id)
    assert "jurusan" in caught.value.field_errors["student_id"].lower()
    open_course = factories.make_course(eligible_majors=[])  # no majors listed: open to every major
    assert training.enrol(factories.make_officer(), open_course.id, student.id).status == "enrolled"


def test_a_student_cannot_be_enrolled_twice_even_after_dropping(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    student = factories.training_student()
    enrolment = training.enrol(officer, course.id, student.id)
    with pytest.raises(InvalidState, match="sudah"):
        training.enrol(officer, course.id, student.id)
    training.drop(officer, enrolment.id, "Sakit berkepanjangan")
    with pytest.raises(InvalidState):
        training.enrol(officer, course.id, student.id)
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 0


def test_enrolment_closes_when_the_course_has_ended(db):
    course = factories.make_course(starts_on=TODAY - timedelta(days=10), ends_on=TODAY - timedelta(days=1))
    with pytest.raises(InvalidState):
        training.enrol(factories.make_officer(), course.id, factories.training_student().id)


def test_office_enrols_by_nisn(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    student = factories.training_student()
    assert training.enrol_by_nisn(officer, course.id, student.nisn).student_id == student.id
    for nisn in ("123", "99999999999", "0000000000"):
        with pytest.raises(ValidationFailed) as caught:
            training.enrol_by_nisn(officer, course.id, nisn)
        assert "nisn" in caught.value.field_errors


def test_attendance_is_upserted_per_enrolment_and_audited(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    school = factories.training_school()
    a = training.enrol(officer, course.id, factories.training_student(school).id)
    b = training.enrol(officer, course.id, factories.training_student(school).id)
    session = training.add_session(officer, course.id, held_on=course.starts_on, topic="Posisi pengelasan")
    assert training.record_attendance(officer, session.id, {a.id}) == 1
    assert training.record_attendance(officer, session.id, {a.id, b.id}) == 2
    rows = {r.enrolment_id: r.present for r in db.session.scalars(select(Attendance))}
    assert rows == {a.id: True, b.id: True}
    assert training.attendance_of(a) == (1, 1)
    assert _count(db, AuditEvent, AuditEvent.action == "training.attendance_recorded") == 2


def test_attendance_refuses_strangers_and_future_sessions(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, ends_on=TODAY + timedelta(days=5))
    other = factories.make_course(officer, name="Kelistrikan Dasar")
    stranger = training.enrol(officer, other.id, factories.training_student().id)
    session = training.add_session(officer, course.id, held_on=TODAY, topic="Hari ini")
    with pytest.raises(ValidationFailed):
        training.record_attendance(officer, session.id, {stranger.id})
    later = training.add_session(officer, course.id, held_on=TODAY + timedelta(days=3), topic="Nanti")
    with pytest.raises(InvalidState):
        training.record_attendance(officer, later.id, set())
    with pytest.raises(PermissionDenied):
        training.record_attendance(factories.training_school_staff(), session.id, set())
    assert _count(db, Attendance) == 0


def test_complete_gives_a_certificate_number_and_tells_the_student(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    student = factories.training_student(with_user=True)
    enrolment = training.enrol(officer, course.id, student.id)
    done = training.complete(officer, enrolment.id, score=87)
    assert done.status == "completed" and done.score == 87 and done.finished_at is not None
    assert done.certificate_number == f"SERT/PLT/{course.ends_on.year}/{enrolment.id:06d}"
    assert _count(db, AuditEvent, AuditEvent.action == "training.completed") == 1
    assert _count(db, Notification, Notification.user_id == student.user_id) == 2
    with pytest.raises(InvalidState):
        training.complete(officer, enrolment.id, score=90)
    with pytest.raises(InvalidState):
        training.drop(officer, enrolment.id, "Terlambat keluar")


@pytest.mark.parametrize("score", [-1, 101, "80", None, True])
def test_complete_refuses_a_bad_score(db, score):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    enrolment = training.enrol(officer, course.id, factories.training_student().id)
    with pytest.raises(ValidationFailed) as caught:
        training.complete(officer, enrolment.id, score=score)
    assert "score" in caught.value.field_errors
    assert db.session.get(TrainingEnrolment, enrolment.id).status == "enrolled"


def test_complete_waits_for_the_course_to_end(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, ends_on=TODAY + timedelta(days=3))
    enrolment = training.enrol(officer, course.id, factories.training_student().id)
    with pytest.raises(InvalidState):
        training.complete(officer, enrolment.id, score=80)
    assert training.complete(officer, enrolment.id, score=80, today=course.ends_on).status == "completed"


def test_drop_frees_the_seat_and_needs_a_reason(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, capacity=1)
    school = factories.training_school()
    enrolment = training.enrol(officer, course.id, factories.training_student(school).id)
    with pytest.raises(ValidationFailed):
        training.drop(officer, enrolment.id, " ")
    dropped = training.drop(officer, enrolment.id, "Pindah sekolah ke luar kota")
    assert dropped.status == "dropped" and dropped.drop_reason == "Pindah sekolah ke luar kota"
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 0
    assert training.enrol(officer, course.id, factories.training_student(school).id).status == "enrolled"
    assert _count(db, AuditEvent, AuditEvent.action == "training.dropped") == 1


def test_certificate_is_for_the_student_their_school_and_the_office_only(db):
    officer = factories.make_officer()
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    student = factories.training_student(school, with_user=True)
    course = factories.make_course(officer)
    enrolment = training.enrol(staff, course.id, student.id)
    with pytest.raises(InvalidState):  # not finished yet
        training.certificate(student.user, enrolment.id)
    training.complete(officer, enrolment.id, score=75)
    for reader in (student.user, staff, officer):
        assert training.certificate(reader, enrolment.id).id == enrolment.id
    other_student = factories.training_student(with_user=True)
    for stranger in (factories.training_school_staff(), other_student.user, factories.make_seeker()):
        with pytest.raises(NotFound):
            training.certificate(stranger, enrolment.id)


def test_school_course_lists_only_own_eligible_students_not_yet_enrolled(db):
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    course = factories.make_course(eligible_majors=["TPL"])
    fits = factories.training_student(school)
    factories.training_student(school, major_code="AKL")
    factories.training_student()  # another school
    view = training.school_course(staff, course.id)
    assert [s.id for s in view["candidates"]] == [fits.id]
    training.enrol(staff, course.id, fits.id)
    view = training.school_course(staff, course.id)
    assert view["candidates"] == [] and [e.student_id for e in view["enrolments"]] == [fits.id]


def test_my_enrolments_for_a_student(db):
    student = factories.training_student(with_user=True)
    course = factories.make_course()
    training.enrol(factories.make_officer(), course.id, student.id)
    assert [e.course_id for e in training.my_enrolments(student.user)] == [course.id]
    assert training.my_enrolments(factories.make_user("student")) == []


def test_figures_by_kind_and_school_in_a_constant_number_of_queries(db):
    officer = factories.make_officer()
    welding = factories.make_course(officer)
    welding2 = factories.make_course(officer, name="Pengelasan Lanjut")
    electric = factories.make_course(officer, name="Instalasi Listrik", field="Kelistrikan", eligible_majors=[])
    factories.make_course(officer, name="Tahun lalu", starts_on=date(2020, 1, 2), ends_on=date(2020, 1, 9))
    a, b = factories.training_school(name="SMK A"), factories.training_school(name="SMK B")
    e1 = training.enrol(officer, welding.id, factories.training_student(a).id)
    training.enrol(officer, welding2.id, factories.training_student(a).id)
    e3 = training.enrol(officer, electric.id, factories.training_student(b).id)
    training.complete(officer, e1.id, score=90)
    training.drop(officer, e3.id, "Sakit berkepanjangan")

    year = welding.starts_on.year
    assert officer.role == "officer"  # the actor is loaded before the figures' queries are counted
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        result = training.figures(officer, year=year)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 4
    assert (result["courses"], result["kinds"], result["participants"], result["completions"], result["dropped"]) \
        == (3, 2, 3, 1, 1)
    assert result["by_kind"] == [
        {"kind": "Kelistrikan", "courses": 1, "participants": 1, "completions": 0, "dropped": 1},
        {"kind": "Pengelasan", "courses": 2, "participants": 2, "completions": 1, "dropped": 0}]
    assert result["by_school"] == [{"school": "SMK A", "participants": 2, "completions": 1, "dropped": 0},
                                   {"school": "SMK B", "participants": 1, "completions": 0, "dropped": 1}]
    assert training.figures(officer)["courses"] == 4


def test_a_minor_is_enrolled_only_with_the_recorded_guardian_consent(db):
    officer = factories.make_officer()
    course = factories.make_course(officer, eligible_majors=["TPL"])
    school = factories.training_school()
    staff = factories.training_school_staff(school)
    minor = factories.training_student(school, birth_date=date(TODAY.year - 16, 6, 1))
    with pytest.raises(ValidationFailed) as caught:
        training.enrol(staff, course.id, minor.id)
    assert "orang tua/wali" in caught.value.field_errors["student_id"]
    assert _count(db, TrainingEnrolment) == 0
    assert db.session.get(TrainingCourse, course.id).enrolled_count == 0   # no seat taken
    from jobfair.services.smk import students
    minor.guardian_name, minor.guardian_phone = "Budi Santoso", "081234567890"
    db.session.commit()
    students.record_guardian_consent(officer, minor.id)
    assert training.enrol(staff, course.id, minor.id).student_id == minor.id
