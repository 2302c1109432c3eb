"""TOTP second factor of office staff: enrolment, encrypted secret, drift window, replay refusal, recovery codes
used once, lockout after wrong codes, and the admin's audited reset."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent, RecoveryCode, SecondFactor, User
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed
from jobfair.services.users import second_factor, sessions
from tests import factories

T0 = datetime(2026, 12, 2, 3, 0, 10, tzinfo=UTC)


def _code(secret: str, now: datetime, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(now + timedelta(seconds=30 * steps))


def _enrolled(role="officer"):
    user = factories.make_user(role)
    secret = second_factor.pending_secret(user)
    _token, codes = second_factor.confirm_enrolment(user, _code(secret, T0), session_token=None, now=T0)
    return user, secret, codes


def _refusal(user, code, now):
    with pytest.raises(ValidationFailed) as exc:
        second_factor.verify_login(user, code, session_token=None, now=now)
    return exc.value.field_errors["code"]


def test_the_pending_secret_is_stable_encrypted_and_confirmed_by_a_first_code(db):
    officer = factories.make_user("officer")
    secret = second_factor.pending_secret(officer)
    assert second_factor.pending_secret(officer) == secret and len(secret) == 32
    row = db.session.scalar(select(SecondFactor))
    assert secret not in row.secret_encrypted and row.confirmed_at is None
    assert not second_factor.is_enrolled(officer)
    assert b"<svg" in second_factor.enrolment_qr_svg(officer)
    with pytest.raises(ValidationFailed):
        second_factor.confirm_enrolment(officer, "000000" if _code(secret, T0) != "000000" else "111111",
                                        session_token=None, now=T0)
    _token, codes = second_factor.confirm_enrolment(officer, _code(secret, T0), session_token=None, now=T0)
    assert second_factor.is_enrolled(officer) and len(codes) == 10 and len(set(codes)) == 10
    stored = set(db.session.scalars(select(RecoveryCode.code_hash)))
    assert not stored & set(codes) and len(stored) == 10
    with pytest.raises(InvalidState):  # the secret is never shown again
        second_factor.enrolment_qr_svg(officer)
    assert "account.second_factor_enrolled" in set(db.session.scalars(select(AuditEvent.action)))


def test_only_office_staff_have_a_second_factor(db):
    seeker = factories.make_user("seeker")
    with pytest.raises(PermissionDenied):
        second_factor.pending_secret(seeker)
    assert not second_factor.required(seeker) and second_factor.required(factories.make_user("admin"))


def test_a_code_is_accepted_once_and_its_replay_is_refused(db):
    officer, secret, _codes = _enrolled()
    later = T0 + timedelta(minutes=5)
    second_factor.verify_login(officer, _code(secret, later), session_token=None, now=later)
    message = _refusal(officer, _code(secret, later), later + timedelta(seconds=5))
    assert "sudah dipakai" in message
    # an older code (even inside the drift window) is a replay too once a newer one was used
    assert "sudah dipakai" in _refusal(officer, _code(secret, later, -1), later)
    assert "login.failed" in set(db.session.scalars(select(AuditEvent.action)))


def test_one_step_of_clock_drift_is_accepted_two_are_not(db):
    officer, secret, _codes = _enrolled()
    now = T0 + timedelta(minutes=10)
    assert "salah" in _refusal(officer, _code(secret, now, -2), now)
    second_factor.verify_login(officer, _code(secret, now, -1), session_token=None, now=now)
    second_factor.verify_login(officer, _code(secret, now, +1), session_token=None, now=now)


def test_wrong_codes_lock_the_account_like_wrong_passwords(db, app):
    officer, secret, _codes = _enrolled()
    now = T0 + timedelta(minutes=20)
    wrong = "123456" if _code(secret, now) != "123456" else "654321"
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        _refusal(officer, wrong, now)
    assert db.session.get(User, officer.id).locked_until is not None
    assert "dikunci sementara" in _refusal(officer, _code(secret, now), now)  # even the right code, while locked


def test_a_recovery_code_works_once_in_place_of_a_totp_code(db):
    officer, _secret, codes = _enrolled()
    now = T0 + timedelta(minutes=1)
    token = sessions.start(officer, ip=None, user_agent=None, now=now)
    new_token, remaining = second_factor.verify_login(officer, codes[0].lower().replace("-", " "),
                                                      session_token=token, now=now)
    assert remaining == 9 and new_token != token
    assert sessions.resume(new_token, officer.get_id(), now=now).second_factor_done
    assert "sekali" in _refusal(officer, codes[0], now)
    assert db.session.scalar(select(func.count(RecoveryCode.id)).where(RecoveryCode.used_at.is_not(None))) == 1


def test_an_admin_resets_a_lost_second_factor_audited_and_the_sessions_end(db):
    admin = factories.make_user("admin")
    officer, _secret, _codes = _enrolled()
    token = sessions.start(officer, ip=None, user_agent=None)
    with pytest.raises(ValidationFailed):
        second_factor.reset(admin, officer.id, "hp")
    second_factor.reset(admin, officer.id, "Ponsel petugas hilang")
    assert not second_factor.is_enrolled(officer)
    assert db.session.scalar(select(func.count(RecoveryCode.id))) == 0
    assert sessions.resume(token, db.session.get(User, officer.id).get_id()) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.second_factor_reset"))
    assert event.actor_id == admin.id and event.object_id == str(officer.id)
    assert event.detail["reason"] == "Ponsel petugas hilang"
    with pytest.raises(InvalidState):  # nothing left to reset
        second_factor.reset(admin, officer.id, "Ponsel petugas hilang")


def test_only_an_admin_resets_and_never_their_own_or_a_non_staff_account(db):
    admin, officer = factories.make_user("admin"), factories.make_user("officer")
    other_officer, _secret, _codes = _enrolled()
    with pytest.raises(PermissionDenied):
        second_factor.reset(officer, other_officer.id, "Ponsel petugas hilang")
    with pytest.raises(InvalidState):
        second_factor.reset(admin, admin.id, "Ponsel saya hilang")
    with pytest.raises(InvalidState):
        second_factor.reset(admin, factories.make_user("seeker").id, "Bukan petugas")
    assert second_factor.is_enrolled(other_officer)
