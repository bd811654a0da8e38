"""``plenary count``: count BLT files from the command line (no logic lives here).

    plenary count ward.blt [more.blt ...] [--method scottish] [--seats N]
                  [--format text|json|jsonl|csv|html] [--seed N]

A file that cannot be read or counted is reported on stderr as ``file:line: reason``; the
other files are still counted, the failures are listed at the end, and the exit status
is 1. An unknown method or bad option exits with status 2 before any counting.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from plenary.counting.blt import read_blt
from plenary.counting.csvballots import read_csv_rankings
from plenary.counting.profile import BallotFileError, ProfileError
from plenary.counting.record import CountResult
from plenary.counting.render import RENDERERS, render_json, to_dict
from plenary.counting.rules import RULES, UnknownMethod, UnsupportedOption, count, get_rule

FORMATS = ("text", "json", "jsonl", "csv", "html")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plenary count", description="Count ballot files (BLT format)."
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="BLT ballot file(s), or CSV of rankings (.csv)"
    )
    parser.add_argument(
        "--method",
        default="scottish",
        help="counting rule: " + ", ".join(sorted(RULES)) + " (default: scottish)",
    )
    parser.add_argument("--seats", type=int, help="seats to fill (default: from the file)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--seed", type=int, help="seed for any lot drawn to break a tie")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        get_rule(args.method)
    except UnknownMethod as exc:
        print(f"plenary count: {exc}", file=sys.stderr)
        return 2
    if args.seats is not None and args.seats < 1:
        print("plenary count: --seats must be at least 1", file=sys.stderr)
        return 2
    failures: list[str] = []
    results: list[tuple[str, CountResult]] = []
    several = len(args.files) > 1
    for path in args.files:
        try:
            result = _count_file(path, args)
        except BallotFileError as exc:
            failures.append(str(exc))
        except (ProfileError, UnsupportedOption, ValueError) as exc:
            failures.append(f"{path}: {exc}")
        else:
            results.append((path, result))
            if args.format != "json":
                _write(sys.stdout, path, result, args.format, several=several)
            continue
        print(failures[-1], file=sys.stderr)
    if args.format == "json":
        _write_json(sys.stdout, results, several=several)
    if failures:
        print(f"{len(failures)} of {len(args.files)} files failed:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


def _count_file(path: str, args: argparse.Namespace) -> CountResult:
    if path.lower().endswith(".csv"):
        profile = read_csv_rankings(path, seats=args.seats or 1)
    else:
        profile = read_blt(path)
    # Fewer candidates standing than seats is counted, not refused: every one of them is
    # elected and the sheet shows the seats left vacant (see docs/counting.md).
    seats = profile.seats if args.seats is None else args.seats
    return count(profile, args.method, seats=seats, seed=args.seed)


def _write(out: TextIO, path: str, result: CountResult, fmt: str, *, several: bool) -> None:
    if fmt == "jsonl":
        out.write(json.dumps({"file": path, **to_dict(result)}, ensure_ascii=False) + "\n")
        return
    if several:
        out.write(f"==> {path} <==\n")
    out.write(RENDERERS[fmt](result))
    if several:
        out.write("\n")


def _write_json(out: TextIO, results: list[tuple[str, CountResult]], *, several: bool) -> None:
    if not several and results:
        path, result = results[0]
        out.write(render_json(result, file=path) + "\n")
    elif several:
        documents = [{"file": path, **to_dict(result)} for path, result in results]
        out.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
