"""Once end to end: notify() to a real SMTP server on 127.0.0.1 (aiosmtpd, started here on a
free port), through the send task and Django's SMTP backend; the message arrives with its
unsubscribe header, and the link in it works."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

from plenary.web.notifications.models import EmailStatus, Notification
from plenary.web.notifications.services import notify, preferences_of
from tests.web import factories as f
from tests.web.notifications.conftest import context

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_a_notification_reaches_a_real_smtp_server_with_its_unsubscribe_link(
    smtp_server, django_capture_on_commit_callbacks
):
    inbox, port = smtp_server
    member = f.make_user("erin@example.org", name="Erin Eve")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=10,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            notify("test.urgent", [member], context("Tom & Jerry"), url="/elections/")
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["erin@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Result published: Tom & Jerry"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert link.startswith("http://localhost:8000/account/notifications/unsubscribe/")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert link in text and "Tom &amp; Jerry" in html
    assert Notification.objects.get().email_status == EmailStatus.SENT
    # The mail client's one-click unsubscribe, as RFC 8058 has it sent.
    response = Client(enforce_csrf_checks=True).post(
        link.removeprefix("http://localhost:8000"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert preferences_of(member)["test.urgent"] == "off"
