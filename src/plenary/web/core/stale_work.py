"""Work left running by a worker that died (kill -9, a machine lost, out of memory).

django-tasks' database backend claims a task by marking it RUNNING (on PostgreSQL the row is
taken with SELECT ... FOR UPDATE SKIP LOCKED, on SQLite inside a BEGIN EXCLUSIVE
transaction), and only the worker that claimed it ever moves it on: a worker that dies
leaves it RUNNING for ever, and a scheduled job it had claimed (core/scheduling.py) stays
running too. A worker's id is a random string, and no worker can see from another machine
whether it is alive, so what is stale is decided by age: running for longer than any task
takes (a count of a national ballot takes minutes; the default is an hour).

`requeue_stale_work` puts such a task back in the queue and such a job back to pending
(`plenary requeue_stale_tasks`, and the sweep `plenary run_due_jobs` does it first). Doing
the work again is safe: a count that was interrupted is counted again from the same stored
seed, so it gives the same result (elections/counts/services.py), and one already finished
is not redone; notifications are claimed row by row before they are sent; a scheduled
job's handler ran in a transaction that died with its worker. The one risk is a timeout
shorter than a task really takes: the task would then run twice at once. Keep it long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from plenary.web.core.models import ScheduledJob

STALE_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Requeued:
    tasks: int
    jobs: int


def requeue_stale_work(
    older_than: timedelta = STALE_AFTER, now: datetime | None = None
) -> Requeued:
    """Every task and scheduled job running since before `older_than` ago, back in the queue;
    each in one conditional UPDATE, so a worker that finishes meanwhile keeps its result."""
    cutoff = (now or timezone.now()) - older_than
    tasks = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
    jobs = ScheduledJob.objects.filter(
        state=ScheduledJob.State.RUNNING, started_at__lt=cutoff
    ).update(state=ScheduledJob.State.PENDING, started_at=None)
    return Requeued(tasks=tasks, jobs=jobs)
