"""The data-incident register pages: record with errors beside the fields, the deadline in WITA on the list and
the printable detail, the notification step; office only; typed text escaped."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from jobfair.models import DataIncident
from tests.conftest import csrf_token

WITA = ZoneInfo("Asia/Makassar")


def _form(**overrides) -> dict:
    found = datetime.now(UTC).astimezone(WITA) - timedelta(hours=2)
    data = {"title": "<b>Laptop</b> petugas berisi data AK/1 hilang", "description": "Laptop tertinggal di angkot.",
            "discovered_on": found.date().isoformat(), "discovered_time": found.strftime("%H:%M"),
            "occurred_on": "", "occurred_time": "", "affected_description": "Pemohon AK/1 bulan November",
            "affected_count": "1.200", "data_categories": ["identity", "contact"],
            "actions_taken": "Akun laptop dikunci dari jarak jauh."}
    data.update(overrides)
    return data


def _post(client, **overrides):
    data = _form(**overrides)
    data["csrf_token"] = csrf_token(client, "/disnaker/insiden-data/baru")
    return client.post("/disnaker/insiden-data/baru", data=data)


def test_an_officer_records_an_incident_and_sees_the_deadline(app, officer_client):
    response = _post(officer_client)
    assert response.status_code == 302
    detail = officer_client.get(response.headers["Location"])
    text = detail.get_data(as_text=True)
    assert detail.status_code == 200
    assert "Belum diberitahukan" in text and "sisa 69 jam" in text and "WITA" in text
    assert "&lt;b&gt;Laptop&lt;/b&gt;" in text and "<b>Laptop</b>" not in text
    assert "1.200 orang" in text
    listing = officer_client.get("/disnaker/insiden-data").get_data(as_text=True)
    assert "sisa 69 jam" in listing


def test_errors_stand_beside_the_fields_and_keep_the_input(app, officer_client):
    response = _post(officer_client, discovered_time="25:99")
    assert response.status_code == 422 and "Tulis jam seperti 14:30" in response.get_data(as_text=True)
    response = _post(officer_client, title="", discovered_on="", data_categories=[])
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Pilih sedikitnya satu jenis data" in text and "Isi tanggal insiden diketahui" in text
    assert "Pemohon AK/1 bulan November" in text
    with app.app_context():
        from jobfair.extensions import db

        assert db.session.scalar(select(DataIncident.id)) is None


def test_an_overdue_incident_and_its_notification(app, officer_client):
    found = datetime.now(UTC).astimezone(WITA) - timedelta(hours=80)
    location = _post(officer_client, discovered_on=found.date().isoformat(),
                     discovered_time=found.strftime("%H:%M")).headers["Location"]
    assert "Lewat batas waktu" in officer_client.get(location).get_data(as_text=True)
    notify_path = location + "/pemberitahuan"
    page = officer_client.get(notify_path)
    assert page.status_code == 200 and "dicatat sekali" in page.get_data(as_text=True)
    sent = datetime.now(UTC).astimezone(WITA) - timedelta(minutes=1)   # 8 hours after the deadline
    response = officer_client.post(notify_path, data={
        "csrf_token": csrf_token(officer_client, notify_path), "notified_on": sent.date().isoformat(),
        "notified_time": sent.strftime("%H:%M"), "note": "Surat ke Komdigi; e-mail ke pemohon."})
    assert response.status_code == 302
    text = officer_client.get(location).get_data(as_text=True)
    assert "Diberitahukan terlambat" in text and "Catat pemberitahuan terkirim" not in text


def test_the_register_is_for_the_office_only(app, seeker_client, company_client, school_client):
    for client in (seeker_client, company_client, school_client):
        assert client.get("/disnaker/insiden-data").status_code == 403
