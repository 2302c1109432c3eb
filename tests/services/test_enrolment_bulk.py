"""Bulk verification and activation of enrolments (protection/enrolment_bulk.py): the checks of the one-by-one services,
all or nothing, one audit row per batch."""

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db as _db
from jobfair.models import AuditEvent, Enrolment
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.protection import enrolment_bulk
from tests import factories


def _enrolments(count: int, status: str = "registered") -> list[int]:
    programme = factories.ledger_programme()
    return [factories.ledger_enrolment(programme, status=status, decree_number=None).id for _ in range(count)]


def _statuses(ids) -> list[str]:
    _db.session.expire_all()
    return [_db.session.get(Enrolment, i).status for i in ids]


def _audits(action: str) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_verify_sector_bulk_verifies_every_enrolment_with_one_audit_row(db):
    officer = factories.make_officer()
    ids = _enrolments(3)
    assert enrolment_bulk.verify_sector_bulk(officer, ids, "  Dinas Perikanan ") == 3
    _db.session.expire_all()
    rows = [_db.session.get(Enrolment, i) for i in ids]
    assert {(e.status, e.verifying_office, e.verified_by_id) for e in rows} == {
        ("sector_verified", "Dinas Perikanan", officer.id)}
    assert all(e.verified_at is not None for e in rows)
    [event] = _audits("protection.enrolments_verified")
    assert event.detail["count"] == 3 and event.detail["enrolment_ids"] == sorted(ids)
    assert event.actor_id == officer.id and event.detail["office"] == "Dinas Perikanan"


def test_verify_sector_bulk_is_all_or_nothing(db):
    officer = factories.make_officer()
    ids = _enrolments(2)
    active = _enrolments(1, status="active")
    with pytest.raises(InvalidState) as caught:
        enrolment_bulk.verify_sector_bulk(officer, ids + active, "Dinas Perikanan")
    assert "tidak ada yang diubah" in caught.value.message
    assert _statuses(ids) == ["registered", "registered"]
    with pytest.raises(NotFound):
        enrolment_bulk.verify_sector_bulk(officer, [*ids, 999_999], "Dinas Perikanan")
    assert _statuses(ids) == ["registered", "registered"]
    assert _audits("protection.enrolments_verified") == []


@pytest.mark.parametrize("office", ["", " ", "x", "D" * 81, None])
def test_verify_sector_bulk_needs_the_office_name(db, office):
    ids = _enrolments(1)
    with pytest.raises(ValidationFailed) as caught:
        enrolment_bulk.verify_sector_bulk(factories.make_officer(), ids, office)
    assert "office" in caught.value.field_errors
    assert _statuses(ids) == ["registered"]


def test_selected_ids_sorts_drops_repeats_and_names_the_limit(app):
    assert enrolment_bulk.selected_ids(["3", 1, 3], field="ids", limit=5, none_chosen="none",
                                       too_many="at most %(max)s") == [1, 3]
    with pytest.raises(ValidationFailed) as caught:
        enrolment_bulk.selected_ids([], field="ids", limit=5, none_chosen="none", too_many="at most %(max)s")
    assert caught.value.field_errors == {"ids": "none"}
    with pytest.raises(ValidationFailed) as caught:
        enrolment_bulk.selected_ids(range(1001), field="ids", limit=1000, none_chosen="none",
                                    too_many="at most %(max)s")
    assert caught.value.field_errors == {"ids": "at most 1.000"}


def test_bulk_needs_a_selection_and_an_office_officer(db):
    with pytest.raises(ValidationFailed) as caught:
        enrolment_bulk.verify_sector_bulk(factories.make_officer(), [], "Dinas Perikanan")
    assert "enrolment_ids" in caught.value.field_errors
    ids = _enrolments(1)
    for role in ("seeker", "company", "student", "school"):
        with pytest.raises(PermissionDenied):
            enrolment_bulk.verify_sector_bulk(factories.make_user(role), ids, "Dinas Perikanan")
        with pytest.raises(PermissionDenied):
            enrolment_bulk.activate_bulk(factories.make_user(role), {ids[0]: "12345678901"})
    with pytest.raises(PermissionDenied):
        enrolment_bulk.activate_bulk(None, {ids[0]: None})
    assert _statuses(ids) == ["registered"]


def test_activate_bulk_activates_decreed_enrolments_with_their_kpj(db):
    officer = factories.make_officer()
    ids = _enrolments(3, status="decreed")
    count = enrolment_bulk.activate_bulk(officer, {ids[0]: "250 000 000 01", ids[1]: "25000000002", ids[2]: None})
    assert count == 3
    _db.session.expire_all()
    rows = [_db.session.get(Enrolment, i) for i in ids]
    assert [e.status for e in rows] == ["active"] * 3
    assert [e.kpj_number for e in rows] == ["25000000001", "25000000002", None]
    [event] = _audits("protection.enrolments_activated")
    assert event.detail["count"] == 3 and event.detail["kpj_given"] == 2


def test_activate_bulk_refuses_a_bad_kpj_or_an_undecreed_enrolment_and_changes_nothing(db):
    officer = factories.make_officer()
    ids = _enrolments(2, status="decreed")
    with pytest.raises(ValidationFailed) as caught:
        enrolment_bulk.activate_bulk(officer, {ids[0]: "25000000001", ids[1]: "12AB"})
    assert f"nomor {ids[1]}" in caught.value.field_errors["kpj_number"]
    registered = _enrolments(1)
    with pytest.raises(InvalidState):
        enrolment_bulk.activate_bulk(officer, {ids[0]: "25000000001", registered[0]: "25000000003"})
    assert _statuses(ids + registered) == ["decreed", "decreed", "registered"]
    assert _db.session.scalar(select(func.count(Enrolment.id)).where(Enrolment.kpj_number.is_not(None))) == 0
    assert _audits("protection.enrolments_activated") == []
