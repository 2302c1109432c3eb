"""Company profile upkeep and the office's verification queue."""

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Company, Notification
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import companies
from tests import factories

PROFILE = dict(name="PT Kaltim Teknik", kbli_code="43211", address="Jl. MT Haryono No. 10",
               kecamatan_code="647105", headcount=120, contact_name="Dewi HR", contact_phone="081355512345",
               wlkp_status="reported")


def test_officer_verifies_a_company_with_audit_and_notification(db):
    officer = factories.make_officer()
    user = factories.make_company_user()
    queue = companies.verification_queue(officer)
    assert [c.id for c in queue.items] == [user.company_id]
    companies.verify(officer, user.company_id)
    company = db.session.get(Company, user.company_id)
    assert company.status == "verified" and company.verified_at is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "company.verified")).actor_id == officer.id
    assert "diverifikasi" in db.session.scalar(select(Notification).where(Notification.user_id == user.id)).message
    assert companies.verification_queue(officer).items == []


def test_queue_is_oldest_first_and_paginated(db):
    officer = factories.make_officer()
    ids = [factories.make_company_user().company_id for _ in range(3)]
    page = companies.verification_queue(officer, page=1, per_page=2)
    assert [c.id for c in page.items] == ids[:2] and page.pages == 2


def test_reject_needs_a_reason_and_the_company_can_answer_by_correcting(db):
    officer = factories.make_officer()
    user = factories.make_company_user()
    with pytest.raises(ValidationFailed) as exc:
        companies.reject(officer, user.company_id, "  ")
    assert "reason" in exc.value.field_errors
    assert db.session.get(Company, user.company_id).status == "awaiting_verification"
    companies.reject(officer, user.company_id, "NIB tidak cocok dengan nama perusahaan.")
    company = db.session.get(Company, user.company_id)
    assert company.status == "rejected" and "NIB" in company.rejection_reason
    note = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
    assert "NIB tidak cocok" in note.message
    companies.update_profile(user, **PROFILE)
    company = db.session.get(Company, user.company_id)
    assert company.status == "awaiting_verification" and company.kbli_code == "43211" and company.headcount == 120
    assert [c.id for c in companies.verification_queue(officer).items] == [company.id]


def test_decisions_are_for_officers_only(db):
    user = factories.make_company_user()
    seeker = factories.make_seeker()
    for actor in (user, seeker, None):
        with pytest.raises(PermissionDenied):
            companies.verify(actor, user.company_id)
        with pytest.raises(PermissionDenied):
            companies.verification_queue(actor)
    assert db.session.get(Company, user.company_id).status == "awaiting_verification"


def test_deciding_twice_or_a_missing_company(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    with pytest.raises(InvalidState):
        companies.reject(officer, user.company_id, "terlambat sekali")
    with pytest.raises(NotFound):
        companies.verify(officer, 999_999)


@pytest.mark.parametrize("overrides, field", [
    ({"kbli_code": "4321"}, "kbli_code"), ({"kbli_code": "4321A"}, "kbli_code"), ({"name": ""}, "name"),
    ({"kecamatan_code": "999999"}, "kecamatan_code"), ({"headcount": -5}, "headcount"),
    ({"contact_phone": "12"}, "contact_phone"), ({"wlkp_status": "maybe"}, "wlkp_status"),
    ({"address": ""}, "address"),
])
def test_bad_profile_input_changes_nothing(db, overrides, field):
    user = factories.make_company_user()
    before = db.session.get(Company, user.company_id).name
    with pytest.raises(ValidationFailed) as exc:
        companies.update_profile(user, **{**PROFILE, **overrides})
    assert field in exc.value.field_errors
    db.session.rollback()
    assert db.session.get(Company, user.company_id).name == before


def test_profile_update_is_for_company_users(db):
    with pytest.raises(PermissionDenied):
        companies.update_profile(factories.make_officer(), **PROFILE)


def test_html_is_stored_as_typed(db):
    user = factories.make_company_user()
    companies.update_profile(user, **{**PROFILE, "name": "<b>PT</b> <script>x()</script>"})
    assert db.session.get(Company, user.company_id).name == "<b>PT</b> <script>x()</script>"
