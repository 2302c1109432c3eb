"""Account services: staff creation, lockout timing, role changes, audit, NIK storage and look-up."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Person, User
from jobfair.models.audit import AuditImmutableError
from jobfair.services import audit, people
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed
from jobfair.services.users import accounts, sessions
from tests import factories


def test_create_user_makes_an_officer_and_audits_it(db):
    user = accounts.create_user(None, role="officer", email=" Petugas@Balikpapan.go.id ", full_name="Petugas Satu",
                                password=factories.PASSWORD)
    assert user.email == "petugas@balikpapan.go.id"
    assert user.password_hash.startswith("$argon2id$")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.created"))
    assert event.object_id == str(user.id) and event.detail == {"role": "officer"}


def test_create_user_refuses_non_staff_roles_and_non_admin_actors(db):
    with pytest.raises(ValidationFailed) as exc:
        accounts.create_user(None, role="seeker", email="x@example.id", full_name="X", password=factories.PASSWORD)
    assert "role" in exc.value.field_errors
    officer = factories.make_user("officer")
    with pytest.raises(PermissionDenied):
        accounts.create_user(officer, role="officer", email="y@example.id", full_name="Y",
                             password=factories.PASSWORD)
    assert db.session.scalar(select(User).where(User.email.in_(["x@example.id", "y@example.id"]))) is None


def test_lock_expires_after_the_configured_minutes(db, app):
    user = factories.make_user("seeker")
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(user.email, "Salah-Sekali-123", now=start)
    with pytest.raises(accounts.LoginFailed) as locked:
        accounts.authenticate(user.email, factories.PASSWORD, now=start + timedelta(minutes=1))
    assert locked.value.message == accounts.GENERIC_LOGIN_ERROR  # a stranger cannot tell a locked account exists
    later = start + timedelta(minutes=app.config["LOGIN_LOCK_MINUTES"], seconds=1)
    assert accounts.authenticate(user.email, factories.PASSWORD, now=later).id == user.id
    db.session.refresh(user)
    assert user.failed_login_count == 0 and user.locked_until is None


def test_failures_below_the_limit_are_counted_then_reset_by_a_success(db):
    user = factories.make_user("seeker")
    for _ in range(2):
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(user.email, "Salah-Sekali-123")
    db.session.refresh(user)
    assert user.failed_login_count == 2
    accounts.authenticate(user.email, factories.PASSWORD)
    db.session.refresh(user)
    assert user.failed_login_count == 0


def test_inactive_account_cannot_log_in(db):
    user = factories.make_user("seeker")
    user.active = False
    db.session.commit()
    with pytest.raises(accounts.LoginFailed, match="dinonaktifkan"):
        accounts.authenticate(user.email, factories.PASSWORD)


def test_admin_changes_a_role_and_it_is_audited(db):
    admin = factories.make_user("admin")
    officer = factories.make_user("officer")
    version = officer.session_version
    accounts.change_role(admin, officer.id, "admin")
    assert officer.role == "admin" and officer.session_version == version + 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.role_changed"))
    assert event.detail == {"from": "officer", "to": "admin"} and event.actor_id == admin.id


def test_role_change_refuses_unknown_roles_non_admins_and_self(db):
    admin = factories.make_user("admin")
    officer = factories.make_user("officer")
    with pytest.raises(ValidationFailed):
        accounts.change_role(admin, officer.id, "superuser")
    with pytest.raises(PermissionDenied):
        accounts.change_role(officer, admin.id, "seeker")
    with pytest.raises(InvalidState):
        accounts.change_role(admin, admin.id, "officer")
    assert db.session.get(User, officer.id).role == "officer"


def test_session_token_matches_only_the_current_version(db):
    user = factories.make_user("seeker")
    token, session_id = user.get_id(), sessions.start(user, ip=None, user_agent=None)
    assert sessions.resume(session_id, token).user.id == user.id
    user.session_version += 1
    db.session.commit()
    assert sessions.resume(session_id, token) is None
    assert sessions.resume(session_id, "garbage") is None


def test_nik_is_encrypted_looked_up_by_hmac_and_revealed_only_on_request(db):
    nik = factories.valid_nik(serial=42)
    factories.make_seeker(nik=nik)
    person = people.find_person(nik)
    assert person is not None
    assert nik not in person.nik_encrypted and nik != person.nik_hmac and len(person.nik_hmac) == 64
    assert people.reveal_nik(person) == nik
    assert person.masked_nik == nik[:4] + "•" * 8 + nik[-4:]
    assert people.find_person(factories.valid_nik(serial=43)) is None


def test_same_nik_is_one_person(db):
    nik = factories.valid_nik(serial=77)
    factories.make_seeker(nik=nik)
    with pytest.raises(ValidationFailed) as exc:
        factories.make_seeker(nik=nik)
    assert "nik" in exc.value.field_errors
    assert len(db.session.scalars(select(Person)).all()) == 1


def test_audit_rows_cannot_be_changed_or_deleted(db):
    event = audit.record(None, "test.event", detail={"a": 1})
    db.session.commit()
    event.action = "tampered"
    with pytest.raises(AuditImmutableError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditImmutableError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "test.event"


def test_audit_records_the_origin_set_by_the_web_layer(db):
    token = audit.set_origin("203.0.113.9")
    try:
        audit.record(None, "test.origin")
        db.session.commit()
    finally:
        audit.reset_origin(token)
    assert db.session.scalar(select(AuditEvent.origin).where(AuditEvent.action == "test.origin")) == "203.0.113.9"


def test_unknown_wrong_and_locked_logins_each_cost_one_argon2_verification(db, app, monkeypatch):
    """The answer time does not tell whether an account exists: every refusal verifies one hash made at the
    configured cost (a dummy one for an unknown address). Speed itself is measured in bench/bench_login_timing.py."""
    from argon2 import PasswordHasher

    verified: list[str] = []
    original = PasswordHasher.verify

    def counting_verify(self, password_hash, password):
        verified.append(password_hash)
        return original(self, password_hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    user = factories.make_user("seeker")
    cost = f"m={app.config['ARGON2_MEMORY_COST']},t={app.config['ARGON2_TIME_COST']}"
    messages = []
    for email, password in [("tidak-ada@example.id", "Salah-Sekali-123"), (user.email, "Salah-Sekali-123")]:
        verified.clear()
        with pytest.raises(accounts.LoginFailed) as refused:
            accounts.authenticate(email, password)
        assert len(verified) == 1 and cost in verified[0], email
        messages.append(refused.value.message)
    user.locked_until = datetime.now(UTC) + timedelta(minutes=5)
    db.session.commit()
    verified.clear()
    with pytest.raises(accounts.LoginFailed) as refused:
        accounts.authenticate(user.email, factories.PASSWORD)
    assert len(verified) == 1
    messages.append(refused.value.message)
    assert set(messages) == {accounts.GENERIC_LOGIN_ERROR}


def test_the_owner_of_a_locked_account_is_told_by_e_mail(db, app):
    from jobfair.models import OutboxEmail

    user = factories.make_user("seeker")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(user.email, "Salah-Sekali-123")
    mail = db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == user.email))
    assert "dikunci sementara" in mail.body and "WITA" in mail.body
