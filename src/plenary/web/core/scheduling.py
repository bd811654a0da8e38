"""Scheduled work: one mechanism for everything that must happen at a time (a ballot closes, a
nomination period ends, a digest is due, a scheduled post goes out, a case becomes overdue).

An app registers a kind of job and its handler in its `ready()`:

    register_job("elections.ballot_closed", ballot_closed)

and its services schedule work when the time is set:

    schedule("elections.ballot_closed", f"election:{election.pk}", election.ballot_close_at)

`schedule` makes (or finds) the one `ScheduledJob` row for that kind, key and time, and, once
the transaction commits, queues a django-tasks task to run at that time (`run_after`). When
the task runs, the job is claimed with one conditional UPDATE (pending → running), so two
workers, a task delivered twice, or the sweep (`plenary run_due_jobs`) never run it twice.
Handlers get the key and the due time, and must check that the work is still wanted (the
time may have been moved: a job for an old time then does nothing).

The job only does the work that has effects (shuffling the box, sending mail). What the site
shows never waits for it: every read works the state out from the clock again (an election's
phase is computed from its timeline), so a stopped worker never leaves something open past
its deadline; it only delays the side effects until a worker runs again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from plenary.web.core.models import ScheduledJob

logger = logging.getLogger(__name__)

Handler = Callable[[str, datetime], object]
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(minutes=5)

_handlers: dict[str, Handler] = {}


class UnknownJob(LookupError):
    pass


def register_job(kind: str, handler: Handler) -> None:
    """Declare a kind of job; once per kind (ready() may run again: the same handler is fine)."""
    existing = _handlers.get(kind)
    if existing is not None and existing is not handler:
        raise ValueError(f"the job kind {kind!r} is registered twice")
    _handlers[kind] = handler


def schedule(kind: str, key: str, due_at: datetime) -> ScheduledJob:
    """The one job of this kind for this object at this time, queued to run then."""
    if kind not in _handlers:
        raise UnknownJob(f"no handler is registered for the job kind {kind!r}")
    with transaction.atomic():
        job = ScheduledJob.objects.filter(kind=kind, key=key, due_at=due_at).first()
        if job is None:
            try:
                with transaction.atomic():
                    job = ScheduledJob.objects.create(kind=kind, key=key, due_at=due_at)
            except IntegrityError:  # scheduled at the same moment by someone else
                job = ScheduledJob.objects.get(kind=kind, key=key, due_at=due_at)
        if job.state == ScheduledJob.State.PENDING:
            job_id = job.pk
            transaction.on_commit(lambda: _enqueue(job_id, due_at))
    return job


def cancel(kind: str, key: str) -> int:
    """Cancel every pending job of this kind for this object; returns how many."""
    return ScheduledJob.objects.filter(kind=kind, key=key, state=ScheduledJob.State.PENDING).update(
        state=ScheduledJob.State.CANCELLED, finished_at=timezone.now()
    )


def _enqueue(job_id: int, run_after: datetime) -> None:
    if run_scheduled_job.get_backend().supports_defer:
        run_scheduled_job.using(run_after=run_after).enqueue(job_id)
    elif run_after <= timezone.now():
        run_scheduled_job.enqueue(job_id)
    # A backend that cannot wait (the immediate one, in tests) leaves a later job to the sweep.


def _claim(job_id: int) -> bool:
    """pending → running, in one statement: exactly one caller gets True."""
    claimed = ScheduledJob.objects.filter(
        pk=job_id, state=ScheduledJob.State.PENDING, due_at__lte=timezone.now()
    ).update(state=ScheduledJob.State.RUNNING, started_at=timezone.now())
    return claimed == 1


def run_job(job_id: int) -> str:
    """Run the job if it is due and nobody has; returns the job's state afterwards."""
    if not _claim(job_id):
        job = ScheduledJob.objects.filter(pk=job_id).first()
        return job.state if job else "missing"
    return _run_claimed(job_id)


def _run_claimed(job_id: int) -> str:
    job = ScheduledJob.objects.get(pk=job_id)
    handler = _handlers.get(job.kind)
    try:
        if handler is None:
            raise UnknownJob(f"no handler is registered for the job kind {job.kind!r}")
        with transaction.atomic():
            handler(job.key, job.due_at)
    except Exception as exc:  # noqa: BLE001 - a failure is the job's outcome, retried or kept
        job.attempts += 1
        job.error = f"{type(exc).__name__}: {exc}"
        if job.attempts < MAX_ATTEMPTS and not isinstance(exc, UnknownJob):
            job.state = ScheduledJob.State.PENDING
            job.save(update_fields=["attempts", "error", "state"])
            retry_at = timezone.now() + RETRY_AFTER * job.attempts
            transaction.on_commit(lambda: _enqueue(job_id, retry_at))
        else:
            job.state, job.finished_at = ScheduledJob.State.FAILED, timezone.now()
            job.save(update_fields=["attempts", "error", "state", "finished_at"])
        logger.warning("scheduled job %s failed: %s", job, job.error)
        return job.state
    job.attempts += 1
    job.state, job.finished_at, job.error = ScheduledJob.State.DONE, timezone.now(), ""
    job.save(update_fields=["attempts", "state", "finished_at", "error"])
    return job.state


def run_due_jobs(now: datetime | None = None) -> int:
    """Run every pending job that is due (the sweep, for a queue that lost its tasks);
    returns how many this call ran."""
    due = ScheduledJob.objects.filter(
        state=ScheduledJob.State.PENDING, due_at__lte=now or timezone.now()
    ).values_list("pk", flat=True)
    # Only the jobs this call claimed count: another sweep or worker may run the rest.
    return sum(
        1
        for job_id in list(due)
        if _claim(job_id) and _run_claimed(job_id) == ScheduledJob.State.DONE
    )


@task()
def run_scheduled_job(job_id: int) -> str:
    return run_job(job_id)
