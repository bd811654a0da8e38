"""Background tasks of elections (django-tasks; `plenary db_worker` runs them, and
`plenary serve` starts that worker). Each task is a thin wrapper on a service."""

from __future__ import annotations

from django_tasks import task

from plenary.web.elections import notifications
from plenary.web.elections.counts import services as counts


@task()
def count_section(run_id: int) -> str:
    """Count one section's ballots for the `CountRun` `run_id`; returns the run's status."""
    return counts.count_run_execute(run_id=run_id).status


@task()
def notify_result_published(election_id: int) -> int:
    """Tell the electorate a result is out (elections/notifications.py); returns how many."""
    return notifications.result_notify_electorate(election_id)
