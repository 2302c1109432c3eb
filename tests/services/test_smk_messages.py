"""Issue 13 in the SMK services: notifications carry a Link (endpoint + arguments, no typed path), messages are
lazy gettext strings stored as key + parameters, and the office's figures check the actor."""

import pytest
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from jobfair.extensions import db as database
from jobfair.models import Notification
from jobfair.services import notifications
from jobfair.services.errors import PermissionDenied
from jobfair.services.smk import apprenticeships, schools, training
from tests import factories
from tests.refusals import assert_refused


def _notes(user) -> list[Notification]:
    return list(database.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                         .order_by(Notification.id)))


def test_legalisation_notifies_with_links_to_the_pages_that_serve_them(db):
    company_user = factories.application_company()
    appr = factories.make_apprenticeship(factories.appr_student(), factories.appr_place(company_user))
    apprenticeships.legalise(factories.make_officer(), appr.id)

    student_note = _notes(appr.student.user)[-1]
    assert student_note.link_endpoint == "students.apprenticeship" and student_note.link is None
    assert notifications.path_of(student_note) == "/smk/magang"
    assert student_note.message_key.startswith("Perjanjian pemagangan %(number)s (%(title)s)")
    assert student_note.message_params == {"number": appr.agreement_number, "title": appr.place.title}
    assert appr.agreement_number in notifications.text_of(student_note)

    company_note = _notes(company_user)[-1]
    assert company_note.link_endpoint == "companies.apprentice"
    assert notifications.path_of(company_note) == f"/perusahaan/peserta-magang/{appr.id}"


def test_an_approved_place_links_the_company_to_the_place(db):
    officer = factories.make_officer()
    company_user = factories.match_company(officer=officer)
    place = factories.approved_place(company_user, officer)
    note = _notes(company_user)[-1]
    assert note.link_endpoint == "companies.place_detail" and note.link_params == {"place_id": place.id}
    assert notifications.path_of(note) == f"/perusahaan/tempat-magang/{place.id}"
    assert note.message == f"Tempat magang '{place.title}' disetujui Disnaker; siswa kini dapat memilihnya."


def test_a_training_enrolment_names_its_dates_and_links_to_the_students_trainings(db):
    officer = factories.make_officer()
    course = factories.make_course(officer)
    student = factories.training_student(with_user=True)
    training.enrol(officer, course.id, student.id)
    note = _notes(student.user)[-1]
    assert note.link_endpoint == "students.my_trainings" and notifications.path_of(note) == "/smk/siswa/pelatihan"
    assert f"({course.starts_on:%d-%m-%Y} s.d. {course.ends_on:%d-%m-%Y})" in note.message


def test_the_office_figures_check_the_actor(db):
    officer = factories.make_officer()
    assert apprenticeships.figures(officer)["participants"] == 0
    assert training.figures(officer)["courses"] == 0
    assert schools.staff_counts(officer) == {}
    assert_refused((apprenticeships.figures, training.figures, schools.staff_counts),
                   None, factories.make_company_user(), factories.training_school_staff())


def test_a_refusal_is_a_lazy_message_read_when_shown(db):
    with pytest.raises(PermissionDenied) as exc:
        training.my_enrolments(factories.make_company_user())
    assert isinstance(exc.value.message, LazyString)  # translated in the reader's language when rendered
    assert str(exc.value.message) == "Hanya akun siswa yang dapat melihat halaman ini."
