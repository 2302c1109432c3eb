import io
import re

import pytest
from openpyxl import Workbook

from jobfair.models import Student
from jobfair.security import ANONYMOUS, SCHOOLS_STUDENTS_POLICY
from tests import factories
from tests.conftest import csrf_token, login

HEADER = ["NISN", "Nama", "NIK", "Tanggal Lahir", "Jenis Kelamin", "Jurusan", "Kelas", "Nilai Rata-rata",
          "Tanggal Lulus", "No HP", "Nama Wali", "No HP Wali"]
KEYS = ["nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
        "expected_graduation", "phone", "guardian_name", "guardian_phone"]


@pytest.fixture
def school_staff(app):
    """(client logged in as BKK staff, school id)."""
    with app.app_context():
        user = factories.make_school_staff()
        email, school_id = user.email, user.school_id
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, school_id


def xlsx(data) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in data:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_school_dashboard_and_lists(school_staff, app):
    client, school_id = school_staff
    with app.app_context():
        from jobfair.extensions import db
        from jobfair.models import School

        name = factories.make_student(school=db.session.get(School, school_id)).person.full_name
    body = client.get("/smk/sekolah").get_data(as_text=True)
    assert "Siswa terdaftar" in body and "<dd>1</dd>" in body
    assert name in client.get("/smk/sekolah/siswa").get_data(as_text=True)
    placements = client.get("/smk/sekolah/penempatan-lulusan").get_data(as_text=True)
    assert name in placements and "Belum ditempatkan" in placements


def test_a_school_cannot_read_another_schools_student(school_staff, app):
    client, _school_id = school_staff
    with app.app_context():
        other = factories.make_student()
        other_id, nisn = other.id, other.nisn
    assert client.get(f"/smk/sekolah/siswa/{other_id}").status_code == 404
    token = csrf_token(client, "/smk/sekolah/siswa/baru")
    assert client.post(f"/smk/sekolah/siswa/{other_id}/undangan", data={"csrf_token": token}).status_code == 404
    assert "Tidak ada siswa yang cocok" in client.get(f"/smk/sekolah/siswa?q={nisn}").get_data(as_text=True)


