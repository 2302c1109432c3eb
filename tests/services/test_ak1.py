"""AK/1 card service: request, issue, return, reports, lapse, placed, check by token."""

from datetime import date

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Notification
from jobfair.services import notifications
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import ak1
from tests import factories

DAY = date(2026, 1, 15)


def _actions(db):
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_request_needs_a_complete_profile(db):
    seeker = factories.make_seeker()
    with pytest.raises(ValidationFailed) as info:
        ak1.request_card(seeker, today=DAY)
    assert set(info.value.field_errors) == {"address", "kecamatan_code", "education_level"}
    assert ak1.current_card(seeker) is None


def test_one_open_card_at_a_time(db):
    seeker = factories.make_seeker()
    factories.complete_profile(seeker)
    ak1.request_card(seeker, today=DAY)
    with pytest.raises(InvalidState):
        ak1.request_card(seeker, today=DAY)


def test_officer_issues_a_card(db):
    seeker, officer = factories.make_seeker(), factories.make_user("officer")
    factories.complete_profile(seeker)
    card = ak1.request_card(seeker, today=DAY)
    assert [c.id for c in ak1.queue(officer).items] == [card.id]
    card = ak1.issue(officer, card.id, today=DAY)
    assert card.status == "issued" and card.number == f"AK1/6471/2026/{card.id:06d}"
    assert card.issued_on == DAY and card.valid_until == date(2028, 1, 15)
    assert len(card.verify_token) >= 40 and card.issued_by_id == officer.id
    assert "ak1.issued" in _actions(db)
    note = db.session.scalar(select(Notification).where(Notification.user_id == seeker.id))
    assert note.message == (f"Kartu AK/1 Anda sudah terbit: {card.number}, berlaku sampai 15-01-2028. Laporkan "
                            "status Anda setiap 6 bulan.")
    assert note.message_params["date"] == "15-01-2028" and notifications.path_of(note) == "/pencari-kerja/ak1"
    assert ak1.queue(officer).items == []
    with pytest.raises(InvalidState):
        ak1.issue(officer, card.id, today=DAY)


def test_non_officers_cannot_act(db):
    seeker = factories.make_seeker()
    factories.complete_profile(seeker)
    card = ak1.request_card(seeker, today=DAY)
    for actor in (seeker, factories.make_user("company")):
        with pytest.raises(PermissionDenied):
            ak1.issue(actor, card.id, today=DAY)
        with pytest.raises(PermissionDenied):
            ak1.return_card(actor, card.id, "Alamat tidak sesuai KTP.")
        with pytest.raises(PermissionDenied):
            ak1.queue(actor)
        with pytest.raises(PermissionDenied):
            ak1.verify_by_token(actor, "x")
    assert ak1.current_card(seeker).status == "requested"


def test_return_needs_a_reason_and_the_seeker_can_ask_again(db):
    seeker, officer = factories.make_seeker(), factories.make_user("officer")
    factories.complete_profile(seeker)
    card = ak1.request_card(seeker, today=DAY)
    with pytest.raises(ValidationFailed):
        ak1.return_card(officer, card.id, "kurang")
    ak1.return_card(officer, card.id, "Alamat tidak sesuai KTP, mohon diperbaiki.")
    assert card.status == "returned" and "ak1.returned" in _actions(db)
    again = ak1.request_card(seeker, today=DAY)
    assert again.id != card.id and again.status == "requested"


def test_issue_unknown_card_is_not_found(db):
    with pytest.raises(NotFound):
        ak1.issue(factories.make_user("officer"), 9999, today=DAY)


def test_report_fills_the_open_slot_once(db):
    seeker = factories.make_seeker()
    card = factories.issued_card(seeker, today=DAY)
    with pytest.raises(InvalidState, match="Belum waktunya"):
        ak1.report(seeker, still_seeking=True, note="", today=date(2026, 3, 1))
    entry = ak1.report(seeker, still_seeking=True, note="Masih mencari", today=date(2026, 7, 10))
    assert entry.slot == 1 and entry.card_id == card.id
    with pytest.raises(InvalidState, match="sudah"):
        ak1.report(seeker, still_seeking=True, note="", today=date(2026, 7, 20))
    assert [r.slot for r in card.reports] == [1]


