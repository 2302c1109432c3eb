"""Password reset links: random, stored only as a hash, 60 minutes, single use, void after a password change or a
newer link; silent for unknown addresses; a reset ends every session of the account."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent, OutboxEmail, PasswordReset, User
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import accounts, password_reset, sessions
from jobfair.services.users.passwords import verify_password
from tests import factories

T0 = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
NEW_PASSWORD = "Sandi-Baru-Bpn-2026"
BASE = "https://kerja.balikpapan.test/akun/atur-ulang-kata-sandi/"


def _link(token: str) -> str:
    return BASE + token


def _request(email, now=T0) -> str | None:
    """Ask for a link; returns the token from the outbox e-mail (None when no e-mail was written)."""
    from jobfair.extensions import db

    before = db.session.scalar(select(func.max(OutboxEmail.id))) or 0
    password_reset.request_reset(email, link_for=_link, now=now)
    mail = db.session.scalar(select(OutboxEmail).where(OutboxEmail.id > before))
    if mail is None:
        return None
    return re.search(re.escape(BASE) + r"(\S+)", mail.body).group(1)


def _refused(token, now=T0 + timedelta(minutes=1), password=NEW_PASSWORD):
    with pytest.raises(ValidationFailed) as exc:
        password_reset.reset_password(token, password, now=now)
    return exc.value.field_errors


def test_a_known_address_gets_a_link_whose_token_is_stored_only_as_a_hash(db):
    user = factories.make_user("seeker")
    token = _request(user.email.upper())
    link = db.session.scalar(select(PasswordReset))
    assert link.user_id == user.id and link.token_hash != token and len(link.token_hash) == 64
    assert link.expires_at == T0 + timedelta(minutes=60)
    mail = db.session.scalar(select(OutboxEmail))
    assert mail.recipient == user.email and mail.sensitive and "60 menit" in mail.body
    with db.engine.connect() as conn:  # the token is nowhere but in the e-mail waiting to be sent
        for table in db.metadata.sorted_tables:
            if table.name != "outbox_email":
                for row in conn.execute(table.select()):
                    assert token not in " ".join(map(str, row)), table.name


def test_an_unknown_or_deactivated_address_gets_no_e_mail_and_no_error(db):
    user = factories.make_user("seeker")
    user.active = False
    db.session.commit()
    assert _request("tidak-ada@example.id") is None
    assert _request(user.email) is None
    assert db.session.scalar(select(func.count(PasswordReset.id))) == 0
    actions = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "password_reset.requested"))
    assert [d["account"] for d in actions] == ["none", "none"]


def test_the_link_sets_a_new_password_once_and_ends_every_session(db):
    user = factories.make_user("seeker")
    phone, laptop = (sessions.start(user, ip=None, user_agent=None, now=T0) for _ in range(2))
    user.locked_until = T0 + timedelta(minutes=10)
    db.session.commit()
    token = _request(user.email)
    password_reset.reset_password(token, NEW_PASSWORD, now=T0 + timedelta(minutes=5))
    stored = db.session.get(User, user.id)
    assert verify_password(stored.password_hash, NEW_PASSWORD) and stored.locked_until is None
    assert sessions.open_sessions(stored) == []
    assert sessions.resume(phone, stored.get_id(), now=T0) is None and sessions.resume(laptop, stored.get_id()) is None
    assert "account.password_reset" in set(db.session.scalars(select(AuditEvent.action)))
    # used once: refused the second time, and the password stays the new one
    assert "token" in _refused(token, password="Lagi-Lain-2026-Bpn")
    assert verify_password(db.session.get(User, user.id).password_hash, NEW_PASSWORD)


def test_an_expired_link_is_refused_and_changes_nothing(db):
    user = factories.make_user("seeker")
    token = _request(user.email)
    assert "token" in _refused(token, now=T0 + timedelta(minutes=60))
    assert verify_password(db.session.get(User, user.id).password_hash, factories.PASSWORD)
    assert password_reset.check_link(token, now=T0 + timedelta(minutes=59)).id == user.id


def test_forged_foreign_and_hash_tokens_are_refused(db):
    owner, other = factories.make_user("seeker"), factories.make_user("seeker")
    token = _request(owner.email)
    stored_hash = db.session.scalar(select(PasswordReset.token_hash))
    for bad in ("", "x" * 500, token[:-2], token + "A", stored_hash, "made-up-token-for-someone-else"):
        assert "token" in _refused(bad), bad
    # the owner's token works for the owner only: nothing about the other account changes
    password_reset.reset_password(token, NEW_PASSWORD, now=T0 + timedelta(minutes=1))
    assert verify_password(db.session.get(User, other.id).password_hash, factories.PASSWORD)
    assert verify_password(db.session.get(User, owner.id).password_hash, NEW_PASSWORD)


def test_a_weak_new_password_is_refused_and_the_link_still_works(db):
    user = factories.make_user("seeker")
    token = _request(user.email)
    errors = _refused(token, password="pendek")
    assert "password" in errors and "token" not in errors
    password_reset.reset_password(token, NEW_PASSWORD, now=T0 + timedelta(minutes=2))


def test_a_password_change_or_a_newer_link_voids_older_links(db):
    user = factories.make_user("seeker")
    first = _request(user.email)
    second = _request(user.email, now=T0 + timedelta(minutes=1))
    assert "token" in _refused(first)
    accounts.change_password(user, current_password=factories.PASSWORD, new_password="Ganti-Sendiri-2026")
    assert "token" in _refused(second)
    assert verify_password(db.session.get(User, user.id).password_hash, "Ganti-Sendiri-2026")
