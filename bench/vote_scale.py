"""make bench-scale: the vote load through nginx in front of two gunicorn instances, one of
which is killed halfway and brought back.

On a throwaway PostgreSQL server (127.0.0.1 only): two gunicorn instances (separate masters on
two ports, each as in make bench-vote: gthread, 3 workers x 8 threads), two `plenary
db_worker` processes, and Debian's nginx in front as the load balancer (bench/vote/nginx.py:
retry on the other instance only when the connection failed; no client address in its log).
The cache is the database (CACHE_URL=db://), shared by both instances.

1. Single instance, same run: 5,000 voters straight to the first instance, ramping to 200
   concurrent voters (the bench-vote load: 0.5 s think time on average). Its sustained
   accepted/s is the figure the scale-out pass is compared with.
2. Scale out: 10,000 other voters through nginx, the same load. When half have voted, the
   second instance's master and all its workers are killed at once (SIGKILL to its process
   group); it is started again on the same port a few seconds later. A voter whose request
   failed (no answer, 5xx) tries again, as a person would.
3. The login throttle across instances: 12 wrong passwords for one account through nginx,
   which sends them to the two instances in turn: exactly 5 may be checked.
4. The box: every acknowledged ballot (200 with a receipt) in it, no member with two vote
   records.

The last line on stdout is one JSON object; the exit status is non-zero when a target is
missed. Stops by itself within 5 minutes and deletes everything it made.

    .venv/bin/python bench/vote_scale.py [--voters 10000] [--single-voters 5000] [--think 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.vote import harness  # noqa: E402
from bench.vote.load import Outcome, Run, Voter, drive  # noqa: E402
from bench.vote.nginx import Nginx  # noqa: E402
from bench.vote.processes import REPO, VENV_BIN, Gunicorn  # noqa: E402

TARGET_RATIO = 0.85
CACHE_URL = "db://"
THROTTLE_EMAIL = "throttle@bench.invalid"
THROTTLE_ATTEMPTS = 12
THROTTLE_LIMIT = 5  # login_throttle.DEFAULTS["per_client_account"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=10_000, help="through nginx")
    parser.add_argument(
        "--single-voters",
        type=int,
        help="to one instance (default 5,000; 10,000 with --think 0, which would vote 5,000 "
        "before full concurrency)",
    )
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=3, help="per instance")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--down", type=float, default=3.0, help="seconds the instance is down")
    parser.add_argument(
        "--no-kill", action="store_true", help="leave both instances up (the balancer's cost)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.single_voters is None:
        args.single_voters = 5_000 if args.think > 0 else 10_000
    # Read by the harness into both instances' environment (and this process's).
    os.environ.update({"CACHE_URL": CACHE_URL, "BEHIND_PROXY": "true"})
    with harness.site(limit=290, workers=args.workers, threads=args.threads) as site:
        return _bench(site, args)


def _bench(site: harness.Site, args: argparse.Namespace) -> int:
    from allauth.account.models import EmailAddress
    from bench.vote.electorate import check_box, create_election

    from plenary.web.accounts.models import User

    t0 = time.monotonic()
    _static_files()
    bench = create_election(
        voters=args.single_voters + args.voters, candidates=20, seats=9, seed=args.seed
    )
    password = "correct horse battery staple"
    user = User.objects.create_user(email=THROTTLE_EMAIL, password=password)
    EmailAddress.objects.create(user=user, email=THROTTLE_EMAIL, verified=True, primary=True)
    single_voters, scale_voters = (
        bench.voters[: args.single_voters],
        bench.voters[args.single_voters :],
    )
    print(
        f"setup: {len(bench.voters):,} members, accounts and tokens, roll frozen, in "
        f"{time.monotonic() - t0:.1f} s",
        flush=True,
    )

    first = site.gunicorn
    first.own_group = True
    second = Gunicorn(
        env=first.env,
        log=site.root / "gunicorn-b.log",
        workers=args.workers,
        threads=args.threads,
        own_group=True,
    )
    workers: list[subprocess.Popen[bytes]] = []
    proxy = Nginx(prefix=site.root / "nginx", upstream_ports=[first.port, second.port])
    try:
        first.start()
        second.start()
        for n in range(2):
            with open(site.root / f"db_worker-{n}.log", "ab") as log:
                workers.append(
                    subprocess.Popen(
                        [str(VENV_BIN / "plenary"), "db_worker", "--no-reload"],
                        env=first.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=REPO,
                        start_new_session=True,
                    )
                )
        proxy.start()
        print(
            f"serving: 2 instances of {first.describe()} on 127.0.0.1:{first.port} and "
            f":{second.port}, 2 plenary db_worker, nginx on :{proxy.port}, PostgreSQL on "
            f":{site.postgres.port}, CACHE_URL={CACHE_URL}",
            flush=True,
        )
        ceiling = (
            f"; the voters cannot send more than about {args.concurrency / args.think:.0f} "
            "votes a second (concurrency / think time): both passes measure keeping up with that"
            if args.think > 0
            else "; back to back: both passes measure capacity"
        )
        print(
            f"load: {args.concurrency} concurrent voters (ramp {args.ramp:.0f} s), think time "
            f"{args.think:.2f} s mean{ceiling}",
            flush=True,
        )
        return _passes(
            site, args, bench, single_voters, scale_voters, first, second, proxy, check_box, workers
        )
    finally:
        proxy.stop()
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
        second.stop()


def _passes(
    site, args, bench, single_voters, scale_voters, first, second, proxy, check_box, workers
) -> int:
    # 1. One instance, straight to it.
    single = asyncio.run(
        drive(
            port=first.port,
            section_id=bench.section.pk,
            voters=single_voters,
            concurrency=args.concurrency,
            ramp=args.ramp,
            limit=80,
            retry=False,
            think=args.think,
        )
    )
    single_rate = _sustained(single, args.concurrency)
    if single_rate == 0:
        print(
            "single instance: the voters ran out before full concurrency was reached, so there "
            "is no sustained figure to compare with: give more --single-voters",
            flush=True,
        )
    print(
        f"single instance: {len(single.outcomes):,} requests in "
        f"{single.finished - single.started:.1f} s, statuses {_statuses(single)}; accepted/s "
        f"{single_rate:.0f} sustained",
        flush=True,
    )

    # 2. Two instances behind nginx; the second killed halfway and brought back.
    run = Run()
    events: dict[str, float] = {}
    scale = asyncio.run(_scale_pass(args, bench, scale_voters, proxy, second, run, events))
    scale_rate = _sustained(scale, args.concurrency)
    accepted = [o for o in scale.outcomes if o.status == "200" and o.receipt]
    failed = [o for o in scale.outcomes if o.status != "200"]
    print(
        f"through nginx: {len(scale.outcomes):,} requests in "
        f"{scale.finished - scale.started:.1f} s, statuses {_statuses(scale)}; accepted/s "
        f"{scale_rate:.0f} sustained",
        flush=True,
    )
    if "killed" in events:
        print(
            f"instance on :{second.port} killed ({events['processes']:.0f} processes: master "
            f"and workers) at {events['killed'] - scale.started:.1f} s, back at "
            f"{events['back'] - scale.started:.1f} s (down {events['back'] - events['killed']:.1f} "
            f"s); failed requests from the kill to 5 s after it came back: "
            f"{_answered_between(failed, events['killed'], events['back'] + 5)}",
            flush=True,
        )

    # 3. The login throttle across both instances.
    answers, answered_by = _throttle(proxy)
    throttle_held = (
        answers.count("checked") == THROTTLE_LIMIT
        and answers.count("refused") == THROTTLE_ATTEMPTS - THROTTLE_LIMIT
        and len(answered_by) == 2
    )
    print(
        f"login throttle: {THROTTLE_ATTEMPTS} wrong passwords for one account through nginx, "
        f"answered by {len(answered_by)} instances ({', '.join(sorted(answered_by))}): "
        f"{answers.count('checked')} checked, {answers.count('refused')} refused "
        f"(CACHE_URL={CACHE_URL})",
        flush=True,
    )

    # 4. The box.
    scale_receipts = scale.receipts()
    single_receipts = single.receipts()
    box = check_box(bench.section, single_receipts + scale_receipts)
    lost = len(set(scale_receipts) - _trackers(bench.section))
    single_lost = len(set(single_receipts) - _trackers(bench.section))
    print(
        f"box: {box.ballots:,} ballots, {box.vote_records:,} vote records; acknowledged "
        f"receipts {len(single_receipts):,} (single) + {len(scale_receipts):,} (nginx), missing "
        f"{single_lost} + {lost}; ballots cast without an acknowledged receipt (answer lost "
        f"with the killed instance) {box.receipts_unknown}; members with two vote records "
        f"{box.members_twice}",
        flush=True,
    )
    alive = all(w.poll() is None for w in workers)
    print(f"db_worker processes still running: {alive}", flush=True)

    ratio = scale_rate / single_rate if single_rate else 0.0
    result = {
        "acknowledged": len(accepted),
        "lost": lost,
        "double_ballots": box.members_twice,
        "failed_requests": len(failed),
        "throughput_ratio": round(ratio, 3),
        "throttle_held": throttle_held,
        "cache_url": CACHE_URL,
        "single_rate": round(single_rate, 1),
        "scale_rate": round(scale_rate, 1),
        "cast_unacknowledged": box.receipts_unknown,
    }
    targets = {
        "0 lost": lost == 0 and single_lost == 0,
        "0 double ballots": box.members_twice == 0 and box.ballots == box.vote_records,
        f"throughput ratio >= {TARGET_RATIO}": ratio >= TARGET_RATIO,
        "throttle held": throttle_held,
    }
    print(
        f"voters: {len(accepted):,} acknowledged + {_already_voted(scale):,} told they had "
        f"already voted (a retry after an answer lost with the killed instance) of "
        f"{len(scale_voters):,}",
        flush=True,
    )
    print(
        "targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in targets.items()),
        flush=True,
    )
    print(json.dumps(result, separators=(",", ":")), flush=True)
    return 0 if all(targets.values()) else 1


async def _scale_pass(
    args,
    bench,
    voters: list[Voter],
    proxy: Nginx,
    second: Gunicorn,
    run: Run,
    events: dict[str, float],
) -> Run:
    async def chaos() -> None:
        half = len(voters) // 2
        while len(run.outcomes) < half:
            if run.finished:
                return
            await asyncio.sleep(0.05)
        events["killed"] = time.monotonic()
        events["processes"] = await asyncio.to_thread(second.kill_instance)
        await asyncio.sleep(args.down)
        await asyncio.to_thread(second.start)
        events["back"] = time.monotonic()

    driving = drive(
        port=proxy.port,
        section_id=bench.section.pk,
        voters=voters,
        concurrency=args.concurrency,
        ramp=args.ramp,
        limit=150,
        retry=True,
        think=args.think,
        run=run,
    )
    killer = asyncio.create_task(asyncio.sleep(0) if args.no_kill else chaos())
    result = await driving
    await killer
    return result


def _static_files() -> None:
    """The static files where the pages look for them, copied as they are: enough for the
    login page to render (its links to hashed names are never followed here). collectstatic
    would take half a minute of the run compressing them."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    root = Path(settings.STATIC_ROOT)
    for finder in get_finders():
        for path, storage in finder.list([]):
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(path) as source:
                target.write_bytes(source.read())


