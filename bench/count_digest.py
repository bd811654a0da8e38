"""Count ballot files and print one JSON line per file (method, file, result), so that two
versions of the counting code can be compared file by file.

    python bench/count_digest.py --method scottish FILE... > before.jsonl
    (change the code)
    python bench/count_digest.py --method scottish FILE... > after.jsonl
    cmp before.jsonl after.jsonl

Files that cannot be read or counted get a line with their error, so that a change in
which files fail also shows up.
"""

from __future__ import annotations

import argparse
import json
import sys

from plenary.counting.blt import read_blt
from plenary.counting.profile import BallotFileError
from plenary.counting.render import to_dict
from plenary.counting.rules import count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--method", action="append", help="rule(s) to count by (default scottish)")
    args = parser.parse_args()
    methods = args.method or ["scottish"]
    for path in args.files:
        try:
            profile = read_blt(path)
        except BallotFileError as exc:
            print(json.dumps({"file": path, "error": str(exc)}))
            continue
        for method in methods:
            try:
                result = to_dict(count(profile, method, seats=profile.seats, seed=1))
            except Exception as exc:  # noqa: BLE001 - the digest records any failure
                result = {"error": f"{type(exc).__name__}: {exc}"}
            line = {"file": path, "method": method, **result}
            print(json.dumps(line, ensure_ascii=False, sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
