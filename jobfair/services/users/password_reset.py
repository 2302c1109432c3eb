"""Password reset by e-mail: a random single-use link, valid PASSWORD_RESET_MINUTES (60), stored only as a SHA-256
hash, void once used, once a newer link is asked for, or once the password changes. The answer to a request is the
same whether or not the address belongs to an account. A successful reset ends every session of the account and
lifts a temporary lock (the owner of the mailbox has proved it); office staff still need their second factor."""

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from jobfair import messages
from jobfair.extensions import db
from jobfair.models import PasswordReset, User
from jobfair.rules import numbers
from jobfair.services import audit, notifications
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import accounts
from jobfair.services.users.passwords import hash_password

INVALID_LINK = _l("Tautan atur ulang kata sandi ini tidak berlaku: sudah dipakai, sudah lewat 60 menit, atau tidak "
                  "lengkap tersalin. Minta tautan baru dari halaman “Lupa kata sandi”.")
TOKEN_MAX = 100


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_reset(email: str, *, link_for: Callable[[str], str], now: datetime | None = None) -> None:
    """E-mail a reset link to the account of this address, if there is an active one; silent otherwise.
    link_for(token) builds the absolute link (from the configured public address)."""
    now = now or datetime.now(UTC)
    user = db.session.scalar(select(User).where(User.email == accounts.normalize_email(email)))
    if user is None or not user.active:
        audit.record(None, "password_reset.requested", detail={"account": "none"})
        db.session.commit()
        return
    _void_open_links(user, now)
    token = secrets.token_urlsafe(32)
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    db.session.add(PasswordReset(user_id=user.id, token_hash=_hash(token), created_at=now,
                                 expires_at=now + timedelta(minutes=minutes)))
    body = _l("Halo %(name)s,\n\nAda permintaan untuk mengatur ulang kata sandi akun Anda di layanan bursa "
              "kerja Disnaker Balikpapan. Buka tautan ini dalam %(minutes)s menit untuk membuat kata sandi baru "
              "(tautan hanya berlaku sekali):\n\n%(link)s\n\nBila Anda tidak memintanya, abaikan e-mail ini: "
              "kata sandi Anda tidak berubah.", name=user.full_name, minutes=numbers.number(minutes),
              link=link_for(token))
    # The outbox holds Indonesian, as every e-mail (messages.indonesian).
    notifications.email_only(user, messages.indonesian(_l("Atur ulang kata sandi")), messages.indonesian(body),
                             sensitive=True)
    audit.record(None, "password_reset.requested", user, detail={"account": "found"})
    db.session.commit()


def _void_open_links(user: User, now: datetime) -> None:
    db.session.execute(update(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                       .values(used_at=now))


def _valid_link(token: str, now: datetime) -> PasswordReset:
    if not token or len(token) > TOKEN_MAX:
        raise ValidationFailed({"token": INVALID_LINK})
    link = db.session.scalar(select(PasswordReset).where(PasswordReset.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at <= now:
        raise ValidationFailed({"token": INVALID_LINK})
    user = db.session.get(User, link.user_id)
    if user is None or not user.active:
        raise ValidationFailed({"token": INVALID_LINK})
    return link


def check_link(token: str, *, now: datetime | None = None) -> User:
    """The account a reset link belongs to, or ValidationFailed({'token': ...}) when it does not work."""
    return db.session.get(User, _valid_link(token, now or datetime.now(UTC)).user_id)


def reset_password(token: str, new_password: str, *, now: datetime | None = None) -> User:
    """Set a new password through a reset link (once); every session of the account ends."""
    now = now or datetime.now(UTC)
    link = _valid_link(token, now)
    user = db.session.get(User, link.user_id)
    errors: dict[str, str] = {}
    accounts.check_password(new_password, errors, personal=(user.email, user.full_name), field="password")
    if errors:
        raise ValidationFailed(errors)
    claimed = db.session.execute(update(PasswordReset).where(PasswordReset.id == link.id,
                                                             PasswordReset.used_at.is_(None))
                                 .values(used_at=now)).rowcount
    if claimed != 1:  # another request used the link a moment ago
        db.session.rollback()
        raise ValidationFailed({"token": INVALID_LINK})
    user.password_hash = hash_password(new_password)
    accounts.credentials_changed(user, "password_reset", now=now)
    accounts.clear_failures(user)
    audit.record(user, "account.password_reset", user)
    notifications.notify(user, _l("Kata sandi akun Anda baru saja diganti lewat tautan atur ulang. Bila bukan Anda, "
                                  "segera hubungi Disnaker Balikpapan."), email_subject=_l("Kata sandi diganti"))
    db.session.commit()
    return user
