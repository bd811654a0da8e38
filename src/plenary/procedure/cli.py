"""``plenary amend``: a motion as amended, every amendment carried in order.

    plenary amend MOTION_FILE AMENDMENT_FILE... [--format text|diff|json]

An edit that cannot be applied, or an amendment that falls, is reported on stderr as
``AMENDMENT_FILE:LINE: reason`` with nothing on stdout and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from plenary.procedure.amendments import AmendmentError
from plenary.procedure.diff import render_diff, word_diff
from plenary.procedure.motions import MotionError, parse_motion
from plenary.procedure.rebasing import rebase_amendments


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plenary amend", description="Apply amendments to a motion, in order."
    )
    parser.add_argument("motion", metavar="MOTION_FILE")
    parser.add_argument("amendments", nargs="+", metavar="AMENDMENT_FILE")
    parser.add_argument("--format", choices=("text", "diff", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        original = _read(args.motion)
        motion = parse_motion(original)
        texts = [(path, _read(path)) for path in args.amendments]
    except (OSError, UnicodeDecodeError, MotionError) as exc:
        print(f"plenary amend: {exc}", file=sys.stderr)
        return 1
    try:
        amended, applied = rebase_amendments(motion, texts)
    except AmendmentError as exc:
        print(f"{exc.source}:{exc.line}: {exc.reason}", file=sys.stderr)
        return 1
    ops = word_diff(motion.text, amended.text)
    if args.format == "text":
        print(amended.text)
    elif args.format == "diff":
        print(render_diff(ops))
    else:
        document = {
            "motion_as_amended": amended.text,
            "edits": [
                {
                    "file": a.source,
                    "line": a.edit.line,
                    "kind": a.edit.kind,
                    "point": a.edit.point,
                    "status": a.status,
                }
                for a in applied
            ],
            "diff": [{"op": op.op, "text": op.text} for op in ops],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
