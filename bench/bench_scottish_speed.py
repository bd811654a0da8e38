"""Speed of Scottish STV on the shared data: the figures in docs/counting.md, "Speed".

    python bench/bench_scottish_speed.py [--runs 7]

Best of N runs, CPU (time.process_time) and wall (time.perf_counter), for: reading the
1M-ballot synthetic file, counting it once read, the whole command line
(``python -m plenary.counting FILE --format jsonl``, in a subprocess, with its peak
memory), and reading and counting all the Scottish ward files in one process. The
machine is shared: compare figures taken in the same session only.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from plenary.counting.blt import read_blt
from plenary.counting.rules import count

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
ONE_MILLION = DATA / "synthetic" / "omov_1M.blt"
WARDS = DATA / "scotland"


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The least CPU and the least wall time of ``runs`` calls, in seconds."""
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return min(cpu), min(wall)


def whole_process(runs: int) -> tuple[float, float, float]:
    """Best CPU (user + sys) and wall of the command line, and its peak RSS in MB."""
    command = [sys.executable, "-m", "plenary.counting", str(ONE_MILLION), "--format", "jsonl"]
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - w0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
    return min(cpu), min(wall), peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (best is kept)")
    args = parser.parse_args()
    if not ONE_MILLION.exists() or not WARDS.exists():
        print(f"skipped: the shared data is not at {DATA}", file=sys.stderr)
        return 0
    profile = read_blt(ONE_MILLION)
    wards = sorted(WARDS.glob("*/*.blt"))

    def count_1m() -> None:
        count(profile, "scottish", seats=profile.seats)

    def read_and_count_wards() -> None:
        for path in wards:
            ward = read_blt(path)
            count(ward, "scottish", seats=ward.seats)

    rows = [
        ("1M ballots, read_blt", *best_of(args.runs, lambda: read_blt(ONE_MILLION))),
        ("1M ballots, count only (scottish)", *best_of(args.runs, count_1m)),
    ]
    cpu, wall, peak_mb = whole_process(args.runs)
    rows.append(("1M ballots, whole process --format jsonl", cpu, wall))
    rows.append(
        (f"{len(wards)} wards, read + count, one process", *best_of(3, read_and_count_wards))
    )
    print(f"best of {args.runs} (wards: best of 3)")
    print(f"{'what':45} {'CPU':>10} {'wall':>10}")
    for what, cpu_s, wall_s in rows:
        print(f"{what:45} {_ms(cpu_s):>10} {_ms(wall_s):>10}")
    print(f"peak RSS of the whole process: {peak_mb:.0f} MB")
    return 0


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
