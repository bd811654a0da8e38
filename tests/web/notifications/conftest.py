"""Notification test kinds, registered for a test and removed after it. They reuse the
elections' result templates (any kind's templates would do), whose subject names an
`election.title`."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from plenary.web.notifications import kinds as registry
from plenary.web.notifications.kinds import Delivery, Kind

SUBJECT = "elections/notifications/result_published_subject.txt"
TEXT = "elections/notifications/result_published.txt"
HTML = "elections/notifications/nomination_to_accept.html"

NEWS = Kind("test.news", "News of the test", SUBJECT, TEXT)
URGENT = Kind("test.urgent", "Urgent test news", SUBJECT, TEXT, HTML, digestible=False)
NOTICE = Kind("test.notice", "A formal test notice", SUBJECT, TEXT, statutory=True)
QUIET = Kind("test.quiet", "Quiet test news", SUBJECT, TEXT, default=Delivery.DIGEST)
TEST_KINDS = (NEWS, URGENT, NOTICE, QUIET)


@pytest.fixture(autouse=True)
def test_kinds() -> Iterator[None]:
    for kind in TEST_KINDS:
        registry.register_kind(kind)
    yield
    for kind in TEST_KINDS:
        registry._kinds.pop(kind.key, None)


def context(title: str = "Smith & Jones ballot") -> dict[str, object]:
    return {
        "election": SimpleNamespace(title=title, nominations_close_at=None),
        "section": SimpleNamespace(name="Chair"),
        "body": SimpleNamespace(name="Northtown"),
    }
