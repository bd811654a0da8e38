"""Benchmark: importing a 100,000-row membership CSV (plenary import_members).

Generates a deterministic file (seeded), then times, on a fresh database:
  1. reading and decoding the file,
  2. checking every row (the preview: plan only, nothing written),
  3. the import onto an empty roll (100,000 new members, one transaction),
  4. importing a second version of the file in which every tenth member changed
     (10,000 updates, 90,000 unchanged).
It runs on SQLite, and also on PostgreSQL when DATABASE_URL is set, each in a child process
(Django is configured once per process). `--record` writes the figures into
docs/benchmarks.md between the bench:import markers.

    .venv/bin/python bench/bench_import.py [--rows 100000] [--record]
    scripts/with-postgres.sh .venv/bin/python bench/bench_import.py --record
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:import:start -->", "<!-- bench:import:end -->"
BRANCHES = 300
SEED = 20261122
STATUSES = ["active"] * 8 + ["lapsed", "suspended"]
FIRST = ["Ada", "Ben", "Cleo", "Dev", "Ema", "Finn", "Gul", "Hana", "Ivo", "Jo", "Kai", "Lin"]
LAST = ["Adams", "Bell", "Chen", "Dlamini", "Evans", "Farah", "Gill", "Hughes", "Iqbal", "Jones"]


def generate_csv(rows: int, *, changed_every: int = 0) -> str:
    """The same file for the same arguments: a seeded generator, no clock."""
    rng = random.Random(SEED)
    lines = ["Membership number;First name;Last name;Email;Branch;Status;Joined;Paid until"]
    for index in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        branch = f"Branch {rng.randrange(BRANCHES):03d}"
        joined = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        paid = joined + timedelta(days=365 * rng.randrange(1, 30))
        status = rng.choice(STATUSES)
        if changed_every and index % changed_every == 0:
            status = "lapsed" if status != "lapsed" else "active"
        email = f"{first}.{last}.{index}@example.org".lower()
        # Day-first dates, as a UK membership system exports them.
        lines.append(
            f"B{index:07d};{first};{last};{email};{branch};{status};"
            f"{joined:%d/%m/%Y};{paid:%d/%m/%Y}"
        )
    return "\n".join(lines) + "\n"


class Stopwatch:
    """Wall-clock and this process's CPU time of a step. The CPU time does not grow when
    other work shares the machine (for SQLite it is all the work; PostgreSQL's own server
    time is not in it)."""

    def __init__(self, figures: dict[str, object], name: str) -> None:
        self.figures, self.name = figures, name

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.figures[f"{self.name}_s"] = time.perf_counter() - self.wall
        self.figures[f"{self.name}_cpu"] = time.process_time() - self.cpu


def run_backend(rows: int) -> dict[str, object]:
    """In a child process: set up Django on the configured database and time the steps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.web.settings")
    os.environ.setdefault("HTTPS", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from plenary.web.members.csv.decoding import decode_csv_bytes, read_csv_table
    from plenary.web.members.csv.mapping import guess_mapping
    from plenary.web.members.csv.plan import plan_member_import
    from plenary.web.members.csv.services import members_import
    from plenary.web.members.models import Member
    from plenary.web.organisation.models import Unit

    call_command("migrate", verbosity=0)
    national = Unit.objects.create(kind="national", name="Bench National", slug="bench-national")
    region = Unit.objects.create(
        kind="region", name="Bench Region", slug="bench-region", parent=national
    )
    Unit.objects.bulk_create(
        Unit(kind="branch", name=f"Branch {i:03d}", slug=f"bench-branch-{i:03d}", parent=region)
        for i in range(BRANCHES)
    )
    data = generate_csv(rows).encode("utf-8")
    changed = generate_csv(rows, changed_every=10).encode("utf-8")
    figures: dict[str, object] = {"backend": connection.vendor, "rows": rows, "mb": len(data) / 1e6}

    with Stopwatch(figures, "read"):
        table = read_csv_table(decode_csv_bytes(data))
    mapping = guess_mapping(table.header)
    with Stopwatch(figures, "check"):
        plan = plan_member_import(table=table, mapping=mapping)
    assert plan.is_valid, plan.errors[:5]
    with Stopwatch(figures, "create"):
        result = members_import(table=table, mapping=mapping, actor="bench_import")
    assert result.applied and result.created == rows
    with Stopwatch(figures, "update"):
        result = members_import(
            table=read_csv_table(decode_csv_bytes(changed)), mapping=mapping, actor="bench_import"
        )
    assert result.applied and result.updated == len(range(0, rows, 10))
    figures["updated"] = result.updated
    figures["members"] = Member.objects.filter(membership_number__startswith="B").count()
    # Leave a shared PostgreSQL database as it was found.
    Member.objects.filter(membership_number__startswith="B").delete()
    Unit.objects.filter(kind="branch", slug__startswith="bench-").delete()
    region.delete()
    national.delete()
    return figures


def child(backend: str, rows: int) -> dict[str, object]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as data_dir:
        env["PLENARY_DATA_DIR"] = data_dir
        if backend == "sqlite":
            env.pop("DATABASE_URL", None)
        command = [sys.executable, __file__, "--child", "--rows", str(rows)]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {backend} run failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def as_table(results: list[dict[str, object]]) -> str:
    lines = [
        "| database | rows | file | read | check (preview) | import, all new "
        "| re-import, 10% changed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        steps = " | ".join(
            f"{r[f'{step}_s']:.1f} s ({r[f'{step}_cpu']:.1f} s)"
            for step in ("read", "check", "create", "update")
        )
        lines.append(f"| {r['backend']} | {r['rows']:,} | {r['mb']:.1f} MB | {steps} |")
    return "\n".join(lines)


def record(results: list[dict[str, object]], command: str) -> None:
    section = "\n".join(
        [
            START,
            "## Member import (CSV)",
            "",
            f"`{command}` on {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{date.today():%Y-%m-%d}. A generated semicolon-separated file with day-first dates, "
            f"{BRANCHES} branches. Each import is one transaction: every row is checked, then the "
            "members are written with bulk_create / bulk_update in batches of 1,000 (so the import "
            "times include checking again). The re-import "
            "reads the file again and changes the status of every tenth member. Each cell is "
            "wall-clock time, then in brackets the benchmark process's CPU time (the machine "
            f"was shared with other work: load average {os.getloadavg()[0]:.1f} when recorded).",
            "",
            as_table(results),
            END,
        ]
    )
    text = (
        BENCHMARKS.read_text()
        if BENCHMARKS.exists()
        else (
            "# Benchmarks\n\nFigures measured on this project's machines, with the command that "
            "reproduces each.\n"
        )
    )
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS.parent.mkdir(exist_ok=True)
    BENCHMARKS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--record", action="store_true", help="write into docs/benchmarks.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    if args.child:
        print(json.dumps(run_backend(args.rows)))
        return 0
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL") else [])
    results = [child(backend, args.rows) for backend in backends]
    print(as_table(results))
    if args.record:
        wrapper = "scripts/with-postgres.sh " if "postgresql" in backends else ""
        record(results, f"{wrapper}.venv/bin/python bench/bench_import.py --record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
