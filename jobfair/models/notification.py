"""In-app notifications and the e-mail outbox (sent by `flask send-notifications`)."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


class Notification(db.Model):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    message: Mapped[str] = mapped_column(Text)  # the Indonesian text (what older rows and the outbox hold)
    # The message as its msgid and parameters, rendered in the reader's language (jobfair/messages.py).
    message_key: Mapped[str | None] = mapped_column(Text)
    message_params: Mapped[dict | None] = mapped_column(JSON)
    link: Mapped[str | None] = mapped_column(String(255))  # a path inside the site (older rows)
    link_endpoint: Mapped[str | None] = mapped_column(String(80))  # the link as an endpoint and its arguments
    link_params: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxEmail(db.Model):
    __tablename__ = "outbox_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # A body holding a secret (a password-reset link) is blanked once the mail has gone out.
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
