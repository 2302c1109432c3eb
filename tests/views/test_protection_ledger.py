"""Ledger and claims pages: officers work through them; seekers, companies and visitors are kept out."""

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Claim, LedgerEntry
from tests import factories
from tests.conftest import csrf_token


def _setup(app, kind="contribution_subsidy", count=3, **enrolment_fields):
    with app.app_context():
        programme = factories.ledger_programme(kind)
        enrolments = [factories.ledger_enrolment(programme, **enrolment_fields).id for _ in range(count)]
        return programme.id, enrolments


def _count(app, model, **where):
    with app.app_context():
        query = select(func.count(model.id))
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def test_officer_generates_a_month_with_confirmation_and_marks_paid(app, officer_client):
    programme_id, _enrolments = _setup(app)
    month_page = f"/perlindungan/buku-besar/program/{programme_id}?bulan=2025-11"
    assert "Belum ada baris" in officer_client.get(month_page).get_data(as_text=True)

    generate = f"/perlindungan/buku-besar/program/{programme_id}/buat?bulan=2025-11"
    token = csrf_token(officer_client, generate)
    unconfirmed = officer_client.post(generate, data={"csrf_token": token, "month": "2025-11"})
    assert unconfirmed.status_code == 422 and _count(app, LedgerEntry) == 0

    done = officer_client.post(generate, data={"csrf_token": token, "month": "2025-11", "confirm": "y"},
                               follow_redirects=True)
    assert "3 baris baru" in done.get_data(as_text=True)
    again = officer_client.post(generate, data={"csrf_token": token, "month": "2025-11", "confirm": "y"},
                                follow_redirects=True)
    assert "0 baris baru, 3 sudah ada" in again.get_data(as_text=True)
    assert _count(app, LedgerEntry) == 3

    html = officer_client.get(month_page).get_data(as_text=True)
    assert "6471" in html and "••••••••" in html and "Rp16.800" in html
    with app.app_context():
        ids = list(db.session.scalars(select(LedgerEntry.id).order_by(LedgerEntry.id)))
    response = officer_client.post(f"/perlindungan/buku-besar/program/{programme_id}/tandai", data={
        "csrf_token": csrf_token(officer_client, month_page), "month": "2025-11",
        "entry_ids": [str(i) for i in ids[:2]],
        "reference": "SP2D-77/2025", "settled_on": "2025-11-20"}, follow_redirects=True)
    assert "2 baris ditandai" in response.get_data(as_text=True)
    assert _count(app, LedgerEntry, status="paid") == 2


def test_mark_paid_without_selection_or_reference_is_explained(app, officer_client):
    programme_id, _ = _setup(app, count=1)
    with app.app_context():
        from jobfair.services.protection import ledger

        ledger.generate(factories.make_officer(), programme_id, "2025-11")
    page = f"/perlindungan/buku-besar/program/{programme_id}?bulan=2025-11"
    response = officer_client.post(f"/perlindungan/buku-besar/program/{programme_id}/tandai", data={
        "csrf_token": csrf_token(officer_client, page), "month": "2025-11", "reference": "X",
        "settled_on": "2025-11-20"}, follow_redirects=True)
    assert "Pilih minimal satu baris" in response.get_data(as_text=True)
    assert _count(app, LedgerEntry, status="paid") == 0


def test_bad_month_is_explained_and_the_page_still_works(app, officer_client):
    programme_id, _ = _setup(app, count=1)
    response = officer_client.get(f"/perlindungan/buku-besar/program/{programme_id}?bulan=<script>")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "TAHUN-BULAN" in html and "<script>" not in html


def test_one_off_delivery_form(app, officer_client):
    _programme_id, (enrolment_id,) = _setup(app, "one_off_aid", count=1)
    path = f"/perlindungan/buku-besar/penyerahan/{enrolment_id}"
    token = csrf_token(officer_client, path)
    bad = officer_client.post(path, data={"csrf_token": token, "delivered_on": "2025-08-14", "proof": "",
                                          "quantity": "dua"})
    assert bad.status_code == 422 and "angka bulat" in bad.get_data(as_text=True)
    good = officer_client.post(path, data={"csrf_token": token, "delivered_on": "2025-08-14", "proof": "BAST/KP/01",
                                           "quantity": "1"})
    assert good.status_code == 302
    assert _count(app, LedgerEntry, status="delivered") == 1


