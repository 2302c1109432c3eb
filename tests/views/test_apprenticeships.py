"""Student, mentor and office pages of the apprenticeship lifecycle."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Apprenticeship, LogbookEntry
from tests import factories
from tests.conftest import csrf_token, login


def _client(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _post(client, path, data, token_page=None):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_page or path)})


@pytest.fixture
def world(app):
    with app.app_context():
        company = factories.application_company()
        place = factories.appr_place(company, ends_on=date.today() + timedelta(days=7))  # in its last two weeks
        student = factories.appr_student()
        appr = factories.make_apprenticeship(student, place)
        officer = factories.make_officer()
        ids = {"appr": appr.id, "student_email": student.user.email, "company_email": company.email,
               "officer_email": officer.email, "nisn": student.nisn}
    return {**ids, "student": _client(app, ids["student_email"]), "company": _client(app, ids["company_email"]),
            "officer": _client(app, ids["officer_email"])}


def _status(app, appr_id):
    with app.app_context():
        return db.session.get(Apprenticeship, appr_id).status


def test_the_whole_path_through_the_pages(app, world):
    appr_id = world["appr"]
    queue = world["officer"].get("/disnaker/pemagangan").get_data(as_text=True)
    assert f"/disnaker/pemagangan/{appr_id}" in queue
    detail_page = world["officer"].get(f"/disnaker/pemagangan/{appr_id}")
    assert detail_page.status_code == 200 and "Sahkan perjanjian" in detail_page.get_data(as_text=True)
    assert world["officer"].get(f"/disnaker/pemagangan/{appr_id}/sahkan").status_code == 200
    assert world["officer"].get(f"/disnaker/pemagangan/{appr_id}/hentikan").status_code == 200
    assert world["company"].get("/perusahaan/peserta-magang").status_code == 200

    legalise = f"/disnaker/pemagangan/{appr_id}/sahkan"
    assert _post(world["officer"], legalise, {}).status_code == 422  # the confirmation is required
    assert _status(app, appr_id) == "agreement"
    assert _post(world["officer"], legalise, {"confirm": "y"}).status_code == 302
    assert _status(app, appr_id) == "active"

    page = world["student"].get("/smk/magang").get_data(as_text=True)
    assert "Sedang magang" in page
    response = _post(world["student"], "/smk/magang/logbook/baru",
                     {"week_start": date.today().isoformat(), "activities": "<script>alert(1)</script> las pipa",
                      "hours": "40"})
    assert response.status_code == 302
    page = world["student"].get("/smk/magang").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    with app.app_context():
        entry_id = db.session.scalar(select(LogbookEntry.id))
    detail = f"/perusahaan/peserta-magang/{appr_id}"
    mentor_page = world["company"].get(detail).get_data(as_text=True)
    assert "&lt;script&gt;" in mentor_page and "<script>alert" not in mentor_page
    assert _post(world["company"], f"/perusahaan/peserta-magang/logbook/{entry_id}/tandatangan",
                 {"note": "Bagus"}, detail).status_code == 302
    with app.app_context():
        assert db.session.get(LogbookEntry, entry_id).signed_at is not None

    assess = f"{detail}/penilaian"
    assert _post(world["company"], assess, {"score": "90", "note": "Terampil dan disiplin."}).status_code == 422
    assert _post(world["company"], assess, {"score": "90", "note": "Terampil dan disiplin.",
                                            "confirm": "y"}).status_code == 302
    assert _status(app, appr_id) == "completed"
    certificate = world["student"].get(f"/smk/magang/{appr_id}/sertifikat").get_data(as_text=True)
    assert "SERTIFIKAT PEMAGANGAN" in certificate and "SERT/MAG/" in certificate
    assert world["company"].get(f"{detail}/sertifikat").status_code == 200
    assert world["officer"].get(f"/disnaker/pemagangan/{appr_id}/sertifikat").status_code == 200
    figures = world["officer"].get("/disnaker/pemagangan/angka").get_data(as_text=True)
    assert "selesai bersertifikat" in figures


def test_printable_agreement_has_the_five_parts(world):
    for client, path in ((world["student"], f"/smk/magang/{world['appr']}/perjanjian"),
                         (world["company"], f"/perusahaan/peserta-magang/{world['appr']}/perjanjian"),
                         (world["officer"], f"/disnaker/pemagangan/{world['appr']}/perjanjian")):
        response = client.get(path)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        for heading in ("Hak dan kewajiban peserta", "Hak dan kewajiban perusahaan", "Program pemagangan",
                        "Jangka waktu", "Uang saku"):
            assert heading in page
        assert "Rp500.000" in page and "apprenticeship-print.css" in page


def test_logbook_before_legalisation_is_explained(app, world):
    response = _post(world["student"], "/smk/magang/logbook/baru",
                     {"week_start": date.today().isoformat(), "activities": "Kegiatan minggu ini.", "hours": "30"})
    assert response.status_code == 422
    assert "disahkan" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(LogbookEntry.id)) is None


def test_assess_without_signed_entries_shows_the_reason(app, world):
    _post(world["officer"], f"/disnaker/pemagangan/{world['appr']}/sahkan", {"confirm": "y"})
    response = _post(world["company"], f"/perusahaan/peserta-magang/{world['appr']}/penilaian",
                     {"score": "80", "note": "Baik sekali.", "confirm": "y"})
    assert response.status_code == 422
    assert "ditandatangani" in response.get_data(as_text=True)
    assert _status(app, world["appr"]) == "active"


def test_terminate_needs_a_reason(app, world):
    path = f"/disnaker/pemagangan/{world['appr']}/hentikan"
    assert _post(world["officer"], path, {"reason": "", "confirm": "y"}).status_code == 422
    assert _status(app, world["appr"]) == "agreement"
    assert _post(world["officer"], path, {"reason": "Peserta pindah sekolah.", "confirm": "y"}).status_code == 302
    assert _status(app, world["appr"]) == "terminated"


def test_another_student_and_another_company_get_404(app, world, login_as):
    other_company = login_as("company")
    assert other_company.get(f"/perusahaan/peserta-magang/{world['appr']}").status_code == 404
    assert other_company.get(f"/perusahaan/peserta-magang/{world['appr']}/perjanjian").status_code == 404
    with app.app_context():
        other = factories.appr_student()
        email = other.user.email
    other_student = _client(app, email)
    assert other_student.get(f"/smk/magang/{world['appr']}/perjanjian").status_code == 404
    assert "belum mendapat tempat" in other_student.get("/smk/magang").get_data(as_text=True)


def test_students_cannot_open_the_office_desk(world):
    assert world["student"].get("/disnaker/pemagangan").status_code == 403
    assert world["company"].get(f"/disnaker/pemagangan/{world['appr']}").status_code == 403


@pytest.mark.parametrize("identity", ["anonymous", "seeker", "student", "school", "company", "officer", "admin"])
def test_role_matrix_of_this_area(app, login_as, identity):
    """Every endpoint of this area, as in tests/views/test_access.py: allowed roles never get 401/403 or 500."""
    from jobfair.security import APPRENTICESHIPS_POLICY

    client = app.test_client() if identity == "anonymous" else login_as(identity)
    for endpoint, roles in APPRENTICESHIPS_POLICY.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            from flask import url_for

            url = url_for(endpoint, **{arg: 1 for arg in rule.arguments})
        response = client.get(url) if "GET" in rule.methods else client.post(url)
        if identity == "anonymous":
            assert response.status_code == 302 and "/akun/masuk" in response.location, endpoint
        elif identity in roles:
            assert response.status_code not in (401, 403) and response.status_code < 500, (endpoint, response.status)
        else:
            assert response.status_code == 403, endpoint


def test_student_edits_an_unsigned_entry_only(app, world):
    _post(world["officer"], f"/disnaker/pemagangan/{world['appr']}/sahkan", {"confirm": "y"})
    assert world["student"].get("/smk/magang/logbook/baru").status_code == 200
    _post(world["student"], "/smk/magang/logbook/baru",
          {"week_start": date.today().isoformat(), "activities": "Kegiatan minggu ini.", "hours": "30"})
    with app.app_context():
        entry_id = db.session.scalar(select(LogbookEntry.id))
    edit = f"/smk/magang/logbook/{entry_id}/ubah"
    fixed = {"activities": "Kegiatan minggu ini, diperbaiki.", "hours": "32"}
    assert _post(world["student"], edit, fixed).status_code == 302
    detail = f"/perusahaan/peserta-magang/{world['appr']}"
    _post(world["company"], f"/perusahaan/peserta-magang/logbook/{entry_id}/tandatangan", {"note": ""}, detail)
    response = _post(world["student"], edit, {"activities": "Mengubah setelah ditandatangani.", "hours": "5"})
    assert response.status_code == 422 and "sudah ditandatangani" in response.get_data(as_text=True)
    with app.app_context():
        entry = db.session.get(LogbookEntry, entry_id)
        assert entry.hours == 32 and entry.activities == "Kegiatan minggu ini, diperbaiki."


def _sign_first_entry(app, world):
    _post(world["officer"], f"/disnaker/pemagangan/{world['appr']}/sahkan", {"confirm": "y"})
    _post(world["student"], "/smk/magang/logbook/baru",
          {"week_start": date.today().isoformat(), "activities": "Kegiatan minggu ini.", "hours": "30"})
    with app.app_context():
        entry_id = db.session.scalar(select(LogbookEntry.id))
    detail = f"/perusahaan/peserta-magang/{world['appr']}"
    assert _post(world["company"], f"/perusahaan/peserta-magang/logbook/{entry_id}/tandatangan", {"note": ""},
                 detail).status_code == 302


def test_assess_button_only_after_a_signed_entry(app, world):
    detail = f"/perusahaan/peserta-magang/{world['appr']}"
    assess = f"{detail}/penilaian"
    _post(world["officer"], f"/disnaker/pemagangan/{world['appr']}/sahkan", {"confirm": "y"})
    page = world["company"].get(detail).get_data(as_text=True)
    assert f'href="{assess}"' not in page
    assert "setelah minimal satu catatan logbook ditandatangani" in page
    _sign_first_entry(app, world)
    page = world["company"].get(detail).get_data(as_text=True)
    assert f'href="{assess}"' in page and "Penilaian akhir dapat diberikan mulai" not in page


def test_assess_is_refused_and_hidden_before_the_last_two_weeks(app, world):
    with app.app_context():
        appr = db.session.get(Apprenticeship, world["appr"])
        appr.place.ends_on = date.today() + timedelta(days=60)
        db.session.commit()
    opens = (date.today() + timedelta(days=46)).strftime("%d-%m-%Y")
    _sign_first_entry(app, world)
    detail = f"/perusahaan/peserta-magang/{world['appr']}"
    assess = f"{detail}/penilaian"
    page = world["company"].get(detail).get_data(as_text=True)
    assert f'href="{assess}"' not in page
    assert f"Penilaian akhir dapat diberikan mulai {opens} (14 hari sebelum magang selesai)." in page
    form_page = world["company"].get(assess).get_data(as_text=True)
    assert "baru dapat diberikan mulai" in form_page and "Simpan penilaian akhir" not in form_page
    response = _post(world["company"], assess, {"score": "90", "note": "Terampil dan disiplin.", "confirm": "y"},
                     detail)
    assert response.status_code == 422 and "baru dapat diberikan mulai" in response.get_data(as_text=True)
    assert _status(app, world["appr"]) == "active"


def test_a_student_without_an_apprenticeship_gets_no_logbook_form(app, login_as):
    page = login_as("student").get("/smk/magang/logbook/baru").get_data(as_text=True)
    assert "Logbook baru dapat diisi setelah perjanjian pemagangan Anda disahkan" in page
    assert 'name="activities"' not in page and 'name="week_start"' not in page


def test_before_legalisation_the_logbook_form_is_not_shown(world):
    page = world["student"].get("/smk/magang/logbook/baru").get_data(as_text=True)
    assert 'name="activities"' not in page and "disahkan Disnaker" in page


def test_a_signed_entry_is_not_offered_for_editing(app, world):
    _sign_first_entry(app, world)
    with app.app_context():
        entry_id = db.session.scalar(select(LogbookEntry.id))
    page = world["student"].get(f"/smk/magang/logbook/{entry_id}/ubah").get_data(as_text=True)
    assert "sudah ditandatangani mentor" in page and 'name="activities"' not in page
    assert f'href="/smk/magang/logbook/{entry_id}/ubah"' not in world["student"].get("/smk/magang").get_data(
        as_text=True)
