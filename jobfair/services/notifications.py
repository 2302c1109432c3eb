"""Tell a user something: an in-app notification and, when they have an e-mail address, an outbox e-mail.

Callers add to the current unit of work and commit with their own change.
`flask send-notifications` (services/mailer.py) delivers the outbox over SMTP.
"""

from datetime import UTC, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from jobfair import messages
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Notification, OutboxEmail, User
from jobfair.services import keyset
from jobfair.services.errors import NotFound

EMAIL_SUBJECT_PREFIX = "[Disnaker Balikpapan] "
PERSON_ROLES = ("seeker", "student")   # accounts of a person (UU PDP); the others are work accounts


def notify(user: User, message, *, link: Link | None = None, email_subject=None,
           email: bool = True) -> Notification:
    """`message` is a lazy gettext string (stored as key + parameters, read in the reader's language) or plain
    text; `link` an endpoint with its arguments. The e-mail goes out in Indonesian with an absolute link;
    email=False when the caller sends its own e-mail (a job alert's digest lists the vacancies in one)."""
    key, params = messages.parts(message)
    text = messages.indonesian(message)
    notification = Notification(user_id=user.id, message=text, message_key=key, message_params=params)
    if link is not None:  # older rows keep a plain path in `link`; new ones an endpoint (path_of reads both)
        notification.link_endpoint, notification.link_params = link.endpoint, link.params
    db.session.add(notification)
    if email and user.email and user.active and email_allowed(user):
        path = messages.path(link)
        url = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path if path else None
        body = text + (f"\n\nBuka: {url}" if url else "") + "\n\n— Disnaker Kota Balikpapan"
        subject = EMAIL_SUBJECT_PREFIX + (messages.indonesian(email_subject) if email_subject else text)[:150]
        db.session.add(OutboxEmail(recipient=user.email, subject=subject, body=body))
    return notification


def text_of(notification: Notification) -> str:
    """The notification in the current locale."""
    return messages.render(notification.message_key, notification.message_params, notification.message)


def path_of(notification: Notification) -> str | None:
    """Where opening the notification leads: its endpoint, or the stored path of an older row."""
    if notification.link_endpoint:
        return messages.path(Link(notification.link_endpoint, notification.link_params or {}))
    return notification.link


def email_allowed(user: User) -> bool:
    """A person (seeker, student) gets notification e-mails only with the e-mail consent (UU PDP); staff, school
    and company accounts are work addresses. Withdrawal counts at once: no cache."""
    from jobfair.privacy_notices import EMAIL
    from jobfair.services.privacy import consents

    return user.role not in PERSON_ROLES or consents.has_consent(user, EMAIL)


def email_only(user: User, subject: str, body: str, *, sensitive: bool = False) -> OutboxEmail:
    """An e-mail without an in-app notification (e.g. a password-reset link). A sensitive body is blanked once
    the mail has gone out, so the outbox does not keep the secret. Not subject to the e-mail consent: these are
    account-security messages the person asked for (or must get, like a lock warning), not notifications."""
    email = OutboxEmail(recipient=user.email, subject=EMAIL_SUBJECT_PREFIX + subject[:150],
                        body=body + "\n\n— Disnaker Kota Balikpapan", sensitive=sensitive)
    db.session.add(email)
    return email


def list_for(actor: User, *, page: int = 1, per_page: int = 20,
             after: str | None = None, before: str | None = None):
    query = select(Notification).where(Notification.user_id == actor.id).order_by(Notification.id.desc())
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def unread_count(actor: User) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None))) or 0


def mark_read(actor: User, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.id:
        raise NotFound(_l("Pemberitahuan tidak ditemukan."))
    if notification.read_at is None:
        notification.read_at = datetime.now(UTC)
        db.session.commit()
    return notification
