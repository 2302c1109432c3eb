"""The monthly ledger: generate (idempotent), mark paid / delivered, one-off deliveries, totals."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent, LedgerEntry
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.protection import ledger
from tests import factories

NOV = date(2025, 11, 1)


@pytest.fixture
def officer(db):
    return factories.make_officer()


def _entries(db, **where):
    query = select(LedgerEntry).order_by(LedgerEntry.id)
    for name, value in where.items():
        query = query.where(getattr(LedgerEntry, name) == value)
    return list(db.session.scalars(query))


def test_generate_creates_one_row_per_active_enrolment_covering_the_month(db, officer):
    programme = factories.ledger_programme()
    covered = [factories.ledger_enrolment(programme) for _ in range(3)]
    factories.ledger_enrolment(programme, status="ended")
    factories.ledger_enrolment(programme, status="decreed")
    factories.ledger_enrolment(programme, status="registered", cover_from=None, cover_to=None)
    factories.ledger_enrolment(programme, cover_from=date(2025, 1, 1), cover_to=date(2025, 10, 1))  # over
    factories.ledger_enrolment(programme, cover_from=date(2025, 12, 1), cover_to=date(2025, 12, 1))  # not yet
    factories.ledger_enrolment(factories.ledger_programme())  # another programme

    result = ledger.generate(officer, programme.id, NOV)

    assert result == ledger.GenerateResult(created=3, existing=0)
    rows = _entries(db, programme_id=programme.id)
    assert sorted(r.enrolment_id for r in rows) == sorted(e.id for e in covered)
    assert {(r.month, r.amount, r.quantity, r.status, r.item) for r in rows} == {
        (NOV, 16_800, 1, "due", "Iuran JKK + JKM")}


def test_generate_twice_for_a_month_changes_nothing(db, officer):
    programme = factories.ledger_programme()
    for _ in range(4):
        factories.ledger_enrolment(programme)
    ledger.generate(officer, programme.id, NOV)
    first = [(r.id, r.enrolment_id, r.amount) for r in _entries(db)]

    again = ledger.generate(officer, programme.id, "2025-11")

    assert again == ledger.GenerateResult(created=0, existing=4)
    assert [(r.id, r.enrolment_id, r.amount) for r in _entries(db)] == first


def test_generate_after_a_new_enrolment_adds_only_the_new_row(db, officer):
    programme = factories.ledger_programme()
    factories.ledger_enrolment(programme)
    ledger.generate(officer, programme.id, NOV)
    factories.ledger_enrolment(programme)
    assert ledger.generate(officer, programme.id, NOV) == ledger.GenerateResult(created=1, existing=1)


def test_generate_other_month_is_separate_and_is_audited(db, officer):
    programme = factories.ledger_programme()
    factories.ledger_enrolment(programme)
    ledger.generate(officer, programme.id, NOV)
    ledger.generate(officer, programme.id, date(2025, 12, 17))  # any day of the month means that month
    assert sorted(r.month for r in _entries(db)) == [NOV, date(2025, 12, 1)]
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "ledger.generated")))
    assert len(events) == 2 and events[0].detail["created"] == 1


def test_generate_recurring_aid_uses_the_unit_value_and_item(db, officer):
    programme = factories.ledger_programme("recurring_aid")
    factories.ledger_enrolment(programme)
    ledger.generate(officer, programme.id, NOV)
    (row,) = _entries(db)
    assert (row.amount, row.quantity, row.item) == (250_000, 1, "Paket sembako")


def test_generate_refuses_one_off_aid_bad_month_and_missing_programme(db, officer):
    with pytest.raises(InvalidState):
        ledger.generate(officer, factories.ledger_programme("one_off_aid").id, NOV)
    with pytest.raises(ValidationFailed) as exc:
        ledger.generate(officer, factories.ledger_programme().id, "11/2025")
    assert "2025-11" in exc.value.field_errors["month"]
    with pytest.raises(NotFound):
        ledger.generate(officer, 999_999, NOV)


@pytest.mark.parametrize("role", ["seeker", "company"])
def test_only_officers_may_generate(db, role):
    programme = factories.ledger_programme()
    with pytest.raises(PermissionDenied):
        ledger.generate(factories.make_user(role), programme.id, NOV)


def _generated(officer, kind="contribution_subsidy", count=3):
    programme = factories.ledger_programme(kind)
    for _ in range(count):
        factories.ledger_enrolment(programme)
    ledger.generate(officer, programme.id, NOV)
    return programme


def test_mark_paid_in_bulk_with_reference_and_one_audit_row(db, officer):
    programme = _generated(officer)
    ids = [r.id for r in _entries(db)]
    paid_on = date(2025, 11, 20)

    changed = ledger.mark_paid(officer, ids[:2], reference="SP2D-0099/2025", paid_on=paid_on)

    assert changed == 2
    assert [(r.status, r.reference, r.settled_on, r.settled_by_id) for r in _entries(db)] == [
        ("paid", "SP2D-0099/2025", paid_on, officer.id)] * 2 + [("due", None, None, None)]
    (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "ledger.marked_paid"))
    assert event.detail["count"] == 2 and event.detail["reference"] == "SP2D-0099/2025"
    assert event.object_id == str(programme.id)


def test_mark_paid_twice_does_not_overwrite_the_first_payment(db, officer):
    _generated(officer, count=2)
    ids = [r.id for r in _entries(db)]
    ledger.mark_paid(officer, ids[:1], reference="A-1", paid_on=date(2025, 11, 20))
    assert ledger.mark_paid(officer, ids, reference="B-2", paid_on=date(2025, 11, 21)) == 1
    assert [r.reference for r in _entries(db)] == ["A-1", "B-2"]


def test_mark_paid_bad_input_changes_nothing(db, officer):
    _generated(officer)
    ids = [r.id for r in _entries(db)]
    with pytest.raises(ValidationFailed) as exc:
        ledger.mark_paid(officer, ids, reference="  ", paid_on=date.today() + timedelta(days=3))
    assert set(exc.value.field_errors) == {"reference", "paid_on"}
    with pytest.raises(ValidationFailed):
        ledger.mark_paid(officer, [], reference="X", paid_on=date(2025, 11, 1))
    with pytest.raises(NotFound):
        ledger.mark_paid(officer, [*ids, 999_999], reference="X", paid_on=date(2025, 11, 1))
    assert {r.status for r in _entries(db)} == {"due"}


def test_mark_paid_refuses_aid_rows_and_mark_delivered_refuses_contributions(db, officer):
    _generated(officer, "recurring_aid", count=1)
    _generated(officer, "contribution_subsidy", count=1)
    aid_row, contribution_row = _entries(db)
    with pytest.raises(ValidationFailed):
        ledger.mark_paid(officer, [aid_row.id], reference="X", paid_on=date(2025, 11, 1))
    with pytest.raises(ValidationFailed):
        ledger.mark_delivered(officer, [contribution_row.id], reference="X", delivered_on=date(2025, 11, 1))


def test_mark_delivered_recurring_aid(db, officer):
    _generated(officer, "recurring_aid", count=2)
    ids = [r.id for r in _entries(db)]
    assert ledger.mark_delivered(officer, ids, reference="BAST-11/2025", delivered_on=date(2025, 11, 5),
                                 proof="foto-serah-terima-nov.jpg") == 2
    assert {(r.status, r.proof) for r in _entries(db)} == {("delivered", "foto-serah-terima-nov.jpg")}
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "ledger.marked_delivered")) == 1


def test_record_one_off_delivery(db, officer):
    enrolment = factories.ledger_enrolment(factories.ledger_programme("one_off_aid"))
    entry = ledger.record_delivery(officer, enrolment.id, delivered_on=date(2025, 8, 14), item="", quantity=1,
                                   value=None, proof="BAST/KP/013")
    assert (entry.month, entry.status, entry.item, entry.amount, entry.proof) == (
        date(2025, 8, 1), "delivered", "Kaki palsu", 7_000_000, "BAST/KP/013")
    with pytest.raises(InvalidState):  # one recipient, one delivery
        ledger.record_delivery(officer, enrolment.id, delivered_on=date(2025, 9, 1), item="Kaki palsu",
                               quantity=1, value=7_000_000, proof="BAST/KP/014")
    assert len(_entries(db)) == 1


def test_record_delivery_bad_input_and_wrong_programme(db, officer):
    enrolment = factories.ledger_enrolment(factories.ledger_programme("one_off_aid"))
    with pytest.raises(ValidationFailed) as exc:
        ledger.record_delivery(officer, enrolment.id, delivered_on=None, item="x" * 200, quantity=0, value=-5,
                               proof="")
    assert set(exc.value.field_errors) >= {"delivered_on", "item", "quantity", "value", "proof"}
    with pytest.raises(InvalidState):
        ledger.record_delivery(officer, factories.ledger_enrolment().id, delivered_on=date(2025, 8, 1),
                               item="", quantity=1, value=1, proof="x")
    pending = factories.ledger_enrolment(factories.ledger_programme("one_off_aid"), status="registered")
    with pytest.raises(InvalidState):
        ledger.record_delivery(officer, pending.id, delivered_on=date(2025, 8, 1), item="", quantity=1,
                               value=1, proof="x")
    with pytest.raises(NotFound):
        ledger.record_delivery(officer, 999_999, delivered_on=date(2025, 8, 1), item="", quantity=1, value=1,
                               proof="x")
    assert _entries(db) == []


def test_month_totals_and_ledger_page(db, officer):
    programme = _generated(officer, count=3)
    ids = [r.id for r in _entries(db)]
    ledger.mark_paid(officer, ids[:1], reference="SP2D-1", paid_on=date(2025, 11, 20))

    totals = ledger.month_totals(officer, programme.id, NOV)
    assert (totals["count"], totals["amount"], totals["covering"]) == (3, 50_400, 3)
    assert totals["paid"] == {"count": 1, "amount": 16_800} and totals["due"]["count"] == 2
    assert totals["amount_label"] == "Rp50.400"

    page = ledger.month_ledger(officer, programme.id, NOV, status="due", page=1)
    assert page.total == 2
    assert all("••••" in row.enrolment.worker.person.masked_nik for row in page.items)
    with pytest.raises(ValidationFailed):
        ledger.month_ledger(officer, programme.id, NOV, status="bogus")


@pytest.mark.parametrize("role", ["seeker", "company", "school"])
def test_only_officers_may_read_the_month_totals(db, role):
    programme = factories.ledger_programme()
    with pytest.raises(PermissionDenied):
        ledger.month_totals(factories.make_user(role), programme.id, NOV)
    with pytest.raises(PermissionDenied):
        ledger.month_totals(None, programme.id, NOV)


def test_generate_with_enrolments_made_through_the_register_services(db, officer):
    programme = factories.bpjs_programme()
    active = factories.make_enrolment(programme=programme)
    factories.make_enrolment(programme=programme, status="decreed")
    factories.make_enrolment(programme=programme, status="ended")  # cover ended in January

    assert ledger.generate(officer, programme.id, NOV) == ledger.GenerateResult(created=1, existing=0)
    assert [r.enrolment_id for r in _entries(db)] == [active.id]
