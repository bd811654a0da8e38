"""Background tasks of notifications (django-tasks; `plenary db_worker` runs them, and
`plenary serve` starts that worker). Each task is a thin wrapper on a service."""

from __future__ import annotations

from django_tasks import task

from plenary.web.notifications import services


@task()
def send_notifications(ids: list[int]) -> dict[str, int]:
    """Email these notifications; failures are queued again with a delay (services.py)."""
    result = services.notifications_send(ids)
    return {
        "sent": result.sent,
        "retrying": result.retrying,
        "failed": result.failed,
        "turned_off": result.turned_off,
    }


@task()
def send_digests() -> dict[str, int]:
    """The daily digests (notifications/schedule.py queues this at the digest time), and
    the sweep for emails whose send task was lost."""
    return {"digests": services.digests_send(), "queued_again": services.notifications_resume()}
