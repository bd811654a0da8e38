"""What every peer adapter shares: read each BLT named on the command line, count it with
the peer, print one JSON line per file: {"file", "elected" (sorted 1-based numbers), ...}.

A file the peer cannot count gives {"file", "error"} and the run goes on, so one odd ward
does not lose the timing of the other 1,099. A directory argument means every *.blt
under it, in sorted order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from bltread import Election, read_blt

Elect = Callable[[Election], list[int]]  # 0-based indices of the elected candidates


def ballot_files(arguments: list[str]) -> Iterator[Path]:
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted(path.rglob("*.blt"))
        else:
            yield path


def run(elect: Elect, rule: str, argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        print(
            f"usage: {Path(sys.argv[0]).name} FILE_OR_DIR... (counts with: {rule})", file=sys.stderr
        )
        return 2
    for path in ballot_files(arguments):
        print(json.dumps(count_one(elect, path)), flush=False)
    return 0


def count_one(elect: Elect, path: Path) -> dict[str, object]:
    try:
        election = read_blt(path)
        elected = elect(election)
    except Exception as error:  # a peer's failure on one file is a result, not a crash
        return {"file": str(path), "error": f"{type(error).__name__}: {error}"[:300]}
    return {"file": str(path), "elected": sorted(index + 1 for index in elected)}
