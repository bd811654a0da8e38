"""`plenary run_due_jobs`: run every scheduled job that is due and that no worker has run.

The worker runs each job at its time; this sweep is for a queue that lost its tasks (a
restored database, a worker that was down for days). Safe to run at any time, from cron as
often as you like: a job is claimed before it runs, so it never runs twice. First it puts
back whatever a dead worker left running for longer than `--stale-after` minutes (60
unless told; core/stale_work.py), so that work is retried too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plenary.web.core.management.commands.requeue_stale_tasks import minutes
from plenary.web.core.scheduling import run_due_jobs
from plenary.web.core.stale_work import STALE_AFTER, requeue_stale_work


class Command(BaseCommand):
    help = "Run every scheduled job that is due (the worker normally does this on time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=minutes,
            default=STALE_AFTER,
            metavar="MINUTES",
            help="requeue tasks and jobs running for longer than this first (default 60)",
        )

    def handle(self, *args: Any, stale_after: timedelta, **options: Any) -> None:
        requeued = requeue_stale_work(stale_after)
        if requeued.tasks or requeued.jobs:
            self.stdout.write(
                f"{requeued.tasks} stale task(s) and {requeued.jobs} stale job(s) requeued.\n"
            )
        ran = run_due_jobs()
        self.stdout.write(f"{ran} due job{'s' if ran != 1 else ''} run.\n")
