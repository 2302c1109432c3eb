"""The school's PKL pages: record a placement with the supervising teacher, set the duration of a major, link a
PKL to the apprenticeship it became; only the school's own students; CSRF on every form."""

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import PklDuration, PklPlacement
from tests import factories
from tests.conftest import csrf_token, login

FORM = {"workplace": "PT Teluk Energi Nusantara", "workplace_supervisor": "Rahmat Hidayat",
        "school_supervisor_name": "Drs. Bambang Irawan", "school_supervisor_phone": "081255501234",
        "starts_on": "2026-08-03"}


def _school_client(app):
    with app.app_context():
        school = factories.training_school()
        staff = factories.training_school_staff(school)
        student = factories.training_student(school, full_name="Rina Kartika")
        email, student_id = staff.email, student.id
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, student_id


def _placements(app):
    with app.app_context():
        return db.session.scalars(select(PklPlacement).order_by(PklPlacement.id)).all()


def test_the_school_records_a_pkl_and_sees_it(app):
    client, student_id = _school_client(app)
    page = client.get(f"/smk/sekolah/siswa/{student_id}").get_data(as_text=True)
    assert f"/smk/sekolah/siswa/{student_id}/pkl" in page
    form_page = f"/smk/sekolah/siswa/{student_id}/pkl"
    assert "3 bulan" in client.get(form_page).get_data(as_text=True)
    assert client.post(form_page, data=FORM).status_code == 400              # no CSRF token: refused
    token = csrf_token(client, form_page)
    bad = client.post(form_page, data={**FORM, "school_supervisor_name": "", "csrf_token": token})
    assert bad.status_code == 422 and "guru pembimbing" in bad.get_data(as_text=True)
    assert _placements(app) == []
    response = client.post(form_page, data={**FORM, "csrf_token": csrf_token(client, form_page)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/smk/sekolah/pkl")
    [placement] = _placements(app)
    assert placement.school_supervisor_name == "Drs. Bambang Irawan" and placement.months == 3
    listing = client.get("/smk/sekolah/pkl").get_data(as_text=True)
    assert "Rina Kartika" in listing and "Drs. Bambang Irawan" in listing and "03-08-2026 – 02-11-2026" in listing


def test_the_school_sets_a_major_duration(app):
    client, _student_id = _school_client(app)
    token = csrf_token(client, "/smk/sekolah/pkl")
    bad = client.post("/smk/sekolah/pkl/lama", data={"major_code": "TPL", "months": "0", "csrf_token": token})
    assert bad.status_code == 422 and "Lama PKL diisi angka bulat" in bad.get_data(as_text=True)
    ok = client.post("/smk/sekolah/pkl/lama", data={"major_code": "TPL", "months": "6", "csrf_token": token})
    assert ok.status_code == 302
    with app.app_context():
        assert [(d.major_code, d.months) for d in db.session.scalars(select(PklDuration))] == [("TPL", 6)]


def test_the_school_links_a_pkl_to_its_apprenticeship(app):
    client, student_id = _school_client(app)
    with app.app_context():
        from jobfair.models import Student

        appr_id = factories.make_apprenticeship(db.session.get(Student, student_id)).id
    form_page = f"/smk/sekolah/siswa/{student_id}/pkl"
    client.post(form_page, data={**FORM, "csrf_token": csrf_token(client, form_page)})
    [placement] = _placements(app)
    listing = client.get("/smk/sekolah/pkl").get_data(as_text=True)
    assert f'/smk/sekolah/pkl/{placement.id}/magang' in listing
    token = csrf_token(client, "/smk/sekolah/pkl")
    response = client.post(f"/smk/sekolah/pkl/{placement.id}/magang",
                           data={"apprenticeship_id": str(appr_id), "csrf_token": token})
    assert response.status_code == 302
    assert _placements(app)[0].apprenticeship_id == appr_id


def test_another_school_and_other_roles_see_nothing(app, student_client):
    client, student_id = _school_client(app)
    form_page = f"/smk/sekolah/siswa/{student_id}/pkl"
    client.post(form_page, data={**FORM, "csrf_token": csrf_token(client, form_page)})
    [placement] = _placements(app)
    other, _ = _school_client(app)
    assert other.get(form_page).status_code == 404
    assert "Rina Kartika" not in other.get("/smk/sekolah/pkl").get_data(as_text=True)
    response = other.post(f"/smk/sekolah/pkl/{placement.id}/magang",
                          data={"apprenticeship_id": "1", "csrf_token": csrf_token(other, "/smk/sekolah/pkl")})
    assert response.status_code == 404
    assert student_client.get("/smk/sekolah/pkl").status_code == 403
