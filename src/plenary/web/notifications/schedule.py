"""The daily digest as scheduled work (core/scheduling.py).

Whenever `notify` keeps a notification for someone's digest, it schedules the one digest job
for the next digest time (`NOTIFICATIONS_DIGEST_HOUR`, on the site's clock): every row kept
before that time waits for the same job, as the job is unique by kind, key and time. When the
job runs it queues `tasks.send_digests`, which emails the digests outside the job's
transaction (an SMTP conversation is no place to hold a database transaction) and queues again
any email whose send was lost. A day with nothing for the digest has no job."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plenary.web.core.scheduling import register_job, schedule

DIGEST_JOB = "notifications.digest"
DIGEST_KEY = "daily"


def next_digest_at(now: datetime) -> datetime:
    """The first digest time after `now`: today's, or tomorrow's once today's has passed."""
    local = timezone.localtime(now)
    hour = time(hour=int(settings.NOTIFICATIONS_DIGEST_HOUR))
    due = timezone.make_aware(datetime.combine(local.date(), hour))
    if due <= now:
        due = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), hour))
    return due


def digest_schedule(now: datetime) -> None:
    schedule(DIGEST_JOB, DIGEST_KEY, next_digest_at(now))


def digest_due(key: str, due_at: datetime) -> None:
    from plenary.web.notifications import tasks  # the task module imports the services

    transaction.on_commit(lambda: tasks.send_digests.enqueue())


def register() -> None:
    register_job(DIGEST_JOB, digest_due)
