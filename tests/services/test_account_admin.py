"""Account administration: admins manage officers, roles and owning offices; officers deactivate accounts."""

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Programme, User
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.office import account_admin
from jobfair.services.users import accounts, sessions
from tests import factories


def _actions(db, action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_admin_creates_an_officer_and_an_officer_cannot(db):
    admin, officer = factories.make_user("admin"), factories.make_officer()
    user = account_admin.create_officer(admin, full_name="Rina Petugas", email="rina@disnaker.id",
                                        password=factories.PASSWORD, role="officer")
    assert user.role == "officer" and user.active
    assert _actions(db, "account.created")[-1].actor_id == admin.id
    with pytest.raises(PermissionDenied):
        account_admin.create_officer(officer, full_name="X Y", email="x@disnaker.id", password=factories.PASSWORD)
    with pytest.raises(ValidationFailed) as exc:
        account_admin.create_officer(admin, full_name="Z", email="rina@disnaker.id", password="short", role="seeker")
    assert set(exc.value.field_errors) >= {"email", "password", "role"}


def test_set_role_is_admin_only_audited_and_ends_sessions(db):
    admin, officer = factories.make_user("admin"), factories.make_officer()
    seeker = factories.make_seeker()
    version = seeker.session_version
    with pytest.raises(PermissionDenied):
        account_admin.set_role(officer, seeker.id, "officer")
    account_admin.set_role(admin, officer.id, "admin")
    assert db.session.get(User, officer.id).role == "admin"
    event = _actions(db, "account.role_changed")[-1]
    assert event.actor_id == admin.id and event.detail == {"from": "officer", "to": "admin"}
    with pytest.raises(NotFound):
        account_admin.set_role(admin, 999_999, "officer")
    with pytest.raises(InvalidState):
        account_admin.set_role(admin, admin.id, "officer")
    assert db.session.get(User, seeker.id).session_version == version


def test_officer_deactivates_non_admin_accounts_and_sessions_end(db):
    officer = factories.make_officer()
    for target in (factories.make_seeker(), factories.make_company_user(), factories.make_school_staff(),
                   factories.make_officer()):
        token, session_id = target.get_id(), sessions.start(target, ip=None, user_agent=None)
        assert sessions.resume(session_id, token) is not None
        account_admin.deactivate(officer, target.id, "Diminta pemilik akun")
        stored = db.session.get(User, target.id)
        assert not stored.active
        assert sessions.resume(session_id, token) is None
        assert sessions.resume(session_id, stored.get_id()) is None  # the session row has ended
        assert sessions.open_sessions(stored) == []
    events = _actions(db, "account.deactivated")
    assert len(events) == 4 and events[0].detail["reason"] == "Diminta pemilik akun"


def test_officer_cannot_touch_admins_and_nobody_deactivates_self(db):
    officer, admin = factories.make_officer(), factories.make_user("admin")
    other_admin = factories.make_user("admin")
    with pytest.raises(PermissionDenied):
        account_admin.deactivate(officer, admin.id, "Tidak boleh oleh petugas")
    with pytest.raises(InvalidState):
        account_admin.deactivate(admin, admin.id, "Menonaktifkan diri sendiri")
    with pytest.raises(InvalidState):
        account_admin.deactivate(officer, officer.id, "Menonaktifkan diri sendiri")
    assert db.session.get(User, admin.id).active
    account_admin.deactivate(admin, other_admin.id, "Pindah tugas ke dinas lain")
    assert not db.session.get(User, other_admin.id).active


def test_deactivate_needs_a_reason_and_reactivate_restores_login(db):
    officer, seeker = factories.make_officer(), factories.make_seeker()
    with pytest.raises(ValidationFailed) as exc:
        account_admin.deactivate(officer, seeker.id, "  ")
    assert "alasan" in exc.value.field_errors["reason"]
    with pytest.raises(ValidationFailed):
        account_admin.deactivate(officer, seeker.id, "x" * 1001)
    with pytest.raises(NotFound):
        account_admin.deactivate(officer, 999_999, "Tidak ada akunnya")
    with pytest.raises(PermissionDenied):
        account_admin.deactivate(factories.make_seeker(), seeker.id, "Bukan petugas")
    account_admin.deactivate(officer, seeker.id, "Akun ganda")
    with pytest.raises(accounts.LoginFailed):
        accounts.authenticate(seeker.email, factories.PASSWORD)
    with pytest.raises(InvalidState):
        account_admin.deactivate(officer, seeker.id, "Akun ganda lagi")
    account_admin.reactivate(officer, seeker.id)
    assert accounts.authenticate(seeker.email, factories.PASSWORD).id == seeker.id
    assert _actions(db, "account.reactivated")[-1].actor_id == officer.id
    with pytest.raises(InvalidState):
        account_admin.reactivate(officer, seeker.id)


def test_list_accounts_filters_and_is_for_the_office(db):
    officer = factories.make_officer()
    seeker = factories.make_seeker(full_name="Budi Santoso")
    factories.make_company_user()
    account_admin.deactivate(officer, seeker.id, "Akun ganda")
    assert [u.id for u in account_admin.list_accounts(officer, q="budi").items] == [seeker.id]
    assert [u.id for u in account_admin.list_accounts(officer, role="seeker", active=False).items] == [seeker.id]
    assert account_admin.list_accounts(officer, role="seeker", active=True).total == 0
    assert account_admin.list_accounts(officer, q="%").total == account_admin.list_accounts(officer).total
    with pytest.raises(PermissionDenied):
        account_admin.list_accounts(factories.make_company_user())


def test_admin_moves_a_programme_to_another_office(db):
    admin, officer = factories.make_user("admin"), factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    with pytest.raises(PermissionDenied):
        account_admin.set_owning_office(officer, programme.id, "Dinas Sosial")
    account_admin.set_owning_office(admin, programme.id, "Dinas Sosial")
    assert db.session.get(Programme, programme.id).owning_office == "Dinas Sosial"
    event = _actions(db, "protection.programme_updated")[-1]
    assert event.actor_id == admin.id and event.detail["changes"]["owning_office"] == ["Disnaker", "Dinas Sosial"]
    with pytest.raises(ValidationFailed):
        account_admin.set_owning_office(admin, programme.id, "")
    with pytest.raises(NotFound):
        account_admin.programme(admin, 999_999)
