"""`plenary requeue_stale_tasks [--older-than MINUTES]`: put back in the queue every background
task, and back to pending every scheduled job, that has been running for longer than that
(60 minutes unless told): its worker died mid-task (core/stale_work.py). Safe to run from
cron; `plenary run_due_jobs` does the same first. Never shorter than the longest task."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plenary.web.core.stale_work import STALE_AFTER, requeue_stale_work


def minutes(value: str) -> timedelta:
    number = float(value)
    if not number >= 0:
        raise ValueError(value)
    return timedelta(minutes=number)


class Command(BaseCommand):
    help = "Requeue the background tasks and scheduled jobs whose worker died while running them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=minutes,
            default=STALE_AFTER,
            metavar="MINUTES",
            help="running for longer than this many minutes (default 60)",
        )

    def handle(self, *args: Any, older_than: timedelta, **options: Any) -> None:
        requeued = requeue_stale_work(older_than)
        self.stdout.write(
            f"{requeued.tasks} stale task{'s' if requeued.tasks != 1 else ''} and "
            f"{requeued.jobs} stale job{'s' if requeued.jobs != 1 else ''} requeued.\n"
        )
