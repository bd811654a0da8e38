"""`plenary run_due_jobs`: run every scheduled job that is due and that no worker has run.

The worker runs each job at its time; this sweep is for a queue that lost its tasks (a
restored database, a worker that was down for days). Safe to run at any time, from cron as
often as you like: a job is claimed before it runs, so it never runs twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from plenary.web.core.scheduling import run_due_jobs


class Command(BaseCommand):
    help = "Run every scheduled job that is due (the worker normally does this on time)."

    def handle(self, *args: Any, **options: Any) -> None:
        ran = run_due_jobs()
        self.stdout.write(f"{ran} due job{'s' if ran != 1 else ''} run.\n")
