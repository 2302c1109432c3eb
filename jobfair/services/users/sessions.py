"""Server-side sessions. The browser's (signed) cookie carries a random session id; the user_session row decides
whether that id still opens the account: logout ends exactly that row, a password change, role change,
deactivation, password reset or second-factor reset ends every row of the account, and a row dies by itself
after the idle timeout (30 minutes for office staff, 2 hours for others) or 12 hours after login.

The web layer (security.py) keeps the id in the Flask session and calls these functions; they never see the request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from jobfair.extensions import db
from jobfair.models import PasswordReset, User, UserSession
from jobfair.services import access

USER_AGENT_MAX = 120


@dataclass(frozen=True)
class Resumed:
    user: User
    session_id: int
    second_factor_done: bool


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_limit(role: str) -> timedelta:
    cfg = current_app.config
    minutes = cfg["SESSION_IDLE_MINUTES_OFFICE"] if access.is_office_role(role) else cfg["SESSION_IDLE_MINUTES"]
    return timedelta(minutes=minutes)


def _new_row(user_id: int, now: datetime, **fields) -> tuple[str, UserSession]:
    token = secrets.token_urlsafe(32)
    fields.setdefault("created_at", now)
    fields.setdefault("expires_at", now + timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"]))
    row = UserSession(token_hash=token_hash(token), user_id=user_id, last_seen_at=now, **fields)
    db.session.add(row)
    return token, row


def start(user: User, *, ip: str | None, user_agent: str | None, now: datetime | None = None) -> str:
    """A new session for a user who has just proved their password; returns the id for the cookie."""
    token, _row = _new_row(user.id, _now(now), ip=(ip or None) and ip[:64],
                           user_agent=(user_agent or "")[:USER_AGENT_MAX] or None)
    db.session.commit()
    return token


def _open_row(token: str | None) -> UserSession | None:
    if not token or len(token) > 100:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))
    return row if row is not None and row.ended_at is None else None


def _end(row: UserSession, reason: str, now: datetime) -> None:
    row.ended_at = now
    row.end_reason = reason


def resume(token: str | None, user_token: str | None, *, now: datetime | None = None) -> Resumed | None:
    """The user of a session id if the session is still good; ends it (and answers None) once it has lapsed."""
    now = _now(now)
    try:
        user_id, version = (int(part) for part in (user_token or "").split(":", 1))
    except ValueError:
        return None
    row = _open_row(token)
    if row is None or row.user_id != user_id:
        return None
    user = db.session.get(User, user_id)
    reason = None
    if user is None or not user.active or user.session_version != version:
        reason = "stale"
    elif now >= row.expires_at:
        reason = "expired"
    elif now - row.last_seen_at > idle_limit(user.role):
        reason = "idle"
    if reason:
        _end(row, reason, now)
        db.session.commit()
        return None
    resumed = Resumed(user, row.id, row.second_factor_at is not None)
    if now - row.last_seen_at >= timedelta(seconds=current_app.config["SESSION_TOUCH_SECONDS"]):
        db.session.execute(update(UserSession).where(UserSession.id == row.id).values(last_seen_at=now))
        db.session.commit()
    return resumed


def end(token: str | None, reason: str = "logout", *, now: datetime | None = None) -> None:
    """Logout: this session, and only this one, stops working."""
    row = _open_row(token)
    if row is not None:
        _end(row, reason, _now(now))
        db.session.commit()


def end_all(user: User, reason: str, *, keep_id: int | None = None, now: datetime | None = None) -> int:
    """End every open session of the account (but keep_id) in the current unit of work; the caller commits."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep_id is not None:
        query = query.where(UserSession.id != keep_id)
    return db.session.execute(query.values(ended_at=_now(now), end_reason=reason)).rowcount


def rotate(token: str | None, *, second_factor: bool, now: datetime | None = None) -> str | None:
    """Replace a session by a new one (new id, same absolute end) in the current unit of work; the caller commits."""
    now = _now(now)
    row = _open_row(token)
    if row is None:
        return None
    _end(row, "rotated", now)
    new_token, _new = _new_row(row.user_id, now, created_at=row.created_at, expires_at=row.expires_at,
                               ip=row.ip, user_agent=row.user_agent,
                               second_factor_at=now if second_factor else row.second_factor_at)
    return new_token


def open_sessions(user: User) -> list[UserSession]:
    query = (select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
             .order_by(UserSession.id))
    return list(db.session.scalars(query))


def prune(*, now: datetime | None = None) -> tuple[int, int]:
    """Delete session rows and reset links that ended or expired more than SESSION_RECORD_DAYS ago (run daily).
    Returns (sessions, reset links) deleted. Logins themselves stay in the audit trail."""
    cutoff = _now(now) - timedelta(days=current_app.config["SESSION_RECORD_DAYS"])
    gone_sessions = db.session.execute(delete(UserSession).where(
        or_(UserSession.ended_at < cutoff, UserSession.expires_at < cutoff))).rowcount
    gone_links = db.session.execute(delete(PasswordReset).where(PasswordReset.expires_at < cutoff)).rowcount
    db.session.commit()
    return gone_sessions, gone_links
