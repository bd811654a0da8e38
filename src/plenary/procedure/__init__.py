"""Motions and amendments as a conference secretary pastes them (no Django here).

`parse_motion` reads a motion; `parse_amendment` reads an amendment into edits;
`apply_amendment` applies one all-or-nothing; `rebase_amendments` carries several in
order; `word_diff` is the word-level change view between two texts.
"""

from plenary.procedure.amendments import (
    AmendmentError,
    AppliedEdit,
    Edit,
    apply_amendment,
    parse_amendment,
    rebase_amendments,
)
from plenary.procedure.diff import DiffOp, render_diff, word_diff
from plenary.procedure.motions import Line, Motion, MotionError, parse_motion

__all__ = [
    "AmendmentError",
    "AppliedEdit",
    "DiffOp",
    "Edit",
    "Line",
    "Motion",
    "MotionError",
    "apply_amendment",
    "parse_amendment",
    "parse_motion",
    "rebase_amendments",
    "render_diff",
    "word_diff",
]
