"""Constraints on who may fill the seats: reserved seats and minimum representation.

Both say "at least ``minimum`` of the elected must come from ``members``": a reserved BAME
seat is ``minimum=1`` over the BAME candidates; "at least half of six seats women" is
``minimum=3`` over the women. How the STV rules honour them is in docs/counting.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
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
