"""Sending with bounded retries: a failed email records its attempt and waits, longer each
time, until it is sent or given up; no two runs send the same row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends

from plenary.web.notifications import services
from plenary.web.notifications.models import EmailStatus, Notification
from plenary.web.notifications.services import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    notifications_resume,
    notifications_send,
    notify,
)
from tests.web import factories as f
from tests.web.notifications.backends import FailingBackend
from tests.web.notifications.conftest import context

pytestmark = pytest.mark.django_db

FAILING = "tests.web.notifications.backends.FailingBackend"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued(db):
    """Two queued notifications, their send task not run (no commit in a test)."""
    users = [f.make_user("pat@example.org"), f.make_user("sam@example.org")]
    return notify("test.news", users, context())


def _rows():
    return list(Notification.objects.order_by("pk"))


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failed_email_waits_and_is_sent_on_a_later_attempt(queued):
    FailingBackend.failures = 1
    now = timezone.now()
    result = notifications_send([n.pk for n in queued], now=now)
    assert (result.sent, result.retrying) == (1, 1)
    failed, sent = sorted(_rows(), key=lambda n: n.email_status == EmailStatus.SENT)
    assert sent.email_status == EmailStatus.SENT and sent.emailed_at == now
    assert failed.email_status == EmailStatus.QUEUED and failed.email_attempts == 1
    assert failed.email_next_attempt_at == now + RETRY_DELAYS[0]
    assert "451" in failed.email_error
    # Not yet due: nothing is tried.
    assert notifications_send([failed.pk], now=now + timedelta(seconds=30)).sent == 0
    assert notifications_send([failed.pk], now=now + RETRY_DELAYS[0]).sent == 1
    failed.refresh_from_db()
    assert failed.email_status == EmailStatus.SENT and failed.email_error == ""
    assert len(mail.outbox) == 2


@override_settings(EMAIL_BACKEND=FAILING)
def test_an_email_is_given_up_after_the_last_attempt_with_growing_delays(queued):
    FailingBackend.failures = 100
    row = queued[0]
    now = timezone.now()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        notifications_send([row.pk], now=now)
        row.refresh_from_db()
        if row.email_next_attempt_at:
            waits.append(row.email_next_attempt_at - now)
            now = row.email_next_attempt_at
    assert row.email_status == EmailStatus.FAILED and row.email_attempts == MAX_ATTEMPTS
    assert waits == list(RETRY_DELAYS) and waits == sorted(waits)
    assert notifications_send([row.pk], now=now + timedelta(days=1)).sent == 0
    FailingBackend.failures = 0


@override_settings(EMAIL_BACKEND="tests.web.notifications.backends.RefusingBackend")
def test_an_address_the_server_refuses_is_not_tried_again(queued):
    result = notifications_send([queued[0].pk])
    assert result.failed == 1
    row = Notification.objects.get(pk=queued[0].pk)
    assert row.email_status == EmailStatus.FAILED and row.email_attempts == 1


@override_settings(EMAIL_BACKEND="tests.web.notifications.backends.DownBackend")
def test_when_the_server_is_down_every_email_waits_for_a_retry(queued):
    result = notifications_send([n.pk for n in queued])
    assert result.retrying == 2
    assert {(n.email_status, n.email_attempts) for n in _rows()} == {(EmailStatus.QUEUED, 1)}
    assert "Connection refused" in _rows()[0].email_error


@override_settings(EMAIL_BACKEND=FAILING, TASKS=DUMMY_TASKS)
def test_a_retry_is_queued_to_run_after_its_delay_where_the_backend_can_defer(queued):
    backend = task_backends["default"]
    backend.clear()
    FailingBackend.failures = 2
    now = timezone.now()
    notifications_send([n.pk for n in queued], now=now)
    (retry,) = backend.results
    assert retry.task.run_after == now + RETRY_DELAYS[0]
    assert sorted(retry.args[0]) == sorted(n.pk for n in queued)


def test_a_notification_already_claimed_is_not_sent_again(queued):
    ids = [n.pk for n in queued]
    assert notifications_send(ids).sent == 2
    assert notifications_send(ids).sent == 0  # a second task for the same rows
    Notification.objects.filter(pk=ids[0]).update(email_status=EmailStatus.SENDING)
    assert notifications_send(ids).sent == 0  # another run is sending it
    assert len(mail.outbox) == 2


@override_settings(TASKS=DUMMY_TASKS)
def test_resume_hands_back_a_dead_runs_rows_and_queues_what_is_due(queued):
    backend = task_backends["default"]
    backend.clear()
    now = timezone.now()
    first, second = queued
    Notification.objects.filter(pk=first.pk).update(
        email_status=EmailStatus.SENDING,
        email_claim="qdead",
        email_claimed_at=now - services.STALE_CLAIM - timedelta(seconds=1),
    )
    assert notifications_resume(now=now) == 0  # just made: its own task may still be coming
    later = now + timedelta(minutes=6)
    assert notifications_resume(now=later) == 2
    (task,) = backend.results
    assert sorted(task.args[0]) == [first.pk, second.pk]
    first.refresh_from_db()
    assert first.email_status == EmailStatus.QUEUED and first.email_claim == ""
