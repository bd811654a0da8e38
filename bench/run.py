"""Runs every benchmark script bench/bench_*.py in turn (make bench). Each prints its own
figures; record them in docs/benchmarks.md with the date and this machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    scripts = sorted(Path(__file__).parent.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks found under bench/", file=sys.stderr)
        return 1
    failed = []
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        if subprocess.call([sys.executable, str(script), *sys.argv[1:]]) != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