def _sustained(run: Run, concurrency: int) -> float:
    """Accepted ballots a second from full concurrency until fewer than `concurrency`
    voters were left (as make bench-vote measures it)."""
    done_at = [o.sent + o.latency for o in run.outcomes if o.status == "200"]
    steady_end = sorted(o.sent for o in run.outcomes)[-min(concurrency, len(run.outcomes))]
    return harness.sustained_rate(done_at, run.ramped, steady_end)


def _answered_between(outcomes: list[Outcome], start: float, end: float) -> int:
    return sum(1 for o in outcomes if start <= o.sent + o.latency <= end)


def _statuses(run: Run) -> dict[str, int]:
    return dict(sorted(run.by_status().items()))


def _already_voted(run: Run) -> int:
    return sum(1 for o in run.outcomes if o.status == "409")


def _trackers(section: object) -> set[str]:
    from plenary.web.elections.models import CastBallot

    return set(CastBallot.objects.filter(section=section).values_list("tracker", flat=True))


def _throttle(proxy: Nginx) -> tuple[list[str], set[str]]:
    """12 wrong passwords for one account, one after another through nginx (round robin
    between the instances). Returns what each answer said and the instances that answered
    (from nginx's access log, which names the upstream but not the client)."""
    base = f"http://127.0.0.1:{proxy.port}"
    with urllib.request.urlopen(f"{base}/accounts/login/", timeout=30) as page:
        cookie = next(
            value.split(";", 1)[0]
            for name, value in page.getheaders()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert found, "no CSRF token on the login page"
    time.sleep(1.5)  # nginx writes its log buffer every second
    before = len(proxy.access_log.read_text().splitlines())
    answers = []
    for _ in range(THROTTLE_ATTEMPTS):
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": found.group(1), "login": THROTTLE_EMAIL, "password": "guess"}
        ).encode()
        request = urllib.request.Request(f"{base}/accounts/login/", data=body, method="POST")
        request.add_header("Cookie", cookie)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read().decode()
        if "Too many failed login attempts" in text:
            answers.append("refused")
        elif "not correct" in text:
            answers.append("checked")
        else:
            answers.append("other")
    time.sleep(1.5)
    lines = proxy.access_log.read_text().splitlines()[before:]
    answered_by = {line.split()[6] for line in lines if " POST " in line}
    return answers, answered_by


if __name__ == "__main__":
    sys.exit(main())
