"""Several background workers on one database (docs/decisions/0022-scale-out.md): two
`plenary db_worker` processes at once never run one task twice; a worker killed mid-task
(kill -9) leaves its task running, and `plenary requeue_stale_tasks` puts it back so another
worker runs it; two sweeps (`run_due_jobs`) at once run each due job once. Real processes on
a SQLite file or, in the PostgreSQL run of the suite, on a fresh database of that server.
The work is the test task and job kind of tests/web/core/background_work.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

import plenary
from tests.servers import PLENARY, fresh_database, plenary_env, run_plenary, stop

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[3]
TASKS = 60
JOBS = 40
STATUSES = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps([[r.args_kwargs["args"][0], r.status, r.worker_ids]
                  for r in DBTaskResult.objects.filter(task_path__endswith="record_run")]))
"""


@pytest.fixture
def site(tmp_path):
    """A migrated database and the environment of its processes."""
    with fresh_database(tmp_path) as database_url:
        env = plenary_env(
            tmp_path,
            database_url,
            PYTHONPATH=f"{Path(plenary.__file__).resolve().parents[1]}{os.pathsep}{REPOSITORY}",
            PLENARY_TEST_RECORD=str(tmp_path / "record.txt"),
        )
        run_plenary(env, "migrate", "-v0")
        yield env


def records(env) -> list[tuple[str, str]]:
    path = Path(env["PLENARY_TEST_RECORD"])
    lines = path.read_text().splitlines() if path.exists() else []
    return [tuple(line.split()) for line in lines]


def enqueue(env, *calls: str) -> None:
    script = "from tests.web.core.background_work import record_run\n" + "\n".join(calls)
    run_plenary(env, "shell", "-c", script)


def statuses(env) -> dict[int, tuple[str, list[str]]]:
    rows = json.loads(run_plenary(env, "shell", "-c", STATUSES).splitlines()[-1])
    return {number: (status, worker_ids) for number, status, worker_ids in rows}


def worker(env, name: str, *options: str) -> subprocess.Popen:
    command = [*PLENARY, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05"]
    return subprocess.Popen(
        [*command, "--worker-id", name, *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(process: subprocess.Popen, timeout: float = 60) -> str:
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output.decode()
    return output.decode()


def test_two_workers_at_once_run_each_task_exactly_once(site):
    enqueue(site, f"for n in range({TASKS}): record_run.enqueue(n)")
    workers = [worker(site, name, "--batch") for name in ("worker-a", "worker-b")]
    for process in workers:
        finish(process)
    ran = records(site)
    assert sorted(int(number) for number, _ in ran) == list(range(TASKS))
    assert len({pid for _, pid in ran}) == 2, "one worker ran every task"
    stored = statuses(site)
    assert all(status == "SUCCESSFUL" for status, _ in stored.values()), stored
    assert all(len(worker_ids) == 1 for _, worker_ids in stored.values()), stored
    by_worker = Counter(worker_ids[0] for _, worker_ids in stored.values())
    assert set(by_worker) == {"worker-a", "worker-b"}


def test_a_task_whose_worker_was_killed_is_requeued_and_run_by_another(site):
    enqueue(site, "record_run.enqueue(0, hang_first=True)", "record_run.enqueue(1)")
    started = Path(site["PLENARY_TEST_RECORD"] + ".started-0")
    doomed = worker(site, "doomed")
    try:
        deadline = time.monotonic() + 30
        while not started.exists():
            assert doomed.poll() is None and time.monotonic() < deadline, "the task never started"
            time.sleep(0.05)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
    finally:
        if doomed.poll() is None:
            stop(doomed)
        doomed.stdout.close()
    # django-tasks leaves it running for ever: nobody else would ever run it.
    assert statuses(site)[0] == ("RUNNING", ["doomed"])
    # Running for less than the timeout is left alone (it could be a long task, still alive).
    assert "0 stale tasks" in run_plenary(site, "requeue_stale_tasks")
    assert "1 stale task " in run_plenary(site, "requeue_stale_tasks", "--older-than", "0")
    finish(worker(site, "rescuer", "--batch"))
    stored = statuses(site)
    assert stored[0] == ("SUCCESSFUL", ["doomed", "rescuer"])
    assert stored[1][0] == "SUCCESSFUL"
    assert sorted(int(number) for number, _ in records(site)) == [0, 1]


SCHEDULE = f"""
from datetime import timedelta
from django.utils import timezone
from plenary.web.core.scheduling import schedule
from tests.web.core.background_work import JOB_KIND
due = timezone.now() - timedelta(minutes=1)
for n in range({JOBS}):
    schedule(JOB_KIND, f"job:{{n}}", due)
"""
SWEEP = """
import os, time
from pathlib import Path
import tests.web.core.background_work
from plenary.web.core.scheduling import run_due_jobs
folder = Path(os.environ["PLENARY_TEST_RECORD"]).parent
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.01)
print(run_due_jobs())
"""
JOB_STATES = """
from collections import Counter
from plenary.web.core.models import ScheduledJob
print(dict(Counter(ScheduledJob.objects.values_list("state", flat=True))))
"""


def test_two_sweeps_at_once_run_each_due_job_once(site, tmp_path):
    run_plenary(site, "shell", "-c", SCHEDULE)
    sweeps = [
        subprocess.Popen(
            [*PLENARY, "shell", "-c", SWEEP],
            env=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < 2:
        assert all(s.poll() is None for s in sweeps) and time.monotonic() < deadline
        time.sleep(0.02)
    (tmp_path / "go").touch()  # both are past Django's start-up: they sweep at the same time
    ran = []
    for sweep in sweeps:
        output, errors = sweep.communicate(timeout=60)
        assert sweep.returncode == 0, errors.decode()
        ran.append(int(output.split()[-1]))
    assert sum(ran) == JOBS
    keys = Counter(key for key, _ in records(site))
    assert keys == Counter({f"job:{n}": 1 for n in range(JOBS)})
    states = run_plenary(site, "shell", "-c", JOB_STATES).splitlines()[-1]
    assert states == str({"done": JOBS})
