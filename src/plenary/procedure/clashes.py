"""Clashes: two amendments whose edits act on the same words, lines or new point.

Both are located on the motion as submitted. Two edits clash when their stretches of
text overlap, when one acts on a line the other deletes or replaces, when they add a
point of the same number, or when one renumbers a point the other addresses by number.
Two insertions at exactly the same place clash (the order would decide the wording); two
additions at the end of the same point, or of the motion, do not. An edit that cannot be
located at all is left out here: it is refused on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plenary.procedure.amendments import AmendmentError, Edit, Target, locate
from plenary.procedure.motions import Motion


@dataclass(frozen=True)
class Clash:
    first: str  # the earlier amendment's name (as given)
    first_edit: Edit
    second: str
    second_edit: Edit
    reason: str


def find_clashes(motion: Motion, amendments: Sequence[tuple[str, Sequence[Edit]]]) -> list[Clash]:
    """Every pair of edits, from two different amendments, that clash on `motion`."""
    located: list[tuple[int, str, Edit, Target]] = []
    for position, (source, edits) in enumerate(amendments):
        for edit in edits:
            try:
                located.append((position, source, edit, locate(motion, edit)))
            except AmendmentError:
                continue
    clashes: list[Clash] = []
    for i, (pos_a, src_a, edit_a, at_a) in enumerate(located):
        for pos_b, src_b, edit_b, at_b in located[i + 1 :]:
            if pos_a == pos_b:
                continue
            reason = _clash(motion, edit_a, at_a, edit_b, at_b)
            if reason is not None:
                clashes.append(Clash(src_a, edit_a, src_b, edit_b, reason))
    return clashes


def _where(motion: Motion, target: Target) -> str:
    line = motion.lines[target.first]
    return f"point {line.number}" if line.number else f"line {target.first + 1} of the motion"


def _clash(motion: Motion, a: Edit, at_a: Target, b: Edit, at_b: Target) -> str | None:
    for edit, target, other in ((a, at_a, at_b), (b, at_b, at_a)):
        if edit.point is not None and other.renumbers and _lines(target) & set(other.renumbers):
            return f"one renumbers {_where(motion, target)}, which the other addresses"
    if at_a.kind == "new_point" or at_b.kind == "new_point":
        if at_a.number == at_b.number:
            return f"both add a point {at_a.number}"
        return None
    if at_a.kind == "end" or at_b.kind == "end":
        return None
    if not _lines(at_a) & _lines(at_b):
        return None
    where = _where(motion, at_a if at_a.kind == "lines" else at_b)
    if at_a.kind == "lines" or at_b.kind == "lines":
        return f"both change {where}"
    if _spans_overlap(at_a, at_b):
        return f"both change the same words in {where}"
    return None


def _lines(target: Target) -> set[int]:
    if target.kind in ("new_point", "end"):
        return set()
    return set(range(target.first, target.last + 1))


def _spans_overlap(a: Target, b: Target) -> bool:
    a_point, b_point = a.start == a.end, b.start == b.end
    if a_point and b_point:
        return False  # two additions at the end of the same point
    if a_point:
        return b.start < a.start < b.end
    if b_point:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end
