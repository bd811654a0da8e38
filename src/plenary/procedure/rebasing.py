"""Amendments taken in order: each carried one changes the text the later ones apply to.

Every amendment was written against the motion as submitted. When one is carried, each
later one is re-applied to the text as it then stands; one that applied to the motion as
submitted but no longer applies *falls*, with the reason and the amendment that took its
words away. One that never applied, even to the motion as submitted, is *refused*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plenary.procedure.amendments import AmendmentError, AppliedEdit, Edit, apply_amendment
from plenary.procedure.amendments import parse_amendment as _parse
from plenary.procedure.motions import Motion


@dataclass(frozen=True)
class Taken:
    """What became of one amendment taken in order."""

    source: str
    status: str  # carried, falls or refused
    edits: tuple[AppliedEdit, ...] = ()
    line: int | None = None  # the amendment's line that could not apply
    reason: str | None = None


def carry_in_order(
    motion: Motion, amendments: Sequence[tuple[str, Sequence[Edit]]]
) -> tuple[Motion, list[Taken]]:
    """Carry each (source, edits) amendment in turn; those that fall or are refused are
    skipped and the rest go on. Returns the motion as amended and what became of each."""
    states = [motion]  # the text after 0, 1, 2 ... carried amendments
    carriers: list[str] = []
    taken: list[Taken] = []
    for revision, (source, edits) in enumerate(amendments, start=1):
        try:
            amended, done = apply_amendment(states[-1], edits, revision=revision)
        except AmendmentError as exc:
            taken.append(_not_carried(source, edits, exc, states, carriers))
            continue
        states.append(amended)
        carriers.append(source)
        edits_taken = tuple(AppliedEdit(a.edit, a.status, source) for a in done)
        taken.append(Taken(source, "carried", edits_taken))
    return states[-1], taken


def _not_carried(
    source: str,
    edits: Sequence[Edit],
    error: AmendmentError,
    states: list[Motion],
    carriers: list[str],
) -> Taken:
    try:
        apply_amendment(states[0], edits)
    except AmendmentError:
        return Taken(source, "refused", line=error.line, reason=error.reason)
    culprit = carriers[-1] if carriers else ""
    for count, state in enumerate(states[1:]):
        try:
            apply_amendment(state, edits)
        except AmendmentError:
            culprit = carriers[count]
            break
    reason = f"the amendment falls: {error.reason}, since {culprit} was carried"
    return Taken(source, "falls", line=error.line, reason=reason)


def rebase_amendments(
    motion: Motion, amendments: Sequence[tuple[str, str]]
) -> tuple[Motion, list[AppliedEdit]]:
    """Carry (source, text) amendments in order, each on the text as it then stands.

    Raises `AmendmentError` with `source` set for the first that cannot be read, is
    refused, or falls; nothing is returned then."""
    parsed: list[tuple[str, Sequence[Edit]]] = []
    for source, text in amendments:
        try:
            parsed.append((source, _parse(text)))
        except AmendmentError as exc:
            exc.source = source
            raise
    amended, taken = carry_in_order(motion, parsed)
    for outcome in taken:
        if outcome.status != "carried":
            error = AmendmentError(outcome.line or 1, outcome.reason or "")
            error.source = outcome.source
            raise error
    return amended, [edit for outcome in taken for edit in outcome.edits]