def test_report_refuses_html(db):
    seeker = factories.make_seeker()
    factories.issued_card(seeker, today=DAY)
    with pytest.raises(ValidationFailed):
        ak1.report(seeker, still_seeking=True, note="<script>x</script>", today=date(2026, 7, 10))


def test_reports_due_lists_open_unreported_cards(db):
    officer = factories.make_user("officer")
    a, b = factories.make_seeker(), factories.make_seeker()
    card_a = factories.issued_card(a, officer, today=DAY)
    factories.issued_card(b, officer, today=DAY)
    ak1.report(b, still_seeking=True, note="", today=date(2026, 7, 1))
    assert [c.id for c in ak1.reports_due(officer, today=date(2026, 7, 5)).items] == [card_a.id]
    assert ak1.reports_due(officer, today=date(2026, 3, 1)).items == []


def test_lapse_overdue(db):
    officer = factories.make_user("officer")
    a, b = factories.make_seeker(), factories.make_seeker()
    card_a = factories.issued_card(a, officer, today=DAY)
    card_b = factories.issued_card(b, officer, today=DAY)
    ak1.report(b, still_seeking=True, note="", today=date(2026, 7, 1))
    assert ak1.lapse_overdue(date(2026, 8, 14)) == 0
    assert ak1.lapse_overdue(date(2026, 8, 15)) == 1
    assert card_a.status == "lapsed" and card_b.status == "issued"
    assert "ak1.lapsed" in _actions(db)
    with pytest.raises(InvalidState):
        ak1.report(a, still_seeking=True, note="", today=date(2027, 1, 10))


def test_close_as_placed(db):
    seeker = factories.make_seeker()
    card = factories.issued_card(seeker, today=DAY)
    from jobfair.extensions import db as _db

    assert ak1.close_as_placed(card.seeker).id == card.id
    _db.session.commit()
    assert ak1.current_card(seeker).status == "placed"
    assert ak1.close_as_placed(card.seeker) is None


def test_verify_by_token(db):
    seeker, officer = factories.make_seeker(), factories.make_user("officer")
    card = factories.issued_card(seeker, officer, today=DAY)
    check = ak1.verify_by_token(officer, card.verify_token, today=date(2026, 2, 1))
    assert check.valid_today and check.number == card.number and "••••" in check.masked_nik
    assert "ak1.checked" in _actions(db)
    with pytest.raises(NotFound):
        ak1.verify_by_token(officer, "not-a-token")
    assert not ak1.verify_by_token(officer, card.verify_token, today=date(2028, 1, 16)).valid_today


def test_a_fully_reported_card_expires_after_its_validity(db):
    seeker = factories.make_seeker()
    card = factories.issued_card(seeker, today=DAY)
    for day in (date(2026, 7, 1), date(2027, 1, 10), date(2027, 7, 10), date(2028, 1, 10)):
        ak1.report(seeker, still_seeking=True, note="", today=day)
    assert ak1.lapse_overdue(date(2028, 2, 1)) == 0
    assert ak1.lapse_overdue(date(2028, 2, 15)) == 1
    assert card.status == "expired"


def test_return_reason_refuses_html(db):
    seeker = factories.make_seeker()
    factories.complete_profile(seeker)
    card = ak1.request_card(seeker, today=DAY)
    with pytest.raises(ValidationFailed):
        ak1.return_card(factories.make_user("officer"), card.id, "<img src=x onerror=alert(1)> salah")
    assert card.status == "requested"


def test_lapse_command(app, runner):
    with app.app_context():
        factories.issued_card(factories.make_seeker(), today=date(2020, 1, 15))
    result = runner.invoke(args=["lapse-ak1-cards"])
    assert result.exit_code == 0 and "lapsed or expired: 1" in result.output
