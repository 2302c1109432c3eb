"""Every download leaves through jobfair/downloads.py: attachment with a safe RFC 6266 name, no-store on personal
data, nosniff and a sandboxing CSP. One case per download endpoint; a guard fails on a new one missing here."""

import re
from datetime import date

import pytest

from jobfair.downloads import content_disposition
from jobfair.services.hiring import applications
from tests import factories
from tests.conftest import csrf_token, login
from tests.services.test_protection_import import person_row, xlsx

XLSX_OR_CSV = re.compile(r"\.(xlsx|csv)$")


def _client(app, user):
    return _client_for(app, user.email)


def _client_for(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _officer(app):
    with app.app_context():
        email = factories.make_officer().email
    return _client_for(app, email)  # outside the app context: Flask 3.1 would share `g` (and its CSRF token)


def _seeker_cv(app):
    with app.app_context():
        return _client(app, factories.seeker_with_cv()).get("/pencari-kerja/profil/cv/unduh")


def _applicant_cv(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        application_id = applications.apply(factories.seeker_with_cv(), vacancy.id, cover_letter="Saya berminat.",
                                            today=date.today()).id
        client = _client(app, company)
    return client.get(f"/perusahaan/pelamar/{application_id}/cv")


def _school_template(app):
    with app.app_context():
        client = _client(app, factories.make_school_staff())
    return client.get("/smk/sekolah/impor/templat-data-siswa.xlsx")


def _office(path):
    return lambda app: _officer(app).get(path)


def _decree(app):
    with app.app_context():
        programme_id = factories.bpjs_programme(year=2025).id
    return _officer(app).get(f"/perlindungan/program/{programme_id}/daftar-sk.xlsx")


def _import_report(app):
    with app.app_context():
        programme_id = factories.bpjs_programme(year=2025).id
    client = _officer(app)
    token = csrf_token(client, "/perlindungan/impor")
    upload = client.post("/perlindungan/impor", content_type="multipart/form-data", data={
        "csrf_token": token, "programme_id": str(programme_id),
        "file": (xlsx([person_row(1), person_row(2, NIK="123")]), "pekerja.xlsx")})
    batch_id = int(re.search(r"/impor/(\d+)", upload.headers["Location"]).group(1))
    return client.get(f"/perlindungan/impor/{batch_id}/laporan.xlsx")


def _bpjs_export(app):
    from tests.views.test_protection_figures import EXPORT, _data

    programme_id, _nik = _data(app)
    client = _officer(app)
    return client.post(EXPORT, data={"programme_id": str(programme_id), "year": "2025", "month": "3", "confirm": "y",
                                     "csrf_token": csrf_token(client, EXPORT)})


# endpoint -> (how to get the download, personal data?)
DOWNLOADS = {
    "seekers.cv_download": (_seeker_cv, True),
    "companies.applicant_cv": (_applicant_cv, True),
    "public.open_data_csv": (lambda app: app.test_client().get("/open-data/figures.csv"), False),
    "students.school_import_template": (_school_template, False),
    "office.vacancies_perpres_xlsx": (_office("/disnaker/lowongan/laporan-perpres-57-2023.xlsx"), True),
    "office.report_placements_csv": (_office("/disnaker/laporan/penempatan.csv"), True),
    "office.report_placements_xlsx": (_office("/disnaker/laporan/penempatan.xlsx"), True),
    "office.queue_export_csv": (_office("/disnaker/antrean/companies.csv"), True),
    "office.queue_export_xlsx": (_office("/disnaker/antrean/ak1.xlsx"), True),
    "office.monthly_report_xlsx": (_office("/disnaker/laporan-bulanan.xlsx?bulan=2025-11"), True),
    "office.audit_trail_csv": (_office("/disnaker/audit.csv?action=login"), True),
    "office.audit_trail_xlsx": (_office("/disnaker/audit.xlsx?action=login"), True),
    "protection.programme_decree_xlsx": (_decree, True),
    "protection.figures_xlsx": (_office("/perlindungan/angka/rekap.xlsx?year=2025"), True),
    "protection.figures_bpjs_export": (_bpjs_export, True),
    "protection.import_template": (_office("/perlindungan/impor/templat-data-pekerja.xlsx"), False),
    "protection.import_report": (_import_report, True),
}


@pytest.mark.parametrize("endpoint", sorted(DOWNLOADS))
def test_every_download_is_a_sandboxed_attachment(app, endpoint):
    get, personal = DOWNLOADS[endpoint]
    response = get(app)
    headers = response.headers
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert re.match(r'attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8\'\'[^\s"]+$',
                    headers["Content-Disposition"]), headers["Content-Disposition"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    if personal:
        assert headers["Cache-Control"] == "private, no-store"
    else:
        assert "no-store" not in headers.get("Cache-Control", "")
    response.close()


def test_the_download_list_is_complete(app):
    """Spreadsheet/CSV routes, CVs and the BPJS export: a new download must be added to DOWNLOADS above."""
    found = {rule.endpoint for rule in app.url_map.iter_rules()
             if XLSX_OR_CSV.search(rule.rule) or rule.endpoint.endswith(("_cv", "cv_download", "_export"))}
    assert found == set(DOWNLOADS)


@pytest.mark.parametrize("name, fallback, encoded", [
    ("CV-Siti-Aminah.pdf", "CV-Siti-Aminah.pdf", "CV-Siti-Aminah.pdf"),
    ("CV-Ñoño Müller.pdf", "CV-Nono_Muller.pdf", "CV-%C3%91o%C3%B1o%20M%C3%BCller.pdf"),
    ('a"b\\c/d;e\r\nf.pdf', "a_b_c_d_e_f.pdf", "a_b_c_d_e_f.pdf"),
    ("../../etc/passwd", "etc_passwd", "etc_passwd"),
    ("黄.pdf", "unduhan.pdf", "%E9%BB%84.pdf"),
    ("", "unduhan", "unduhan"),
])
def test_rfc6266_names_are_safe(name, fallback, encoded):
    assert content_disposition(name) == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def test_a_downloaded_cv_keeps_its_unicode_name(app):
    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import SeekerProfile

    with app.app_context():
        user = factories.seeker_with_cv()
        profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
        profile.cv_original_name = "Riwayat Hidup – Dewi Ayu.pdf"
        db.session.commit()
        client = _client(app, user)
    disposition = client.get("/pencari-kerja/profil/cv/unduh").headers["Content-Disposition"]
    assert disposition == ("attachment; filename=\"Riwayat_Hidup_Dewi_Ayu.pdf\"; "
                           "filename*=UTF-8''Riwayat%20Hidup%20%E2%80%93%20Dewi%20Ayu.pdf")
