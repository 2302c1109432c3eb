"""Deliver the e-mail outbox over SMTP (run by `flask send-notifications`, e.g. every minute from cron)."""

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import OutboxEmail
from jobfair.models.base import utcnow

MAX_ATTEMPTS = 5
SENT_SENSITIVE_BODY = "[isi dihapus setelah terkirim]"
SMTP_TIMEOUT_SECONDS = 30


def _message(row: OutboxEmail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.recipient
    message["Subject"] = row.subject
    message["Message-ID"] = make_msgid(domain="disnaker.balikpapan.go.id")
    message.set_content(row.body)
    return message


def _connect(config) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=SMTP_TIMEOUT_SECONDS)
    if config.get("MAIL_USE_TLS"):
        smtp.starttls()
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    return smtp


def pending(limit: int = 100) -> list[OutboxEmail]:
    query = (select(OutboxEmail).where(OutboxEmail.sent_at.is_(None), OutboxEmail.attempts < MAX_ATTEMPTS)
             .order_by(OutboxEmail.id).limit(limit))
    return list(db.session.scalars(query))


def send_outbox(limit: int = 100) -> tuple[int, int]:
    """Send up to `limit` unsent e-mails; returns (sent, failed). Each row is committed on its own, so a crash
    never re-sends what already went out; a failed row keeps its error and is retried up to MAX_ATTEMPTS times."""
    rows = pending(limit)
    if not rows:
        return 0, 0
    config = current_app.config
    try:
        smtp = _connect(config)
    except (OSError, smtplib.SMTPException) as exc:
        for row in rows:
            row.attempts += 1
            row.last_error = f"connect: {exc}"[:1000]
        db.session.commit()
        return 0, len(rows)
    sent = failed = 0
    try:
        for row in rows:
            row.attempts += 1
            try:
                smtp.send_message(_message(row, config["MAIL_SENDER"]))
            except (OSError, smtplib.SMTPException) as exc:
                row.last_error = str(exc)[:1000]
                failed += 1
            else:
                row.sent_at = utcnow()
                row.last_error = None
                if row.sensitive:
                    row.body = SENT_SENSITIVE_BODY
                sent += 1
            db.session.commit()
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return sent, failed
