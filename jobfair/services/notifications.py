"""Tell a user something: an in-app notification and, when they have an e-mail address, an outbox e-mail.

Callers add to the current unit of work and commit with their own change.
`flask send-notifications` (services/mailer.py) delivers the outbox over SMTP.
"""

from datetime import UTC, datetime

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Notification, OutboxEmail, User
from jobfair.services.errors import NotFound

EMAIL_SUBJECT_PREFIX = "[Disnaker Balikpapan] "
PERSON_ROLES = ("seeker", "student")   # accounts of a person (UU PDP); the others are work accounts


def notify(user: User, message: str, *, link: str | None = None, email_subject: str | None = None,
           email: bool = True) -> Notification:
    """An in-app notification, and its e-mail when allowed; email=False when the caller sends its own e-mail (a
    job alert's digest: one e-mail listing the vacancies, not two)."""
    notification = Notification(user_id=user.id, message=message, link=link)
    db.session.add(notification)
    if email and user.email and user.active and email_allowed(user):
        body = message + (f"\n\nBuka: {link}" if link else "") + "\n\n— Disnaker Kota Balikpapan"
        subject = EMAIL_SUBJECT_PREFIX + (email_subject or message)[:150]
        db.session.add(OutboxEmail(recipient=user.email, subject=subject, body=body))
    return notification


def email_allowed(user: User) -> bool:
    """A person (seeker, student) gets notification e-mails only with the e-mail consent (UU PDP); staff, school
    and company accounts are work addresses. Withdrawal counts at once: no cache."""
    from jobfair.privacy_notices import EMAIL
    from jobfair.services import consents

    return user.role not in PERSON_ROLES or consents.has_consent(user, EMAIL)


def email_only(user: User, subject: str, body: str, *, sensitive: bool = False) -> OutboxEmail:
    """An e-mail without an in-app notification (e.g. a password-reset link). A sensitive body is blanked once
    the mail has gone out, so the outbox does not keep the secret. Not subject to the e-mail consent: these are
    account-security messages the person asked for (or must get, like a lock warning), not notifications."""
    email = OutboxEmail(recipient=user.email, subject=EMAIL_SUBJECT_PREFIX + subject[:150],
                        body=body + "\n\n— Disnaker Kota Balikpapan", sensitive=sensitive)
    db.session.add(email)
    return email


def list_for(actor: User, *, page: int = 1, per_page: int = 20):
    query = select(Notification).where(Notification.user_id == actor.id).order_by(Notification.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def unread_count(actor: User) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None))) or 0


def mark_read(actor: User, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.id:
        raise NotFound("Pemberitahuan tidak ditemukan.")
    if notification.read_at is None:
        notification.read_at = datetime.now(UTC)
        db.session.commit()
    return notification