def test_enrol_form_shows_errors_beside_fields(school_staff):
    client, _ = school_staff
    token = csrf_token(client, "/smk/sekolah/siswa/baru")
    response = client.post("/smk/sekolah/siswa/baru", data={"csrf_token": token, "nisn": "123", "full_name": "Ani"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "NISN harus tepat 10 angka" in body
    assert 'value="Ani"' in body


def test_enrol_then_consent_then_invite_then_activate(school_staff, app):
    client, _ = school_staff
    from datetime import date

    row = factories.student_row(birth_date=date(date.today().year - 17, 1, 1))
    token = csrf_token(client, "/smk/sekolah/siswa/baru")
    response = client.post("/smk/sekolah/siswa/baru", data={"csrf_token": token, **row})
    assert response.status_code == 302, response.get_data(as_text=True)
    detail = response.headers["Location"]
    body = client.get(detail).get_data(as_text=True)
    assert "Belum tercatat" in body and row["nik"] not in body
    student_id = int(detail.rstrip("/").rsplit("/", 1)[1])
    client.post(f"/smk/sekolah/siswa/{student_id}/persetujuan-wali", data={"csrf_token": token})
    assert "Belum tercatat" in client.get(detail).get_data(as_text=True)  # the box was not ticked
    client.post(f"/smk/sekolah/siswa/{student_id}/persetujuan-wali", data={"csrf_token": token, "confirm": "y"})
    assert "Tercatat" in client.get(detail).get_data(as_text=True)
    page = client.post(f"/smk/sekolah/siswa/{student_id}/undangan", data={"csrf_token": token}).get_data(as_text=True)
    link = re.search(r"(/smk/aktivasi/[A-Za-z0-9_-]+)", page).group(1)

    anonymous = app.test_client()
    assert "Aktivasi akun siswa" in anonymous.get(link).get_data(as_text=True)
    activation_token = csrf_token(anonymous, link)
    response = anonymous.post(link, data={"csrf_token": activation_token, "email": "siswa.baru@example.id",
                                          "password": factories.PASSWORD})
    assert response.status_code == 302
    assert anonymous.get(link).status_code == 404  # single use
    student_client = app.test_client()
    assert login(student_client, "siswa.baru@example.id").status_code == 302
    body = student_client.get("/smk/siswa").get_data(as_text=True)
    assert row["nisn"] in body and "Perkiraan lulus" in body


def test_unknown_activation_token(client):
    response = client.get("/smk/aktivasi/tidak-ada")
    assert response.status_code == 404
    assert "tidak berlaku" in response.get_data(as_text=True)


def test_import_page_shows_the_report_and_writes_nothing(school_staff, app):
    client, _ = school_staff
    with app.app_context():
        data = [[factories.student_row()[k] for k in KEYS] for _ in range(2)]
    data[1][0] = "99"
    token = csrf_token(client, "/smk/sekolah/impor")
    response = client.post("/smk/sekolah/impor", data={"csrf_token": token,
                                                      "file": (io.BytesIO(xlsx(data)), "siswa.xlsx")},
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tidak ada yang disimpan" in body and "<td>3</td><td>NISN</td>" in body
    with app.app_context():
        from jobfair.extensions import db

        assert db.session.query(Student).count() == 0
    data[1][0] = factories_nisn(app)
    response = client.post("/smk/sekolah/impor", data={"csrf_token": token,
                                                      "file": (io.BytesIO(xlsx(data)), "siswa.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "2 siswa disimpan" in response.get_data(as_text=True)


def factories_nisn(app) -> str:
    with app.app_context():
        return factories.student_row()["nisn"]


def test_import_without_a_file_and_template_download(school_staff):
    client, _ = school_staff
    token = csrf_token(client, "/smk/sekolah/impor")
    response = client.post("/smk/sekolah/impor", data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Berkas kosong" in response.get_data(as_text=True)
    template = client.get("/smk/sekolah/impor/templat-data-siswa.xlsx")
    assert template.status_code == 200 and template.data[:2] == b"PK"


def test_office_schools_desk(officer_client, app):
    token = csrf_token(officer_client, "/disnaker/sekolah/baru")
    bad = officer_client.post("/disnaker/sekolah/baru", data={"csrf_token": token, "name": "SMK A", "npsn": "123"})
    assert bad.status_code == 422 and "NPSN harus tepat 8 angka" in bad.get_data(as_text=True)
    response = officer_client.post("/disnaker/sekolah/baru", data={"csrf_token": token, "name": "SMK Negeri 9",
                                                                   "npsn": "30409999", "kecamatan_code": "647101"})
    assert response.status_code == 302
    detail = response.headers["Location"]
    school_id = int(detail.rsplit("/", 1)[1])
    response = officer_client.post(f"/disnaker/sekolah/{school_id}/staf", data={
        "csrf_token": token, "full_name": "Pak Joko", "email": "joko@smkn9.sch.id", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert "joko@smkn9.sch.id" in officer_client.get(detail).get_data(as_text=True)
    assert "SMK Negeri 9" in officer_client.get("/disnaker/sekolah").get_data(as_text=True)
    assert officer_client.get("/disnaker/sekolah/siswa").status_code == 200
    assert officer_client.get("/disnaker/sekolah/999").status_code == 404
    client = app.test_client()
    assert login(client, "joko@smkn9.sch.id").status_code == 302
    assert "SMK Negeri 9" in client.get("/smk/sekolah").get_data(as_text=True)


@pytest.mark.parametrize("identity", ["anonymous", "seeker", "student", "school", "company", "officer"])
def test_my_endpoints_role_matrix(app, login_as, identity):
    """The shared matrix, for this area's endpoints only (runs while other areas are unfinished)."""
    from flask import url_for

    client = app.test_client() if identity == "anonymous" else login_as(identity)
    failures = []
    for endpoint, policy in SCHOOLS_STUDENTS_POLICY.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: 1 for arg in rule.arguments})
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        location = response.headers.get("Location", "")
        if policy == ANONYMOUS:
            ok = response.status_code != 403 if identity == "anonymous" else location.endswith("/dasbor")
        elif identity == "anonymous":
            ok = response.status_code == 302 and "/akun/masuk" in location
        elif identity in policy:
            ok = response.status_code not in (401, 403)
        else:
            ok = response.status_code == 403
        if not ok:
            failures.append(f"{identity} {method} {url}: {response.status_code} {location}")
    assert failures == []


def _nik_of(app, student_id: int) -> str:
    with app.app_context():
        from jobfair.extensions import db
        from jobfair.services.people import reveal_nik

        return reveal_nik(db.session.get(Student, student_id).person)


def _no_nik_anywhere(response, nik: str) -> None:
    """Neither the address asked, a redirect, nor a link or form action of the page carries the NIK."""
    assert nik not in response.request.url and nik not in response.headers.get("Location", "")
    for earlier in response.history:
        assert nik not in earlier.request.url and nik not in earlier.headers.get("Location", "")
    assert not [url for url in re.findall(r'(?:href|action)="([^"]*)"', response.get_data(as_text=True)) if nik in url]


def test_search_by_nik_is_a_post_and_never_puts_the_nik_in_an_address(school_staff, app):
    client, school_id = school_staff
    with app.app_context():
        from jobfair.extensions import db
        from jobfair.models import School

        school = db.session.get(School, school_id)
        found = factories.make_student(school=school, full_name="Rahmat Hidayat")
        factories.make_student(school=school, full_name="Siti Aminah")
        found_id = found.id
    nik = _nik_of(app, found_id)
    page = client.get("/smk/sekolah/siswa").get_data(as_text=True)
    assert 'method="post"' in page and 'name="csrf_token"' in page
    assert client.post("/smk/sekolah/siswa", data={"q": nik}).status_code == 400       # no CSRF token
    token = csrf_token(client, "/smk/sekolah/siswa")
    response = client.post("/smk/sekolah/siswa", data={"q": nik, "csrf_token": token}, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Rahmat Hidayat" in body and "Siti Aminah" not in body
    _no_nik_anywhere(response, nik)
    # A name goes to the address (so the pages of a long list work); the NIK does not.
    response = client.post("/smk/sekolah/siswa", data={"q": "siti", "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/smk/sekolah/siswa?q=siti")
    # A NIK typed into the address by hand is not looked up from it.
    response = client.get(f"/smk/sekolah/siswa?q={nik}")
    assert "Rahmat Hidayat" not in response.get_data(as_text=True)


def test_office_search_by_nik_is_a_post_too(officer_client, app):
    with app.app_context():
        found_id = factories.make_student(full_name="Rahmat Hidayat").id
        factories.make_student(full_name="Siti Aminah")
    nik = _nik_of(app, found_id)
    token = csrf_token(officer_client, "/disnaker/sekolah/siswa")
    response = officer_client.post("/disnaker/sekolah/siswa", data={"q": nik, "school_id": "", "csrf_token": token},
                                   follow_redirects=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Rahmat Hidayat" in body and "Siti Aminah" not in body
    _no_nik_anywhere(response, nik)
    assert "Rahmat Hidayat" not in officer_client.get(f"/disnaker/sekolah/siswa?q={nik}").get_data(as_text=True)


def test_the_downloaded_template_with_one_real_row_imports_only_that_row(school_staff, app):
    from openpyxl import load_workbook

    client, _ = school_staff
    workbook = load_workbook(io.BytesIO(client.get("/smk/sekolah/impor/templat-data-siswa.xlsx").data))
    with app.app_context():
        real = factories.student_row(full_name="Dewi Lestari")
    workbook.worksheets[0].append([real[k] for k in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    token = csrf_token(client, "/smk/sekolah/impor")
    response = client.post("/smk/sekolah/impor", data={"csrf_token": token,
                                                      "file": (io.BytesIO(buffer.getvalue()), "templat.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "1 siswa disimpan" in response.get_data(as_text=True)
    with app.app_context():
        from jobfair.extensions import db

        assert [s.person.full_name for s in db.session.query(Student)] == ["Dewi Lestari"]
