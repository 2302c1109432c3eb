"""Profile, CV upload and the AK/1 card through the real pages (seeker and officer)."""

import io

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Ak1Card, AuditEvent
from jobfair.rules.ak1 import add_months
from jobfair.services.hiring import ak1, seeker_profiles
from jobfair.services.people import reveal_nik
from tests import factories
from tests.conftest import csrf_token, login

PROFILE_FORM = {
    "birth_place": "Balikpapan", "marital_status": "kawin", "religion": "islam", "address": "Jl. Soekarno Hatta km 5",
    "kecamatan_code": "647103", "kelurahan_code": "6471031001", "phone": "081234567890", "education_level": "SMA",
    "school_name": "SMA Negeri 2", "major": "IPA", "graduation_year": "2013", "skills": "mengemudi, gudang",
    "experience": "Staf gudang", "experience_years": "4",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def _seeker(app, complete=False, card_issued_on=None):
    """(client, user id, email) for a new logged-in seeker."""
    with app.app_context():
        user = factories.make_seeker()
        if complete:
            factories.complete_profile(user)
        if card_issued_on:
            factories.issued_card(user, today=card_issued_on)
        user_id, email = user.id, user.email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client, user_id


def _officer(app):
    with app.app_context():
        email = factories.make_user("officer").email
    client = app.test_client()
    login(client, email)
    return client


def _post(client, path, data, page=None, **kwargs):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page or path)}, **kwargs)


def _profile(app, user_id):
    with app.app_context():
        from jobfair.models import User

        return seeker_profiles.get_profile(db.session.get(User, user_id))


def test_seeker_edits_the_profile(app):
    client, user_id = _seeker(app)
    response = _post(client, "/pencari-kerja/profil/ubah", PROFILE_FORM)
    assert response.status_code == 302
    page = client.get("/pencari-kerja/profil").get_data(as_text=True)
    assert "Jl. Soekarno Hatta km 5" in page and "Batu Ampar" in page
    assert _profile(app, user_id).education_level == "SMA"


