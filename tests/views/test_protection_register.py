"""The protection register pages: officers only, masked NIK on lists, clear NIK on the audited detail page."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import AuditEvent, Enrolment, Programme, Worker
from jobfair.services.people import reveal_nik
from tests import factories
from tests.conftest import csrf_token

NEW = "/perlindungan/pekerja/baru"


def _form(**overrides) -> dict:
    data = {"nik": factories.valid_nik(birth=date(1980, 2, 3)), "full_name": "Siti <b>Aminah</b>", "sex": "L",
            "birth_date": "1980-02-03", "address": "Jl. Pantai Manggar", "kecamatan_code": "647101",
            "kelurahan_code": "6471011001", "phone": "", "category_code": "nelayan", "monthly_income": "2.500.000",
            "ktp_since": "2010-01-01"}
    data.update(overrides)
    return data


def _post(client, path, data, token_page=None):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_page or path)})


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _audits(app, action) -> list:
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def _setup(app, **worker_fields):
    with app.app_context():
        officer = factories.make_officer()
        worker = factories.make_worker(actor=officer, **worker_fields)
        return worker.id, reveal_nik(worker.person), worker.person.masked_nik


@pytest.mark.parametrize("role", ["seeker", "company", "student", "school"])
@pytest.mark.parametrize("path", ["/perlindungan/pekerja", "/perlindungan/pekerja/1", "/perlindungan/program",
                                  "/perlindungan/kepesertaan/1", "/perlindungan/program/1/daftar-sk.xlsx"])
def test_non_office_roles_get_403(login_as, role, path):
    assert login_as(role).get(path).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get("/perlindungan/pekerja")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_umk_page_is_for_admins(officer_client, admin_client):
    assert officer_client.get("/perlindungan/umk").status_code == 403
    assert "Rp3.701.508" in admin_client.get("/perlindungan/umk").get_data(as_text=True)


def test_register_worker_then_detail_shows_nik_and_is_audited(app, officer_client):
    data = _form()
    response = _post(officer_client, NEW, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        worker = db.session.scalar(select(Worker))
        assert worker.monthly_income == 2_500_000
        worker_id = worker.id
    assert response.headers["Location"].endswith(f"/perlindungan/pekerja/{worker_id}")
    assert data["nik"] not in response.headers["Location"]
    before = len(_audits(app, "protection.person_viewed"))
    page = officer_client.get(f"/perlindungan/pekerja/{worker_id}").get_data(as_text=True)
    assert data["nik"] in page
    assert "Siti &lt;b&gt;Aminah&lt;/b&gt;" in page and "<b>Aminah</b>" not in page
    assert "Rp2.500.000" in page
    assert len(_audits(app, "protection.person_viewed")) == before + 1


def test_list_masks_the_nik(app, officer_client):
    worker_id, nik, masked = _setup(app, full_name="Budi <script>x</script>")
    page = officer_client.get("/perlindungan/pekerja").get_data(as_text=True)
    assert masked in page and nik not in page
    assert "<script>x</script>" not in page and "Budi &lt;script&gt;" in page
    assert _audits(app, "protection.person_viewed") == []
    filtered = officer_client.get("/perlindungan/pekerja?kategori=petani").get_data(as_text=True)
    assert masked not in filtered


def test_duplicate_nik_links_to_the_existing_record(app, officer_client):
    worker_id, nik, _ = _setup(app)
    response = _post(officer_client, NEW, _form(nik=nik))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "sudah terdaftar di register" in page and f"/perlindungan/pekerja/{worker_id}" in page
    assert _count(app, Worker) == 1


@pytest.mark.parametrize(("nik", "words"), [("12345", "16 angka"), ("6471013203950001", "Tanggal lahir pada NIK")])
def test_invalid_nik_message(app, officer_client, nik, words):
    response = _post(officer_client, NEW, _form(nik=nik))
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert _count(app, Worker) == 0


def test_kelurahan_outside_kecamatan_message(app, officer_client):
    response = _post(officer_client, NEW, _form(kecamatan_code="647102"))
    assert response.status_code == 422 and "tidak berada di kecamatan" in response.get_data(as_text=True)


def test_find_by_nik_is_a_post_that_redirects_by_id(app, officer_client):
    worker_id, nik, _ = _setup(app)
    response = _post(officer_client, "/perlindungan/pekerja/cari-nik", {"nik": nik})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/perlindungan/pekerja/{worker_id}") and nik not in \
        response.headers["Location"]
    missing = _post(officer_client, "/perlindungan/pekerja/cari-nik", {"nik": factories.valid_nik()})
    assert missing.status_code == 422 and "belum ada di register" in missing.get_data(as_text=True)


def test_edit_worker(app, officer_client):
    worker_id, _, _ = _setup(app)
    path = f"/perlindungan/pekerja/{worker_id}/ubah"
    data = _form(full_name="Nama Baru", category_code="petani")
    del data["nik"]
    assert _post(officer_client, path, data).status_code == 302
    with app.app_context():
        assert db.session.get(Worker, worker_id).category_code == "petani"


def test_programme_enrol_verify_decree_activate(app, officer_client, pin_today):
    pin_today(date(2024, 12, 20))  # in the 2025 programme's registration window, the day of the decree
    with app.app_context():
        officer = factories.make_officer()
        programme = factories.bpjs_programme(actor=officer)
        worker = factories.make_worker(actor=officer)
        programme_id, worker_id, year = programme.id, worker.id, programme.year
    response = _post(officer_client, f"/perlindungan/pekerja/{worker_id}/daftarkan",
                     {"programme_id": programme_id, "cover_from": f"{year}-01", "cover_to": f"{year}-12",
                      "already_bpjs_member": "tidak", "verifying_office": "Dinas Perikanan"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        enrolment_id = db.session.scalar(select(Enrolment.id))
        assert db.session.get(Enrolment, enrolment_id).already_bpjs_member is False
    detail = f"/perlindungan/kepesertaan/{enrolment_id}"
    assert _post(officer_client, detail + "/verifikasi", {"office": "Dinas Perikanan"}, detail).status_code == 302
    programme_page = f"/perlindungan/program/{programme_id}"
    response = _post(officer_client, programme_page, {"enrolment_ids": str(enrolment_id),
                                                      "decree_number": "100.3.3.2/77/2025",
                                                      "decree_date": "2024-12-20"})
    assert response.status_code == 302
    assert _post(officer_client, detail + "/aktifkan", {"kpj_number": "25012345678"}, detail).status_code == 302
    with app.app_context():
        enrolment = db.session.get(Enrolment, enrolment_id)
        assert (enrolment.status, enrolment.kpj_number) == ("active", "25012345678")
    xlsx = officer_client.get(f"/perlindungan/program/{programme_id}/daftar-sk.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.cell(row=1, column=2).value == "NIK" and sheet.max_row == 2


def test_ineligible_reason_is_shown_beside_the_field(app, officer_client, pin_today):
    pin_today(date(2024, 11, 1))
    with app.app_context():
        officer = factories.make_officer()
        programme = factories.bpjs_programme(actor=officer)
        worker = factories.make_worker(actor=officer, monthly_income=9_000_000)
        programme_id, worker_id = programme.id, worker.id
    response = _post(officer_client, f"/perlindungan/pekerja/{worker_id}/daftarkan",
                     {"programme_id": programme_id, "cover_from": "2025-01", "cover_to": "2025-12", "payer": "city"})
    assert response.status_code == 422
    assert "di atas UMK" in response.get_data(as_text=True)
    assert _count(app, Enrolment) == 0


def test_reject_needs_confirmation(app, officer_client):
    with app.app_context():
        enrolment = factories.make_enrolment(status="registered")
        enrolment_id, programme_id = enrolment.id, enrolment.programme_id
    path = f"/perlindungan/kepesertaan/{enrolment_id}/tolak"
    response = _post(officer_client, path, {"reason": "Bukan nelayan"})
    assert response.status_code == 422
    assert _post(officer_client, path, {"reason": "Bukan nelayan", "confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(Enrolment, enrolment_id).status == "rejected"
        assert db.session.get(Programme, programme_id).enrolled_count == 0


def test_end_with_reason_and_confirm(app, officer_client):
    with app.app_context():
        enrolment_id = factories.make_enrolment().id
    path = f"/perlindungan/kepesertaan/{enrolment_id}/akhiri"
    assert "Akhiri kepesertaan" in officer_client.get(path).get_data(as_text=True)
    response = _post(officer_client, path, {"reason": "Meninggal dunia", "last_month": "2025-03", "confirm": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Enrolment, enrolment_id).cover_to == date(2025, 3, 1)


def test_programme_pages(app, officer_client):
    response = _post(officer_client, "/perlindungan/program/baru", {
        "name": "Paket sembako lansia", "kind": "recurring_aid", "cover_kind": "aid_sembako",
        "owning_office": "Dinas Sosial", "funder": "city", "payer": "city", "year": "2025", "amount_per_month": "0",
        "item_name": "Paket sembako", "unit_value": "300.000", "quota": "80", "budget": "288000000",
        "requires_elderly": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        programme = db.session.scalar(select(Programme))
        assert programme.eligibility == {"requires_elderly": True} and programme.unit_value == 300_000
        programme_id = programme.id
    assert "Paket sembako lansia" in officer_client.get("/perlindungan/program").get_data(as_text=True)
    edit = f"/perlindungan/program/{programme_id}/ubah"
    assert "Dinas Sosial" in officer_client.get(edit).get_data(as_text=True)
    bad = _post(officer_client, "/perlindungan/program/baru", {"name": "", "kind": "recurring_aid", "quota": "x"},
                "/perlindungan/program/baru")
    assert bad.status_code == 422


def test_reregistration_page(app, officer_client):
    assert "Daftar ulang tahunan" in officer_client.get("/perlindungan/daftar-ulang").get_data(as_text=True)


@pytest.mark.parametrize("status", ["registered", "sector_verified", "decreed", "active", "ended", "rejected"])
def test_enrolment_detail_in_every_status(app, officer_client, status):
    with app.app_context():
        enrolment = factories.make_enrolment(status=status)
        enrolment_id, programme_id, worker_id = enrolment.id, enrolment.programme_id, enrolment.worker_id
    page = officer_client.get(f"/perlindungan/kepesertaan/{enrolment_id}")
    assert page.status_code == 200
    assert officer_client.get(f"/perlindungan/program/{programme_id}?status={status}").status_code == 200
    assert officer_client.get(f"/perlindungan/pekerja/{worker_id}/ubah").status_code == 200
    assert officer_client.get(f"/perlindungan/pekerja/{worker_id}/daftarkan").status_code == 200


def test_decree_without_a_selection_is_explained(app, officer_client):
    with app.app_context():
        programme_id = factories.make_enrolment(status="sector_verified").programme_id
    path = f"/perlindungan/program/{programme_id}"
    response = _post(officer_client, path, {"decree_number": "SK/1/2025", "decree_date": "2025-01-02"})
    assert response.status_code == 422 and "Centang peserta" in response.get_data(as_text=True)


def test_action_on_wrong_status_is_a_message_not_a_crash(app, officer_client):
    with app.app_context():
        enrolment_id = factories.make_enrolment(status="registered").id
    detail = f"/perlindungan/kepesertaan/{enrolment_id}"
    response = _post(officer_client, detail + "/aktifkan", {"kpj_number": ""}, detail)
    assert response.status_code == 302
    assert "tidak dapat diubah" in officer_client.get(detail).get_data(as_text=True)
    assert officer_client.get("/perlindungan/kepesertaan/999999").status_code == 404


def test_reregistration_page_reports_skipped(app, officer_client, pin_today):
    """Eligible when enrolled in November 2024 (64), too old at the re-registration in October 2025 (65)."""
    pin_today(date(2025, 10, 1))  # the 2026 programme's registration window
    from jobfair.models import UmkSetting

    with app.app_context():
        officer = factories.make_officer()
        old = factories.bpjs_programme(year=2025, actor=officer)
        new = factories.bpjs_programme(year=2026, actor=officer)
        factories.make_enrolment(programme=old, actor=officer, worker=factories.make_worker(
            actor=officer, full_name="Pak Tua", birth_date=date(1960, 6, 1)))
        old_id, new_id = old.id, new.id
        db.session.add(UmkSetting(year=2026, amount=3_900_000))
        db.session.commit()
    try:
        response = _post(officer_client, "/perlindungan/daftar-ulang",
                         {"programme_id_from": old_id, "programme_id_to": new_id})
    finally:
        with app.app_context():
            db.session.delete(db.session.get(UmkSetting, 2026))
            db.session.commit()
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Pak Tua" in page and "0 orang didaftarkan ulang" in page
    assert "melebihi batas 64 tahun" in page


def test_admin_sets_umk(app, admin_client):
    response = _post(admin_client, "/perlindungan/umk", {"year": "2027", "amount": "4.100.000"})
    try:
        assert response.status_code == 302
        assert "Rp4.100.000" in admin_client.get("/perlindungan/umk").get_data(as_text=True)
    finally:
        from jobfair.models import UmkSetting
        with app.app_context():
            db.session.delete(db.session.get(UmkSetting, 2027))
            db.session.commit()
    bad = _post(admin_client, "/perlindungan/umk", {"year": "2027", "amount": "-3"})
    assert bad.status_code == 422


def test_the_enrol_form_asks_about_bpjs_membership_and_the_registration_window(app, officer_client, pin_today):
    """Issue 15, points 2 and 3: the Perwali question is on the form and answered; a member is refused beside it;
    registering outside September–December before the cover year is refused beside the programme."""
    with app.app_context():
        officer = factories.make_officer()
        programme_id = factories.bpjs_programme(actor=officer).id
        worker_id = factories.make_worker(actor=officer).id
    path = f"/perlindungan/pekerja/{worker_id}/daftarkan"
    base = {"programme_id": programme_id, "cover_from": "2025-01", "cover_to": "2025-12",
            "verifying_office": "Dinas Perikanan"}
    pin_today(date(2024, 10, 15))
    page = officer_client.get(path).get_data(as_text=True)
    assert "Sudah menjadi peserta BPJS Ketenagakerjaan" in page and 'name="already_bpjs_member"' in page
    unanswered = _post(officer_client, path, base)
    assert unanswered.status_code == 422 and "Tanyakan apakah orang ini" in unanswered.get_data(as_text=True)
    member = _post(officer_client, path, {**base, "already_bpjs_member": "ya"})
    assert member.status_code == 422 and "sudah menjadi peserta" in member.get_data(as_text=True)
    pin_today(date(2025, 2, 1))
    late = _post(officer_client, path, {**base, "already_bpjs_member": "tidak"})
    assert late.status_code == 422 and "sudah ditutup" in late.get_data(as_text=True)
    assert _count(app, Enrolment) == 0
    pin_today(date(2024, 10, 15))
    assert _post(officer_client, path, {**base, "already_bpjs_member": "tidak"}).status_code == 302
    assert _count(app, Enrolment) == 1