def test_claim_filed_listed_and_decided(app, officer_client):
    _programme_id, (enrolment_id,) = _setup(app, count=1)
    path = f"/perlindungan/klaim/baru/{enrolment_id}"
    token = csrf_token(officer_client, path)
    outside = officer_client.post(path, data={"csrf_token": token, "kind": "accident", "incident_date": "2024-06-01",
                                              "amount": "5.000.000"})
    assert outside.status_code == 422 and "masa perlindungan" in outside.get_data(as_text=True)
    filed = officer_client.post(path, data={"csrf_token": token, "kind": "accident", "incident_date": "2025-06-01",
                                            "amount": "5.000.000", "note": "Tertimpa material"})
    assert filed.status_code == 302
    detail = filed.headers["Location"]
    assert "Rp5.000.000" in officer_client.get("/perlindungan/klaim").get_data(as_text=True)

    unconfirmed = officer_client.post(detail, data={"csrf_token": token, "status": "approved"})
    assert unconfirmed.status_code == 422
    decided = officer_client.post(detail, data={"csrf_token": token, "status": "approved", "confirm": "y"})
    assert decided.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Claim.status)) == "approved"
    wrong = officer_client.post(detail, data={"csrf_token": token, "status": "approved", "confirm": "y"})
    assert wrong.status_code == 422 and "tidak dapat diubah" in wrong.get_data(as_text=True)


def test_missing_objects_answer_404(app, officer_client):
    for path in ("/perlindungan/buku-besar/program/999999", "/perlindungan/buku-besar/penyerahan/999999",
                 "/perlindungan/klaim/999999", "/perlindungan/klaim/baru/999999"):
        assert officer_client.get(path).status_code == 404, path


@pytest.mark.parametrize("role", ["seeker", "company", "student", "school"])
def test_other_roles_get_403(app, login_as, role):
    programme_id, (enrolment_id,) = _setup(app, count=1)
    client = login_as(role)
    for path in ("/perlindungan/buku-besar", f"/perlindungan/buku-besar/program/{programme_id}",
                 f"/perlindungan/buku-besar/program/{programme_id}/buat", "/perlindungan/klaim",
                 f"/perlindungan/klaim/baru/{enrolment_id}"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/perlindungan/buku-besar/program/{programme_id}/buat",
                       data={"month": "2025-11", "confirm": "y"}).status_code in (400, 403)
    assert _count(app, LedgerEntry) == 0


def test_anonymous_is_sent_to_login(client):
    response = client.get("/perlindungan/buku-besar")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_generate_ledger_cli(app, runner):
    programme_id, _ = _setup(app, count=2)
    with app.app_context():
        factories.make_officer()
    first = runner.invoke(args=["generate-ledger", "--programme", str(programme_id), "--month", "2025-11"])
    assert first.exit_code == 0 and "created: 2, existing: 0" in first.output
    second = runner.invoke(args=["generate-ledger", "--programme", str(programme_id), "--month", "2025-11"])
    assert "created: 0, existing: 2" in second.output
    bad = runner.invoke(args=["generate-ledger", "--programme", str(programme_id), "--month", "nov"])
    assert bad.exit_code == 1
    assert _count(app, LedgerEntry) == 2


def test_mark_paid_without_reference_names_the_field(app, officer_client):
    programme_id, _ = _setup(app, count=1)
    page = f"/perlindungan/buku-besar/program/{programme_id}?bulan=2025-11"
    response = officer_client.post(f"/perlindungan/buku-besar/program/{programme_id}/tandai", data={
        "csrf_token": csrf_token(officer_client, page), "month": "2025-11", "entry_ids": ["1"], "reference": "",
        "settled_on": "2025-11-20"}, follow_redirects=True)
    assert "Nomor bukti" in response.get_data(as_text=True)


def test_ledger_index_lists_programmes(app, officer_client):
    programme_id, _ = _setup(app, "recurring_aid", count=1)
    html = officer_client.get("/perlindungan/buku-besar").get_data(as_text=True)
    assert f"/perlindungan/buku-besar/program/{programme_id}?bulan=" in html and "Bantuan bulanan" in html
    month = officer_client.get(f"/perlindungan/buku-besar/program/{programme_id}?bulan=2025-11")
    assert month.status_code == 200 and "Buat baris bulan ini" in month.get_data(as_text=True)
