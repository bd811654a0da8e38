"""make fault-vote: crash the servers in the middle of a vote and check nothing is lost.

During a load run (200 concurrent voters, as in make bench-vote, failed requests retried),
every gunicorn worker is SIGKILLed, then the PostgreSQL server (postmaster and every backend,
SIGKILL: a crash, no shutdown). After an outage PostgreSQL is started again (it replays its
write-ahead log) and gunicorn's master has started new workers by itself. Then: every
receipt issued before the kill has its ballot in the box (asked through GET
/api/receipts/{code} and in the database), no ballot is half-written (vote records ==
ballots, no member twice), and votes are accepted again. Stops by itself within 5 minutes
and deletes everything it made.

    .venv/bin/python bench/vote_fault.py [--before 10] [--outage 5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.vote import harness  # noqa: E402
from bench.vote.load import Run, drive  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument(
        "--before", type=float, default=10.0, help="seconds of voting before the kill"
    )
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument(
        "--after", type=float, default=10.0, help="seconds of voting after recovery"
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    with harness.site(limit=300, workers=args.workers, threads=args.threads) as site:
        return _fault(site, args)


def _fault(site: harness.Site, args: argparse.Namespace) -> int:
    from bench.vote.electorate import create_election

    bench = create_election(voters=args.voters, candidates=20, seats=9, seed=7)
    site.gunicorn.start()
    print(
        f"serving: {site.gunicorn.describe()}; {args.concurrency} voters, think "
        f"{args.think:.2f} s; kill after {args.before:.0f} s, PostgreSQL down {args.outage:.0f} s",
        flush=True,
    )
    events = asyncio.run(_scenario(site, bench, args))
    return _verify(site, bench, events)


async def _scenario(site: harness.Site, bench: object, args: argparse.Namespace) -> dict:
    run = Run()
    load = asyncio.create_task(
        drive(
            port=site.gunicorn.port,
            section_id=bench.section.pk,
            voters=bench.voters,  # type: ignore[attr-defined]
            concurrency=args.concurrency,
            ramp=5.0,
            limit=200,
            retry=True,
            think=args.think,
            run=run,
        )
    )
    await asyncio.sleep(args.before)
    killed_at = time.monotonic()
    receipts_before = run.receipts(before=killed_at)
    old_workers = site.gunicorn.worker_pids()
    workers = site.gunicorn.kill_workers()
    pg_processes = await asyncio.to_thread(site.postgres.crash)
    print(
        f"killed {workers} gunicorn workers and {pg_processes} PostgreSQL processes "
        f"({len(receipts_before):,} receipts issued before)",
        flush=True,
    )
    await asyncio.sleep(args.outage)
    restarted_at = time.monotonic()
    await asyncio.to_thread(site.postgres.start)
    up_at = time.monotonic()
    new_workers = site.gunicorn.worker_pids()
    print(
        f"PostgreSQL restarted in {up_at - restarted_at:.1f} s (crash recovery); gunicorn "
        f"workers now {len(new_workers)}, all new: {not set(new_workers) & set(old_workers)}",
        flush=True,
    )
    recovered_at = None
    deadline = up_at + 60
    while recovered_at is None and time.monotonic() < deadline and not load.done():
        await asyncio.sleep(0.1)
        recovered_at = next(
            (o.sent + o.latency for o in run.outcomes if o.status == "200" and o.sent >= up_at),
            None,
        )
    run.stop_at = time.monotonic() + args.after
    await load
    return {
        "run": run,
        "killed_at": killed_at,
        "up_at": up_at,
        "restarted_at": restarted_at,
        "recovered_at": recovered_at,
        "receipts_before": receipts_before,
    }


def _verify(site: harness.Site, bench: object, events: dict) -> int:
    from bench.vote.electorate import check_box
    from django.db import connections

    connections.close_all()  # this process's connection died with the server
    run: Run = events["run"]
    killed_at, up_at, recovered_at = events["killed_at"], events["up_at"], events["recovered_at"]
    before: list[str] = events["receipts_before"]
    outage = [
        o
        for o in run.outcomes
        if killed_at <= o.sent + o.latency and (recovered_at is None or o.sent < recovered_at)
    ]
    after = [o for o in run.outcomes if o.status == "200" and o.sent >= up_at]
    errors = {}
    for o in outage:
        if o.status != "200":
            errors[o.status] = errors.get(o.status, 0) + 1
    receipts = run.receipts()
    box = check_box(bench.section, receipts)  # type: ignore[attr-defined]
    before_box = check_box(bench.section, before)  # type: ignore[attr-defined]
    with ThreadPoolExecutor(8) as pool:
        api_missing = sum(
            not ok for ok in pool.map(lambda c: harness.receipt_in_box(site, c), before)
        )
    print(f"requests: {len(run.outcomes):,}, statuses {dict(sorted(run.by_status().items()))}")
    print(f"errors from the kill until the first accepted vote after restart: {errors}")
    if recovered_at is not None:
        print(
            f"recovery: first accepted vote {recovered_at - up_at:.2f} s after PostgreSQL was up, "
            f"{recovered_at - killed_at:.1f} s after the kill"
        )
    print(
        f"receipts issued before the kill: {len(before):,}; missing from the box: "
        f"{before_box.receipts_missing} (database), {api_missing} (GET /api/receipts)"
    )
    print(
        f"box: {box.ballots:,} ballots, {box.vote_records:,} vote records, members twice "
        f"{box.members_twice}; receipts held {len(receipts):,}, missing {box.receipts_missing}; "
        f"ballots whose voter got no answer (committed as the worker died; a retry gets "
        f"409): {box.receipts_unknown}"
    )
    print(f"votes accepted after the restart: {len(after):,}")
    ok = (
        before_box.receipts_missing == 0
        and api_missing == 0
        and box.consistent
        and box.receipts_missing == 0
        and len(after) > 0
    )
    print(f"fault checks: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
