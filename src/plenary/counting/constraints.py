"""Constraints on who may fill the seats: reserved seats and minimum representation.

Both say "at least ``minimum`` of the elected must come from ``members``": a reserved BAME
seat is ``minimum=1`` over the BAME candidates; "at least half of six seats women" is
``minimum=3`` over the women. How the STV rules honour them is in docs/counting.md.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Constraint:
    """At least ``minimum`` elected candidates from ``members`` (0-based indices)."""

    name: str
    members: frozenset[int]
    minimum: int

    def describe(self, candidates: tuple[str, ...] | None = None) -> str:
        who = (
            ", ".join(candidates[c] for c in sorted(self.members))
            if candidates
            else ", ".join(str(c + 1) for c in sorted(self.members))
        )
        return f"{self.name}: at least {self.minimum} of {who}"


def reserved_seats(name: str, members: Iterable[int], seats: int = 1) -> Constraint:
    """``seats`` seats reserved for a category, e.g. one BAME seat."""
    return Constraint(name, frozenset(members), seats)


def minimum_share(
    name: str, members: Iterable[int], seats: int, share: Fraction | int | str
) -> Constraint:
    """At least ``share`` (e.g. ``"1/2"``) of ``seats`` from a category, rounded up."""
    return Constraint(name, frozenset(members), math.ceil(Fraction(share) * seats))


def still_needed(constraint: Constraint, elected: Collection[int]) -> int:
    """How many more of the category must be elected."""
    return max(constraint.minimum - sum(1 for c in elected if c in constraint.members), 0)


def blocking(
    candidate: int,
    constraints: Sequence[Constraint],
    *,
    elected: Collection[int],
    hopeful: Collection[int],
    seats_left: int,
) -> Constraint | None:
    """The constraint that electing ``candidate`` would make impossible, if any.

    Electing a candidate outside a category is impossible for that category when the
    seats left afterwards would be fewer than the members it still needs.
    """
    for constraint in constraints:
        need = still_needed(constraint, elected)
        if candidate not in constraint.members and need > seats_left - 1:
            available = sum(1 for c in hopeful if c in constraint.members)
            if available >= need:  # only guard what can still be met
                return constraint
    return None


@dataclass(frozen=True)
class ForcedStep:
    """What a constraint forces now: elect these, or pass these over."""

    constraint: Constraint
    action: str  # "elect" | "exclude"
    candidates: tuple[int, ...]


def forced_step(
    constraints: Sequence[Constraint],
    *,
    elected: Collection[int],
    hopeful: Collection[int],
    seats_left: int,
) -> ForcedStep | None:
    """The first step a constraint forces, or None.

    * When the category's continuing members are no more than it still needs, they are
      all deemed elected (they must be, for the constraint to be met).
    * When the seats left equal the members still needed, every continuing candidate
      outside the category is passed over (excluded), so the remaining seats go to it.
    """
    for constraint in constraints:
        need = still_needed(constraint, elected)
        if need == 0:
            continue
        members = tuple(sorted(c for c in hopeful if c in constraint.members))
        if not members:
            continue
        if len(members) <= need:
            return ForcedStep(constraint, "elect", members)
        if seats_left <= need:
            others = tuple(sorted(c for c in hopeful if c not in constraint.members))
            if others:
                return ForcedStep(constraint, "exclude", others)
    return None
