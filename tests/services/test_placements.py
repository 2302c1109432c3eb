"""The office's placement desk: queue oldest first, verify or reject with a reason, audit, notify both sides."""

from datetime import date

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Notification, Placement
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import applicants, applications, placements
from tests import factories

TODAY = date.today()


def _hired(company=None, vacancy=None):
    company = company or factories.application_company()
    vacancy = vacancy or factories.published_vacancy(company, openings=5)
    seeker = factories.seeker_with_cv()
    application = applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
    applicants.change_status(company, application.id, "shortlisted", "")
    placement = applicants.hire(company, application.id, start_date=TODAY, contract_type="PKWTT", wage=4_200_000)
    return company, seeker, placement


def test_queue_lists_reported_placements_oldest_first(db):
    company, _seeker, first = _hired()
    _company, _seeker2, second = _hired(company)
    officer = factories.make_user("officer")
    assert [p.id for p in placements.queue(officer).items] == [first.id, second.id]
    placements.verify(officer, first.id)
    assert [p.id for p in placements.queue(officer).items] == [second.id]


def test_verify_audits_and_notifies_company_and_seeker(db):
    company, seeker, placement = _hired()
    officer = factories.make_user("officer")
    placements.verify(officer, placement.id)
    stored = db.session.get(Placement, placement.id)
    assert stored.status == "verified" and stored.verified_by_id == officer.id and stored.verified_at
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "placement.verified"))
    assert event.actor_id == officer.id and event.object_id == str(placement.id)
    for user in (company, seeker):
        messages = db.session.scalars(select(Notification.message).where(Notification.user_id == user.id)).all()
        assert any("diverifikasi Disnaker" in m for m in messages)
    with pytest.raises(InvalidState):
        placements.verify(officer, placement.id)


def test_reject_needs_a_reason_and_tells_both_sides(db):
    company, seeker, placement = _hired()
    officer = factories.make_user("officer")
    with pytest.raises(ValidationFailed) as exc:
        placements.reject(officer, placement.id, "  ")
    assert "alasan" in exc.value.field_errors["reason"]
    assert db.session.get(Placement, placement.id).status == "reported"
    placements.reject(officer, placement.id, "Kontrak kerja belum dilampirkan")
    stored = db.session.get(Placement, placement.id)
    assert stored.status == "rejected" and stored.reason == "Kontrak kerja belum dilampirkan"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "placement.rejected"))
    messages = db.session.scalars(select(Notification.message).where(Notification.user_id == company.id)).all()
    assert any("Kontrak kerja belum dilampirkan" in m for m in messages)


def test_only_the_office_decides_and_unknown_placements_are_not_found(db):
    company, _seeker, placement = _hired()
    with pytest.raises(PermissionDenied):
        placements.verify(company, placement.id)
    with pytest.raises(PermissionDenied):
        placements.queue(company)
    with pytest.raises(NotFound):
        placements.verify(factories.make_user("officer"), 999_999)


def test_verify_closes_the_seekers_ak1_card_as_placed(db):
    from jobfair.models import Ak1Card, SeekerProfile

    _company, seeker, placement = _hired()
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == seeker.id))
    card = Ak1Card(seeker_id=profile.id, status="issued", number="AK1-TEST-1", issued_on=TODAY)
    db.session.add(card)
    db.session.commit()
    placements.verify(factories.make_user("officer"), placement.id)
    assert db.session.get(Ak1Card, card.id).status == "placed"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "placement.verified"))
    assert event.detail == {"ak1_closed": True}
