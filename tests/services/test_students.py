from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent, Person, Student, User
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.smk import students
from tests import factories


def minor_birth() -> date:
    return date(date.today().year - 17, 1, 1)


def test_school_staff_enrol_into_their_own_school(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, school_id=999, **factories.student_row())
    assert student.school_id == staff.school_id
    assert student.person.full_name.startswith("Siswa")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "student.enrolled")) is not None


def test_same_nik_as_a_seeker_links_the_person(db):
    birth = date(date.today().year - 19, 3, 7)
    nik = factories.valid_nik(serial=777, birth=birth)
    seeker = factories.make_seeker(nik=nik, birth_date=birth)
    student = students.enrol_student(factories.make_school_staff(), **factories.student_row(nik=nik, birth_date=birth))
    assert student.person_id == seeker.person_id
    assert db.session.scalar(select(func.count()).select_from(Person)) == 1


def test_a_nik_or_nisn_already_a_student_is_refused(db):
    staff = factories.make_school_staff()
    first = students.enrol_student(staff, **factories.student_row())
    other_school_staff = factories.make_school_staff()
    again = factories.student_row(nisn=first.nisn)
    with pytest.raises(ValidationFailed) as exc:
        students.enrol_student(other_school_staff, **again)
    assert "nisn" in exc.value.field_errors
    birth = first.person.birth_date
    from jobfair.services.people import reveal_nik

    with pytest.raises(ValidationFailed) as exc:
        students.enrol_student(other_school_staff, **factories.student_row(nik=reveal_nik(first.person),
                                                                            birth_date=birth))
    assert "nik" in exc.value.field_errors
    assert db.session.scalar(select(func.count()).select_from(Student)) == 1


def test_nik_mismatch_is_a_warning(db):
    row = factories.student_row(sex="L")
    row["sex"] = "P"
    student = students.enrol_student(factories.make_school_staff(), **row)
    assert student.nik_warnings


def test_office_must_name_the_school(db):
    with pytest.raises(ValidationFailed) as exc:
        students.enrol_student(factories.make_officer(), **factories.student_row())
    assert "school_id" in exc.value.field_errors


def test_a_school_cannot_read_another_schools_student(db):
    student = factories.make_student()
    staff = factories.make_school_staff()
    with pytest.raises(NotFound):
        students.get_student(staff, student.id)
    with pytest.raises(NotFound):
        students.record_guardian_consent(staff, student.id)
    with pytest.raises(NotFound):
        students.invite_student(staff, student.id)
    assert students.list_students(staff).total == 0
    assert students.get_student(factories.make_officer(), student.id).id == student.id


def test_list_search_and_pagination(db):
    staff = factories.make_school_staff()
    for _ in range(3):
        students.enrol_student(staff, **factories.student_row())
    found = students.enrol_student(staff, **factories.student_row(full_name="Rahmat Hidayat"))
    assert [s.id for s in students.list_students(staff, q="rahmat").items] == [found.id]
    assert [s.id for s in students.list_students(staff, q=found.nisn).items] == [found.id]
    from jobfair.services.people import reveal_nik

    assert [s.id for s in students.list_students(staff, nik=reveal_nik(found.person)).items] == [found.id]
    assert students.list_students(staff, q=reveal_nik(found.person)).items == []   # a NIK only as nik=
    page = students.list_students(staff, page=2, per_page=3)
    assert page.total == 4 and len(page.items) == 1


def test_a_minor_cannot_be_placed_until_consent_is_recorded(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, **factories.student_row(birth_date=minor_birth()))
    ok, reason = students.can_be_placed(student)
    assert not ok and "18 tahun" in reason
    students.record_guardian_consent(staff, student.id)
    assert students.can_be_placed(student) == (True, "")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "student.guardian_consent_recorded"))
    with pytest.raises(InvalidState):
        students.record_guardian_consent(staff, student.id)


def test_consent_is_not_recorded_for_an_adult(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, **factories.student_row())
    assert students.can_be_placed(student)[0]
    with pytest.raises(InvalidState):
        students.record_guardian_consent(staff, student.id)


def test_invitation_activates_a_login_once(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, **factories.student_row())
    token = students.invite_student(staff, student.id)
    assert student.invitation_token_hash != token and len(student.invitation_token_hash) == 64
    user = students.activate_invitation(token, email="siswa@example.id", password=factories.PASSWORD)
    assert user.role == "student" and student.user_id == user.id
    assert students.student_of(user).id == student.id
    with pytest.raises(ValidationFailed):
        students.activate_invitation(token, email="lagi@example.id", password=factories.PASSWORD)
    with pytest.raises(InvalidState):
        students.invite_student(staff, student.id)


def test_expired_or_unknown_invitation(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, **factories.student_row())
    token = students.invite_student(staff, student.id, now=datetime.now(UTC) - timedelta(days=15))
    with pytest.raises(ValidationFailed):
        students.activate_invitation(token, email="siswa@example.id", password=factories.PASSWORD)
    with pytest.raises(ValidationFailed):
        students.activate_invitation("tidak-ada", email="siswa@example.id", password=factories.PASSWORD)
    assert db.session.scalar(select(User).where(User.email == "siswa@example.id")) is None


def test_activation_validates_email_and_password(db):
    staff = factories.make_school_staff()
    student = students.enrol_student(staff, **factories.student_row())
    token = students.invite_student(staff, student.id)
    with pytest.raises(ValidationFailed) as exc:
        students.activate_invitation(token, email="bukan-email", password="pendek")
    assert set(exc.value.field_errors) == {"email", "password"}
    assert students.activate_invitation(token, email="ok@example.id", password=factories.PASSWORD)


def test_factory_student_with_login_and_consent(db):
    student = factories.make_student(login=True, consent=False)
    assert student.user.role == "student"
    minor = factories.make_student(birth_date=minor_birth(), consent=True)
    assert students.can_be_placed(minor)[0]
