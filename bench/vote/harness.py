"""What both voting benchmarks do around the load: a temporary folder, PostgreSQL, Django
configured in this process (for setup and checks), gunicorn, a hard time limit, and the
count of the box checked against `plenary count` on the downloaded BLT."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.vote.processes import REPO, VENV_BIN, Gunicorn, Postgres
from bench.vote.stats import per_second, percentile


@dataclass
class Site:
    root: Path
    postgres: Postgres
    gunicorn: Gunicorn


class TimeLimit(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise TimeLimit("the benchmark ran past its time limit")


@contextlib.contextmanager
def site(*, limit: float, workers: int, threads: int) -> Iterator[Site]:
    """PostgreSQL (migrated) and gunicorn in a temporary folder; everything is stopped and
    deleted on the way out, also when the time limit strikes."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(int(limit))
    root = Path(tempfile.mkdtemp(prefix="plenary-vote-bench."))
    root.chmod(0o755)  # the PostgreSQL server runs as another user when we are root
    (root / "pg").mkdir()
    postgres = Postgres(root / "pg")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plenary.web.settings",
        "PLENARY_DATA_DIR": str(root / "var"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HTTPS": "off",  # plain HTTP on the loopback interface
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": postgres.url,
        "PYTHONPATH": str(REPO),
    }
    gunicorn = Gunicorn(env=env, log=root / "gunicorn.log", workers=workers, threads=threads)
    try:
        postgres.init()
        os.environ.update(env)
        sys.path.insert(0, str(REPO))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        yield Site(root, postgres, gunicorn)
    finally:
        signal.alarm(0)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        gunicorn.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


def latency_summary(latencies_ms: list[float]) -> dict[str, float]:
    return {f"p{int(q * 100)}": percentile(latencies_ms, q) for q in (0.5, 0.95, 0.99)}


def sustained_rate(accepted_at: list[float], start: float, end: float) -> float:
    """Accepted ballots per second over the whole seconds of [start, end] (the steady part
    of the run, at full concurrency): their mean."""
    bins = per_second(accepted_at, start, end)
    full = bins[:-1] if len(bins) > 1 else bins  # the last second is usually partial
    return sum(full) / len(full) if full else 0.0


def run_worker(env: dict[str, str], timeout: float = 120) -> None:
    """Run queued background tasks (the count) with `plenary db_worker` until none is left."""
    subprocess.run(
        [str(VENV_BIN / "plenary"), "db_worker", "--batch", "--no-reload"],
        env=env,
        check=True,
        timeout=timeout,
        capture_output=True,
    )


def recount_matches(site: Site, bench: object) -> tuple[list[str], list[str]]:
    """Download the published BLT from the result page's link, count it with `plenary count`,
    and return (elected by the stored count, elected by plenary count on the BLT)."""
    from bench.vote.electorate import BenchElection, publish
    from django.urls import reverse

    from plenary.web.elections.counts import services as counts

    assert isinstance(bench, BenchElection)
    run = counts.section_count(bench.section)
    if run is None:
        raise SystemExit("the count did not finish")
    publish(bench)
    url = site.gunicorn.base + reverse(
        "elections:result_download",
        kwargs={
            "slug": bench.election.slug,
            "section_id": bench.section.pk,
            "filename": "ballots.blt",
        },
    )
    with urllib.request.urlopen(url, timeout=60) as answer:
        blt = site.root / "ballots.blt"
        blt.write_bytes(answer.read())
    recount = subprocess.run(
        [
            str(VENV_BIN / "plenary"),
            "count",
            str(blt),
            "--method",
            bench.section.method,
            "--seats",
            str(bench.section.seats),
            "--seed",
            str(run.seed),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return list(run.sheet["elected"]), list(json.loads(recount.stdout)["elected"])


def receipt_in_box(site: Site, code: str, timeout: float = 30) -> bool:
    """What `GET /api/receipts/{code}` says: is the ballot with this receipt in the box?"""
    with urllib.request.urlopen(
        f"{site.gunicorn.base}/api/receipts/{code}", timeout=timeout
    ) as answer:
        return bool(json.loads(answer.read())["in_box"])
