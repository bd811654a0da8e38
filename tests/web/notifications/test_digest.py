"""The daily digest: one email per member for what waited, with an unsubscribe link."""

from __future__ import annotations

import io
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from plenary.web.core.models import ScheduledJob
from plenary.web.core.scheduling import run_job
from plenary.web.notifications.email import read_unsubscribe_token
from plenary.web.notifications.models import EmailStatus, Notification
from plenary.web.notifications.schedule import DIGEST_JOB, next_digest_at
from plenary.web.notifications.services import digests_send, notify, preference_set
from tests.web import factories as f
from tests.web.notifications.backends import FailingBackend
from tests.web.notifications.conftest import context

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = f.make_user("dora@example.org", name="Dora Dale")
    preference_set(user=user, kind="test.news", delivery="digest")
    return user


def test_a_members_digest_holds_everything_that_waited(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.news", [member], context("First ballot"), url="/one/")
        notify("test.quiet", [member], context("Second ballot"))
        notify("test.urgent", [member], context("Sent at once"))
    assert [m.subject for m in mail.outbox] == ["Result published: Sent at once"]
    mail.outbox.clear()
    assert digests_send() == 1
    (digest,) = mail.outbox
    assert digest.to == ["dora@example.org"]
    assert digest.subject.startswith("2 notifications from ")
    assert "1. Result published: First ballot" in digest.body
    assert "2. Result published: Second ballot" in digest.body
    assert "http://localhost:8000/one/" in digest.body
    _, kinds = read_unsubscribe_token(
        digest.extra_headers["List-Unsubscribe"].strip("<>").rsplit("/", 2)[-2]
    )
    assert kinds == ["test.news", "test.quiet"]
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert digests_send() == 0  # nothing waits any more


def test_a_member_with_nothing_waiting_gets_no_digest(member):
    notify("test.notice", [member], context())
    assert digests_send() == 0
    assert mail.outbox == []


def test_a_kind_turned_off_since_is_left_out_of_the_digest(member):
    notify("test.news", [member], context())
    preference_set(user=member, kind="test.news", delivery="off")
    assert digests_send() == 0
    assert Notification.objects.get().email_status == EmailStatus.NONE


@override_settings(EMAIL_BACKEND="tests.web.notifications.backends.FailingBackend")
def test_a_digest_that_fails_waits_for_the_next_run(member):
    notify("test.news", [member], context())
    FailingBackend.failures = 1
    assert digests_send() == 0
    row = Notification.objects.get()
    assert row.email_status == EmailStatus.DIGEST and row.email_attempts == 1
    assert digests_send(now=row.email_next_attempt_at) == 1
    assert len(mail.outbox) == 1


def test_the_management_command_sends_the_digests(member):
    notify("test.news", [member], context())
    out = io.StringIO()
    call_command("notifications_digest", stdout=out)
    assert "1 digest(s) sent" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_digest_time_is_the_next_digest_hour_on_the_sites_clock(settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    london = zoneinfo.ZoneInfo("Europe/London")
    early = datetime(2026, 7, 1, 5, 0, tzinfo=london)
    assert next_digest_at(early) == datetime(2026, 7, 1, 7, 0, tzinfo=london)
    late = datetime(2026, 7, 1, 7, 0, tzinfo=london)
    assert next_digest_at(late) == datetime(2026, 7, 2, 7, 0, tzinfo=london)
    # Across the clocks going back: still 07:00 on the wall.
    autumn = datetime(2026, 10, 24, 22, 0, tzinfo=london)
    assert next_digest_at(autumn).astimezone(london).hour == 7


def test_keeping_a_notification_for_the_digest_schedules_the_one_digest_job(member):
    notify("test.news", [member], context())
    notify("test.news", [member], context())
    notify("test.notice", [member], context())  # sent at once: no job needed for it
    (job,) = ScheduledJob.objects.filter(kind=DIGEST_JOB)
    assert job.due_at == next_digest_at(timezone.now())


def test_the_digest_job_sends_the_digests(member, django_capture_on_commit_callbacks):
    notify("test.news", [member], context())
    job = ScheduledJob.objects.get(kind=DIGEST_JOB)
    ScheduledJob.objects.filter(pk=job.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job(job.pk) == ScheduledJob.State.DONE
    (digest,) = mail.outbox
    assert digest.to == [member.email]
