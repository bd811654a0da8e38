"""plenary's count-alone time: read a BLT once, then time ``count()`` on the profile
already in memory, best of several (the machine is shared, so the minimum is the figure
least disturbed by other work). Run by bench_counting.py in a fresh process; prints one
JSON object.

    python bench/plenary_count_alone.py FILE [--method scottish] [--repeat 20]
    python bench/plenary_count_alone.py --methods      # the registered rules, as JSON
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time

from plenary.counting import RULES, count
from plenary.counting.blt import read_blt


def time_count(path: str, method: str, repeat: int) -> dict[str, object]:
    started = time.perf_counter()
    profile = read_blt(path)
    read_s = time.perf_counter() - started
    timings: list[float] = []
    cpu_timings: list[float] = []  # process time: what other work on the machine cannot inflate
    elected: tuple[int, ...] = ()
    for _ in range(repeat):
        gc.collect()  # a collection left over from the last round must not land in this one
        started, cpu_started = time.perf_counter(), time.process_time()
        result = count(profile, method)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
        elected = result.elected_ids
    return {
        "file": path,
        "method": method,
        "read_s": read_s,
        "repeat": repeat,
        "count_best_s": min(timings),
        "count_median_s": statistics.median(timings),
        "count_best_cpu_s": min(cpu_timings),
        "elected": sorted(elected),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--method", default="scottish")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--methods", action="store_true", help="list the registered rules")
    args = parser.parse_args(argv)
    if args.methods:
        print(json.dumps(sorted(RULES)))
        return 0
    if not args.file:
        parser.error("a BLT file is needed")
    print(json.dumps(time_count(args.file, args.method, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
