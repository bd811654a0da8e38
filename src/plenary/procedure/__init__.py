"""Motions and amendments as a conference secretary pastes them (no Django here).

`parse_motion` reads a motion; `parse_amendment` reads an amendment into edits;
`apply_amendment` applies one all-or-nothing; `carry_in_order` and `rebase_amendments`
carry several in order (later ones rebased, or falling); `find_clashes` reports edits of
two amendments that overlap; `word_diff` is the word-level change view between two texts.
`composites` and `voting_order` hold composites and the order of votes on a heading;
`entitlement` holds the delegate entitlement rules.
"""

from plenary.procedure.amendments import (
    AmendmentError,
    AppliedEdit,
    Edit,
    Target,
    apply_amendment,
    locate,
    parse_amendment,
)
from plenary.procedure.clashes import Clash, find_clashes
from plenary.procedure.diff import DiffOp, render_diff, word_diff
from plenary.procedure.motions import Line, Motion, MotionError, parse_motion
from plenary.procedure.rebasing import Taken, carry_in_order, rebase_amendments

__all__ = [
    "AmendmentError",
    "AppliedEdit",
    "Clash",
    "DiffOp",
    "Edit",
    "Line",
    "Motion",
    "MotionError",
    "Taken",
    "Target",
    "apply_amendment",
    "carry_in_order",
    "find_clashes",
    "locate",
    "parse_amendment",
    "parse_motion",
    "rebase_amendments",
    "render_diff",
    "word_diff",
]
