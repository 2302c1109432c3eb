"""Training pages: the office creates a course, the school enrols, attendance, completion, the certificate."""

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Attendance, Student, TrainingCourse, TrainingEnrolment, TrainingSession
from jobfair.services.smk import training
from tests import factories
from tests.conftest import csrf_token, login

TODAY = date.today()


def _client_for(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _post(client, path, data, token_path=None):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_path or path)})


def _school_setup(app, **student_overrides):
    """A school with staff and one student (with a login); returns (staff email, student email, student id, other
    school's student id)."""
    with app.app_context():
        school = factories.training_school()
        staff = factories.training_school_staff(school)
        student = factories.training_student(school, with_user=True, full_name="Budi Santoso", **student_overrides)
        other = factories.training_student(full_name="Siswa Sekolah Lain")
        return staff.email, student.user.email, student.id, other.id


def _course(app, **overrides):
    with app.app_context():
        return factories.make_course(**overrides).id


def test_office_creates_school_enrols_attendance_complete_certificate(app, officer_client):
    staff_email, student_email, student_id, _other = _school_setup(app)
    form = {"name": "Pengelasan SMAW <b>Dasar</b>", "field": "Pengelasan", "provider_type": "training_centre",
            "provider_name": "BLK Balikpapan", "capacity": "10", "starts_on": (TODAY - timedelta(days=3)).isoformat(),
            "ends_on": TODAY.isoformat(), "hours": "40", "eligible_majors": ["TPL", "TM"]}
    response = _post(officer_client, "/disnaker/pelatihan/baru", form)
    assert response.status_code == 302, response.get_data(as_text=True)
    detail_path = response.headers["Location"]
    with app.app_context():
        course = db.session.scalar(select(TrainingCourse))
        course_id, starts_on = course.id, course.starts_on
        assert course.eligible_majors == "TM,TPL"
    page = officer_client.get(detail_path).get_data(as_text=True)
    assert "&lt;b&gt;Dasar&lt;/b&gt;" in page and "<b>Dasar</b>" not in page
    assert _post(officer_client, f"/disnaker/pelatihan/{course_id}/sesi",
                 {"held_on": starts_on.isoformat(), "topic": "K3 bengkel las"}, detail_path).status_code == 302

    school = _client_for(app, staff_email)
    assert "Pengelasan SMAW &lt;b&gt;Dasar" in school.get("/smk/sekolah/pelatihan").get_data(as_text=True)
    course_page = f"/smk/sekolah/pelatihan/{course_id}"
    assert "Budi Santoso" in school.get(course_page).get_data(as_text=True)
    assert _post(school, course_page, {"student_id": str(student_id)}).status_code == 302
    with app.app_context():
        enrolment = db.session.scalar(select(TrainingEnrolment))
        enrolment_id = enrolment.id
        session_id = db.session.scalar(select(TrainingSession.id))

    attendance_path = f"/disnaker/pelatihan/sesi/{session_id}/presensi"
    assert f'value="{enrolment_id}"' in officer_client.get(attendance_path).get_data(as_text=True)
    assert _post(officer_client, attendance_path, {"present": str(enrolment_id)}).status_code == 302
    complete_path = f"/disnaker/pelatihan/peserta/{enrolment_id}/lulus"
    assert _post(officer_client, complete_path, {"score": "88"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Attendance.present)) is True
        number = db.session.get(TrainingEnrolment, enrolment_id).certificate_number
        assert number.startswith("SERT/PLT/")

    student = _client_for(app, student_email)
    mine = student.get("/smk/siswa/pelatihan").get_data(as_text=True)
    assert "Cetak sertifikat" in mine
    certificate = student.get(f"/smk/siswa/pelatihan/{enrolment_id}/sertifikat")
    text = certificate.get_data(as_text=True)
    assert certificate.status_code == 200 and number in text and "Budi Santoso" in text and "88" in text
    assert "&lt;b&gt;Dasar&lt;/b&gt;" in text
    assert school.get(f"/smk/sekolah/pelatihan/sertifikat/{enrolment_id}").status_code == 200
    assert officer_client.get(f"/disnaker/pelatihan/peserta/{enrolment_id}/sertifikat").status_code == 200
    assert "Pengelasan" in officer_client.get("/disnaker/pelatihan/rekap").get_data(as_text=True)


def test_school_cannot_enrol_or_read_another_schools_student(app):
    staff_email, _student_email, _student_id, other_id = _school_setup(app)
    course_id = _course(app)
    school = _client_for(app, staff_email)
    path = f"/smk/sekolah/pelatihan/{course_id}"
    assert "Siswa Sekolah Lain" not in school.get(path).get_data(as_text=True)
    assert _post(school, path, {"student_id": str(other_id)}).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 0
        other_enrolment = factories.training_student()
        course = db.session.get(TrainingCourse, course_id)
        officer = factories.make_officer()
        enrolment_id = training.enrol(officer, course.id, other_enrolment.id).id
        training.complete(officer, enrolment_id, score=70)
    assert school.get(f"/smk/sekolah/pelatihan/sertifikat/{enrolment_id}").status_code == 404


