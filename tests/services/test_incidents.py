"""The office's data-incident register: validation with reasons, the deadline in WITA, one notification,
officers only, audit rows without personal data."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.privacy import incidents
from tests import factories

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)   # 14.00 WITA


def _fields(**overrides) -> dict:
    fields = dict(title="Daftar peserta BPU terkirim ke alamat e-mail yang salah",
                  description="Lampiran berisi nama dan kecamatan 40 peserta.", occurred_on=date(2026, 12, 1),
                  occurred_time=time(16, 0), discovered_on=date(2026, 12, 2), discovered_time=time(9, 30),
                  affected_description="Peserta subsidi BPJS BPU kecamatan Balikpapan Barat", affected_count=40,
                  data_categories=["identity", "social_insurance"], actions_taken="Penerima diminta menghapus.",
                  now=NOW)
    fields.update(overrides)
    return fields


def test_an_incident_is_recorded_with_its_deadline_in_wita(db):
    officer = factories.make_officer()
    incident = incidents.record_incident(officer, **_fields())
    assert incident.discovered_at == datetime(2026, 12, 2, 1, 30, tzinfo=UTC)   # 09.30 WITA
    view = incidents.get_incident(officer, incident.id, now=NOW)
    assert view.deadline.due_at == datetime(2026, 12, 5, 1, 30, tzinfo=UTC)
    assert view.deadline.state == "open" and view.deadline.hours_minutes == (67, 30)
    assert [str(label) for label in view.categories] == [str(incidents.CATEGORY_LABELS["identity"]),
                                                         str(incidents.CATEGORY_LABELS["social_insurance"])]


def test_the_deadline_becomes_overdue(db):
    officer = factories.make_officer()
    incident = incidents.record_incident(officer, **_fields())
    later = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
    assert incidents.get_incident(officer, incident.id, now=later).deadline.state == "overdue"


def test_wrong_input_is_explained_per_field(db):
    officer = factories.make_officer()
    with pytest.raises(ValidationFailed) as caught:
        incidents.record_incident(officer, **_fields(title="x", discovered_on=date(2026, 12, 9),
                                                     affected_description="", data_categories=[],
                                                     actions_taken="", affected_count=-1))
    assert set(caught.value.field_errors) == {"title", "discovered_on", "affected_description", "affected_count",
                                              "data_categories", "actions_taken"}
    with pytest.raises(ValidationFailed) as caught:
        incidents.record_incident(officer, **_fields(occurred_on=date(2026, 12, 2), occurred_time=time(10, 0)))
    assert set(caught.value.field_errors) == {"occurred_on"}


def test_the_notification_is_recorded_once_and_says_whether_it_was_on_time(db):
    officer = factories.make_officer()
    incident = incidents.record_incident(officer, **_fields())
    later = datetime(2026, 12, 6, 0, 0, tzinfo=UTC)
    incidents.record_notification(officer, incident.id, notified_on=date(2026, 12, 5), notified_time=time(10, 0),
                                  note="Surat ke Komdigi no. 12; e-mail ke 40 peserta.", now=later)
    view = incidents.get_incident(officer, incident.id, now=later)
    assert view.deadline.state == "late" and view.deadline.hours_minutes == (0, 30)
    with pytest.raises(InvalidState):
        incidents.record_notification(officer, incident.id, notified_on=date(2026, 12, 5), notified_time=None,
                                      note="lagi", now=later)
    from jobfair.extensions import db as database
    event = database.session.scalar(select(AuditEvent).where(AuditEvent.action == "incident.notified"))
    assert event.detail == {"on_time": False}


def test_a_notification_before_discovery_or_without_a_note_is_refused(db):
    officer = factories.make_officer()
    incident = incidents.record_incident(officer, **_fields())
    with pytest.raises(ValidationFailed) as caught:
        incidents.record_notification(officer, incident.id, notified_on=date(2026, 12, 1), notified_time=None,
                                      note="", now=NOW)
    assert set(caught.value.field_errors) == {"notified_on", "note"}


def test_only_the_office_keeps_the_register(db):
    for role in ("seeker", "company", "school", "student"):
        with pytest.raises(PermissionDenied):
            incidents.list_incidents(factories.make_user(role))
    with pytest.raises(NotFound):
        incidents.get_incident(factories.make_officer(), 999)


def test_the_list_is_paginated_newest_discovery_first(db):
    officer = factories.make_officer()
    for day in range(1, incidents.PER_PAGE + 3):
        incidents.record_incident(officer, **_fields(title=f"Insiden nomor {day}", discovered_on=date(2026, 11, day),
                                                     occurred_on=None))
    pagination, views = incidents.list_incidents(officer, page=1, now=NOW)
    assert pagination.total == incidents.PER_PAGE + 2 and len(views) == incidents.PER_PAGE
    assert views[0].incident.title == f"Insiden nomor {incidents.PER_PAGE + 2}"
    assert len(incidents.list_incidents(officer, page=2, now=NOW)[1]) == 2


def test_the_audit_row_holds_no_personal_data(db):
    officer = factories.make_officer()
    incidents.record_incident(officer, **_fields(affected_description="Andi, NIK 6471010703950001, 081234567890"))
    from jobfair.extensions import db as database
    event = database.session.scalar(select(AuditEvent).where(AuditEvent.action == "incident.recorded"))
    assert "6471010703950001" not in str(event.detail) and "081234567890" not in str(event.detail)
