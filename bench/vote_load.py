"""make bench-vote: 10,000 voters cast ranked ballots through the JSON API.

gunicorn serves the site on a throwaway PostgreSQL server (127.0.0.1 only); a purpose-written
asyncio generator (bench/vote/load.py says why not locust) ramps to 200 concurrent voters,
each casting one ballot with POST /api/ballots/{id}/vote. Then the box is checked (ballots ==
receipts, no member recorded twice), closed and counted, and the count is compared with
`plenary count` on the BLT downloaded from the result page. Stops by itself within 5 minutes
and deletes everything it made.

    .venv/bin/python bench/vote_load.py [--voters 10000] [--workers 3] [--threads 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.vote import harness  # noqa: E402
from bench.vote.load import drive  # noqa: E402
from bench.vote.processes import children, cpu_seconds  # noqa: E402

TARGET_RATE = 300.0
TARGET_P95_MS = 250.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds to reach full concurrency"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.5,
        help="mean seconds a voter pauses before voting (0: back to back)",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="record one worker with py-spy (bench/.load/bin/py-spy) into FILE",
    )
    args = parser.parse_args()
    with harness.site(limit=300, workers=args.workers, threads=args.threads) as site:
        return _bench(site, args)


def _bench(site: harness.Site, args: argparse.Namespace) -> int:
    from bench.vote.electorate import check_box, close_and_count, create_election

    t0 = time.monotonic()
    bench = create_election(voters=args.voters, candidates=20, seats=9, seed=args.seed)
    print(
        f"setup: {args.voters:,} members, accounts and tokens, roll frozen, in "
        f"{time.monotonic() - t0:.1f} s",
        flush=True,
    )
    site.gunicorn.start()
    print(
        f"load: {args.concurrency} concurrent voters (ramp {args.ramp:.0f} s), think time "
        f"{args.think:.2f} s mean",
        flush=True,
    )
    print(
        f"serving: {site.gunicorn.describe()}, PostgreSQL on 127.0.0.1:{site.postgres.port}",
        flush=True,
    )
    cpu_before = _cpu(site)
    spy = _profile(site, args.profile) if args.profile else None
    run = asyncio.run(
        drive(
            port=site.gunicorn.port,
            section_id=bench.section.pk,
            voters=bench.voters,
            concurrency=args.concurrency,
            ramp=args.ramp,
            limit=150,
            retry=False,
            think=args.think,
        )
    )
    cpu_after = _cpu(site)
    if spy is not None:
        spy.wait(timeout=60)
    accepted = [o for o in run.outcomes if o.status == "200"]
    done_at = [o.sent + o.latency for o in accepted]
    # Steady state: from full concurrency until the queue ran dry (the last voters leave
    # fewer than `concurrency` requests in flight).
    steady_end = sorted(o.sent for o in run.outcomes)[-min(args.concurrency, len(run.outcomes))]
    rate = harness.sustained_rate(done_at, run.ramped, steady_end)
    overall = len(accepted) / (run.finished - run.started)
    lat = harness.latency_summary([o.latency * 1000 for o in accepted])
    statuses = dict(sorted(run.by_status().items()))
    print(
        f"load: {len(run.outcomes):,} requests in {run.finished - run.started:.1f} s, "
        f"statuses {statuses}"
    )
    print(f"accepted/s: {rate:.0f} sustained (full concurrency), {overall:.0f} overall")
    print("latency of accepted votes (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in lat.items()))

    per_vote = {
        k: (cpu_after[k] - cpu_before[k]) / max(len(run.outcomes), 1) * 1000 for k in cpu_after
    }
    print(
        "CPU per request (ms): "
        + ", ".join(f"{k} {v:.1f}" for k, v in per_vote.items())
        + f"; load average now {os.getloadavg()[0]:.1f}"
    )

    receipts = run.receipts()
    box = check_box(bench.section, receipts)
    sample = random.Random(args.seed).sample(receipts, min(200, len(receipts)))
    api_missing = sum(not harness.receipt_in_box(site, code) for code in sample)
    print(
        f"box: {box.ballots:,} ballots, {box.vote_records:,} vote records, {len(receipts):,} "
        f"receipts; missing {box.receipts_missing}, without receipt {box.receipts_unknown}, "
        f"members twice {box.members_twice}; API receipt check: {api_missing} of {len(sample)} "
        "sampled not in box"
    )

    t0 = time.monotonic()
    close_and_count(bench)
    harness.run_worker(site.gunicorn.env)
    stored, recounted = harness.recount_matches(site, bench)
    print(
        f"count: {time.monotonic() - t0:.1f} s (close, shuffle, count by db_worker, publish, "
        f"download BLT, plenary count)"
    )
    print(f"elected (stored count): {', '.join(stored)}")
    print(f"plenary count on the BLT agrees: {stored == recounted}")

    integrity = (
        box.consistent
        and box.ballots == len(receipts)
        and box.receipts_missing == 0
        and api_missing == 0
        and stored == recounted
        and len(accepted) == args.voters
    )
    met = rate >= TARGET_RATE and lat["p95"] < TARGET_P95_MS
    print(
        f"integrity checks: {'PASS' if integrity else 'FAIL'}; targets (>= {TARGET_RATE:.0f}/s, "
        f"p95 < {TARGET_P95_MS:.0f} ms): {'met' if met else 'MISSED'}"
    )
    return 0 if integrity else 1


def _cpu(site: harness.Site) -> dict[str, float]:
    """CPU seconds used so far by gunicorn's workers, PostgreSQL's processes and this one."""
    return {
        "gunicorn": cpu_seconds(site.gunicorn.worker_pids()),
        "postgres": cpu_seconds(
            [site.postgres.postmaster_pid(), *children(site.postgres.postmaster_pid())], reaped=True
        ),
        "load generator": cpu_seconds([os.getpid()]),
    }


def _profile(site: harness.Site, path: str) -> subprocess.Popen[bytes]:
    """py-spy (in its own virtualenv, bench/.load) sampling one gunicorn worker for 20 s."""
    spy = Path(__file__).parent / ".load" / "bin" / "py-spy"
    worker = site.gunicorn.worker_pids()[0]
    return subprocess.Popen(
        [
            str(spy),
            "record",
            "-p",
            str(worker),
            "-d",
            "20",
            "-r",
            "200",
            "--nonblocking",
            "--gil",
            "--format",
            "raw",
            "-o",
            path,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    sys.exit(main())