def test_full_course_shows_the_capacity_message_and_changes_nothing(app, officer_client):
    staff_email, _e, student_id, _o = _school_setup(app)
    course_id = _course(app, capacity=1)
    with app.app_context():
        training.enrol(factories.make_officer(), course_id, factories.training_student().id)
    school = _client_for(app, staff_email)
    response = _post(school, f"/smk/sekolah/pelatihan/{course_id}", {"student_id": str(student_id)})
    assert response.status_code == 422
    assert "Kuota pelatihan ini sudah penuh" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(TrainingCourse, course_id).enrolled_count == 1


def test_ineligible_major_is_explained(app, officer_client):
    _staff, _e, student_id, _o = _school_setup(app, major_code="AKL")
    course_id = _course(app, eligible_majors=["TPL"])
    with app.app_context():
        nisn = db.session.get(Student, student_id).nisn
    path = f"/disnaker/pelatihan/{course_id}"
    response = _post(officer_client, f"{path}/peserta", {"nisn": nisn}, path)
    assert response.status_code == 422
    assert "Jurusan siswa ini tidak termasuk" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 0


def test_bad_course_form_is_explained_beside_the_field(app, officer_client):
    form = {"name": "Las", "field": "Pengelasan", "provider_type": "office", "provider_name": "Disnaker",
            "capacity": "0", "starts_on": TODAY.isoformat(), "ends_on": (TODAY - timedelta(days=1)).isoformat(),
            "hours": "40"}
    response = _post(officer_client, "/disnaker/pelatihan/baru", form)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kuota peserta diisi angka bulat" in text and "Tanggal selesai tidak boleh sebelum" in text
    with app.app_context():
        assert db.session.scalar(select(func.count(TrainingCourse.id))) == 0


def test_drop_needs_a_confirmation_and_frees_the_seat(app, officer_client):
    course_id = _course(app, capacity=1)
    with app.app_context():
        enrolment_id = training.enrol(factories.make_officer(), course_id, factories.training_student().id).id
    path = f"/disnaker/pelatihan/peserta/{enrolment_id}/keluar"
    response = _post(officer_client, path, {"reason": "Pindah ke luar kota"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(TrainingEnrolment, enrolment_id).status == "enrolled"
    assert _post(officer_client, path, {"reason": "Pindah ke luar kota", "confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(TrainingEnrolment, enrolment_id).status == "dropped"
        assert db.session.get(TrainingCourse, course_id).enrolled_count == 0


def test_a_student_cannot_print_another_students_certificate(app):
    _staff, student_email, _sid, _o = _school_setup(app)
    course_id = _course(app)
    with app.app_context():
        officer = factories.make_officer()
        enrolment_id = training.enrol(officer, course_id, factories.training_student().id).id
        training.complete(officer, enrolment_id, score=90)
    student = _client_for(app, student_email)
    assert student.get(f"/smk/siswa/pelatihan/{enrolment_id}/sertifikat").status_code == 404


def test_edit_form_keeps_the_chosen_majors_and_saves_changes(app, officer_client):
    course_id = _course(app, eligible_majors=["TPL"])
    path = f"/disnaker/pelatihan/{course_id}/ubah"
    page = officer_client.get(path).get_data(as_text=True)
    assert re.search(r'<input checked id="eligible_majors-\d+" name="eligible_majors" type="checkbox" value="TPL">',
                     page)
    assert not re.search(r'<input checked [^>]*value="TAB"', page)
    form = {"name": "Pengelasan Lanjut", "field": "Pengelasan", "provider_type": "company",
            "provider_name": "PT Las Prima", "capacity": "12", "starts_on": (TODAY - timedelta(days=5)).isoformat(),
            "ends_on": TODAY.isoformat(), "hours": "60", "eligible_majors": ["TPL", "TAB"]}
    assert _post(officer_client, path, form).status_code == 302
    with app.app_context():
        course = db.session.get(TrainingCourse, course_id)
        assert (course.name, course.capacity, course.eligible_majors) == ("Pengelasan Lanjut", 12, "TAB,TPL")
    assert officer_client.get("/disnaker/pelatihan").status_code == 200


def test_a_session_outside_the_course_dates_is_explained(app, officer_client):
    course_id = _course(app)
    path = f"/disnaker/pelatihan/{course_id}"
    response = _post(officer_client, f"{path}/sesi", {"held_on": (TODAY + timedelta(days=30)).isoformat(),
                                                      "topic": "Terlambat"}, path)
    assert response.status_code == 422 and "Tanggal sesi harus di antara" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(TrainingSession.id))) == 0


def test_figures_page_filters_by_year(app, officer_client):
    _course(app, name="Lama", field="Perhotelan", starts_on=date(2020, 2, 1), ends_on=date(2020, 2, 5))
    page = officer_client.get("/disnaker/pelatihan/rekap?tahun=2021").get_data(as_text=True)
    assert "Perhotelan" not in page
    assert "Perhotelan" in officer_client.get("/disnaker/pelatihan/rekap?tahun=2020").get_data(as_text=True)