def test_a_graduation_year_that_is_not_four_digits_says_so(app):
    client, user_id = _seeker(app)
    for typed in ("20133", "213", "dua ribu", "2013.5"):
        response = _post(client, "/pencari-kerja/profil/ubah", {**PROFILE_FORM, "graduation_year": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 422, typed
        error = page[page.index('id="graduation_year-error"'):]
        assert error.split("</p>")[0].endswith("Tulis tahun empat angka, misalnya 2013."), typed
        assert "Tulis angka saja" not in page and f'value="{typed}"' in page
    assert _profile(app, user_id).graduation_year is None
    response = _post(client, "/pencari-kerja/profil/ubah", {**PROFILE_FORM, "graduation_year": "1890"})
    assert response.status_code == 422 and "Tahun lulus harus antara 1950 dan" in response.get_data(as_text=True)
    assert _post(client, "/pencari-kerja/profil/ubah", {**PROFILE_FORM, "graduation_year": " 2013 "}).status_code \
        == 302
    assert _profile(app, user_id).graduation_year == 2013


def test_profile_errors_are_shown_beside_the_field_and_nothing_changes(app):
    client, user_id = _seeker(app)
    response = _post(client, "/pencari-kerja/profil/ubah", {**PROFILE_FORM, "kelurahan_code": "6471011001",
                                                            "address": "<script>alert(1)</script>"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="kelurahan_code-error"' in page and "tidak berada di kecamatan" in page
    assert 'id="address-error"' in page and "<script>alert(1)" not in page
    assert _profile(app, user_id).address == ""


def test_cv_upload_checks_content_not_name(app):
    client, user_id = _seeker(app)
    path = "/pencari-kerja/profil/cv"
    page = client.get(path).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    response = _post(client, path, {"cv": (io.BytesIO(PNG), "cv.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "bukan PDF" in response.get_data(as_text=True)
    assert _profile(app, user_id).cv_storage_name is None
    response = _post(client, path, {"cv": (io.BytesIO(factories.tiny_pdf()), "riwayat.txt")},
                     content_type="multipart/form-data")
    assert response.status_code == 302
    download = client.get("/pencari-kerja/profil/cv/unduh")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF-") and "riwayat.pdf" in download.headers["Content-Disposition"]


def test_oversized_cv_is_refused(app):
    client, user_id = _seeker(app)
    big = factories.tiny_pdf(extra=b"%" + b"x" * (2 * 1024 * 1024) + b"\n")
    response = _post(client, "/pencari-kerja/profil/cv", {"cv": (io.BytesIO(big), "cv.pdf")},
                     content_type="multipart/form-data")
    assert response.status_code == 422 and "2 MB" in response.get_data(as_text=True)
    assert _profile(app, user_id).cv_storage_name is None


def test_another_seekers_cv_and_card_are_not_reachable(app):
    owner, _ = _seeker(app, card_issued_on=ak1.today_wita())
    _post(owner, "/pencari-kerja/profil/cv", {"cv": (io.BytesIO(factories.tiny_pdf()), "cv.pdf")},
          content_type="multipart/form-data")
    other, _ = _seeker(app)
    assert other.get("/pencari-kerja/profil/cv/unduh").status_code == 404
    assert other.get("/pencari-kerja/ak1/cetak").status_code == 404
    assert other.get("/pencari-kerja/ak1/qr.svg").status_code == 404
    with app.app_context():
        card_id = db.session.scalar(select(Ak1Card.id))
    assert other.get(f"/disnaker/ak1/{card_id}/cetak").status_code == 403


def test_request_with_incomplete_profile_explains_what_to_fill(app):
    client, _ = _seeker(app)
    response = _post(client, "/pencari-kerja/ak1/ajukan", {}, page="/pencari-kerja/ak1", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Pilih kecamatan tempat tinggal Anda" in page
    with app.app_context():
        assert db.session.scalar(select(Ak1Card)) is None


def test_whole_card_path_request_issue_print_and_check(app):
    seeker, user_id = _seeker(app, complete=True)
    assert _post(seeker, "/pencari-kerja/ak1/ajukan", {}, page="/pencari-kerja/ak1").status_code == 302
    assert "Menunggu pemeriksaan" in seeker.get("/pencari-kerja/ak1").get_data(as_text=True)
    officer = _officer(app)
    with app.app_context():
        card_id = db.session.scalar(select(Ak1Card.id))
    assert f"/disnaker/ak1/{card_id}" in officer.get("/disnaker/ak1").get_data(as_text=True)
    card_page = f"/disnaker/ak1/{card_id}"
    # without the confirmation nothing happens
    response = _post(officer, f"{card_page}/terbitkan", {}, page=card_page)
    assert response.status_code == 422
    assert _post(officer, f"{card_page}/terbitkan", {"confirm": "y"}, page=card_page).status_code == 302
    with app.app_context():
        card = db.session.get(Ak1Card, card_id)
        number, token, nik = card.number, card.verify_token, reveal_nik(card.seeker.person)
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ak1.nik_revealed")) is not None
    printed = seeker.get("/pencari-kerja/ak1/cetak").get_data(as_text=True)
    assert number in printed and nik in printed and token not in printed
    assert 'src="/pencari-kerja/ak1/qr.svg"' in printed and "<svg" not in printed
    qr = seeker.get("/pencari-kerja/ak1/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    assert qr.data == ak1.qr_svg(f"http://localhost/disnaker/ak1/cek?token={token}")  # the officer check URL
    check = officer.get(f"/disnaker/ak1/cek?token={token}").get_data(as_text=True)
    assert "Kartu sah" in check and number.replace("/", "/<wbr>") in check and nik not in check
    assert officer.get("/disnaker/ak1/cek?token=palsu").status_code == 404
    assert seeker.get(f"/disnaker/ak1/cek?token={token}").status_code == 403
    office_print = officer.get(f"/disnaker/ak1/{card_id}/cetak").get_data(as_text=True)
    assert nik in office_print and f'src="/disnaker/ak1/{card_id}/qr.svg"' in office_print
    assert officer.get(f"/disnaker/ak1/{card_id}/qr.svg").mimetype == "image/svg+xml"


def test_officer_returns_a_request_with_a_reason(app):
    seeker, _ = _seeker(app, complete=True)
    _post(seeker, "/pencari-kerja/ak1/ajukan", {}, page="/pencari-kerja/ak1")
    officer = _officer(app)
    with app.app_context():
        card_id = db.session.scalar(select(Ak1Card.id))
    card_page = f"/disnaker/ak1/{card_id}"
    response = _post(officer, f"{card_page}/kembalikan", {"reason": "pendek", "confirm": "y"}, page=card_page)
    assert response.status_code == 422 and "minimal 10 karakter" in response.get_data(as_text=True)
    response = _post(officer, f"{card_page}/kembalikan", {"reason": "Alamat berbeda dengan KTP.", "confirm": "y"},
                     page=card_page)
    assert response.status_code == 302
    assert "Alamat berbeda dengan KTP." in seeker.get("/pencari-kerja/ak1").get_data(as_text=True)


def test_non_officers_cannot_issue(app):
    seeker, _ = _seeker(app, complete=True)
    _post(seeker, "/pencari-kerja/ak1/ajukan", {}, page="/pencari-kerja/ak1")
    with app.app_context():
        card_id = db.session.scalar(select(Ak1Card.id))
    token = csrf_token(seeker, "/pencari-kerja/ak1")
    response = seeker.post(f"/disnaker/ak1/{card_id}/terbitkan", data={"confirm": "y", "csrf_token": token})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Ak1Card, card_id).status == "requested"


def test_report_once_per_slot(app):
    seeker, _ = _seeker(app, card_issued_on=add_months(ak1.today_wita(), -6))
    page = "/pencari-kerja/ak1"
    assert "Kirim laporan" in seeker.get(page).get_data(as_text=True)
    first = _post(seeker, "/pencari-kerja/ak1/lapor", {"still_seeking": "ya"}, page=page, follow_redirects=True)
    assert "Laporan enam bulanan sudah diterima" in first.get_data(as_text=True)
    token = csrf_token(seeker, "/pencari-kerja/profil/cv")
    second = seeker.post("/pencari-kerja/ak1/lapor", data={"still_seeking": "ya", "csrf_token": token},
                         follow_redirects=True)
    assert "sudah mengisi laporan ke-1" in second.get_data(as_text=True)


def test_dashboard_shows_progress(app):
    seeker, _ = _seeker(app, complete=True)
    page = seeker.get("/pencari-kerja/").get_data(as_text=True)
    assert '<li class="done"><span aria-hidden="true">✔</span> Lengkapi profil' in page
    assert '<li class="todo">Unggah CV' in page
