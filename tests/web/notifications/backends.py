"""Mail backends for the retry tests: each fails as its name says, and counts its calls."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FailingBackend(LocmemBackend):
    """Refuses the next `failures` messages with a temporary error, then delivers to
    mail.outbox like the locmem backend."""

    failures = 0
    calls = 0

    def send_messages(self, messages: Any) -> int:
        type(self).calls += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPDataError(451, b"try again later")
        return super().send_messages(messages)


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})


class DownBackend(BaseEmailBackend):
    def open(self) -> bool:
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages: Any) -> int:
        raise AssertionError("never reached: open() failed")
