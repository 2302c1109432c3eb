"""The e-mail outbox is delivered to a real SMTP server (aiosmtpd on 127.0.0.1), not a mock."""

import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from jobfair.messages import Link
from jobfair.models import OutboxEmail
from jobfair.services import mailer
from jobfair.services.notifications import notify
from tests import factories


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode("utf-8")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False, MAIL_USERNAME=None)
    yield handler
    app.config.update(saved)
    controller.stop()


def test_send_outbox_delivers_and_marks_sent(db, smtp_server):
    user = factories.make_user("seeker")
    notify(user, "Lamaran Anda untuk Juru Las: Masuk daftar pendek.",
           link=Link("seekers.my_application", {"application_id": 1}))
    db.session.commit()
    assert mailer.send_outbox() == (1, 0)
    (mail_from, recipients, content), = smtp_server.messages
    assert recipients == [user.email] and "no-reply@disnaker.balikpapan.go.id" in mail_from
    assert "Masuk daftar pendek" in content and "/pencari-kerja/lamaran/1" in content
    row = db.session.scalar(select(OutboxEmail))
    assert row.sent_at is not None and row.attempts == 1 and row.last_error is None
    assert mailer.send_outbox() == (0, 0)  # nothing is sent twice
    assert len(smtp_server.messages) == 1


def test_send_outbox_respects_the_limit(db, smtp_server):
    user = factories.make_user("seeker")
    for n in range(3):
        notify(user, f"Pesan {n}")
    db.session.commit()
    assert mailer.send_outbox(limit=2) == (2, 0)
    assert mailer.send_outbox(limit=2) == (1, 0)
    assert len(smtp_server.messages) == 3


def test_an_unreachable_server_counts_attempts_and_keeps_the_error(db, app):
    user = factories.make_user("seeker")
    notify(user, "Pesan yang tertunda")
    db.session.commit()
    saved = app.config["MAIL_PORT"], app.config["MAIL_SERVER"]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port())  # nobody listens there
    try:
        assert mailer.send_outbox() == (0, 1)
    finally:
        app.config["MAIL_PORT"], app.config["MAIL_SERVER"] = saved
    row = db.session.scalar(select(OutboxEmail))
    assert row.sent_at is None and row.attempts == 1 and row.last_error.startswith("connect:")


def test_the_cli_command_sends_the_outbox(app, db, smtp_server):
    user = factories.make_user("seeker")
    notify(user, "Undangan wawancara")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-notifications"])
    assert result.exit_code == 0 and "Sent 1" in result.output
    assert "Undangan wawancara" in smtp_server.messages[0][2]
