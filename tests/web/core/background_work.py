"""A task and a scheduled-job kind for the several-workers tests, imported by the worker
processes those tests start (their PYTHONPATH has the repository). Each run appends a line
"NUMBER PID" to the file named by PLENARY_TEST_RECORD (one short write with O_APPEND: lines
from several processes never mix), so the test can count who ran what."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

from django_tasks import task

from plenary.web.core.scheduling import register_job

JOB_KIND = "tests.record"


def record(number: object) -> None:
    line = f"{number} {os.getpid()}\n".encode()
    descriptor = os.open(os.environ["PLENARY_TEST_RECORD"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


@task()
def record_run(number: int, hang_first: bool = False) -> int:
    """Record a run. With hang_first, the first attempt says it started (a file beside the
    record) and then hangs, for a test to kill its worker."""
    if hang_first:
        started = Path(os.environ["PLENARY_TEST_RECORD"] + f".started-{number}")
        if not started.exists():
            started.touch()
            time.sleep(120)
    time.sleep(0.02)  # long enough that the workers take turns
    record(number)
    return number


def record_job(key: str, due_at: datetime) -> None:
    time.sleep(0.02)
    record(key)


register_job(JOB_KIND, record_job)
