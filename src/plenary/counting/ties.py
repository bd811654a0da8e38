"""Breaking ties: first by earlier stages, then by lot.

Scottish STV [49(2), 51(2)] looks back to the most recent preceding stage at which the
tied candidates had unequal votes; where they were equal at every stage the returning
officer decides by lot [49(3), 51(2)(b)]. Our lot is a seeded pseudo-random draw, and the
seed is stored in the record so anyone can repeat it.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

from plenary.counting.record import TieBreak


class Lot:
    """Draws lots from a seeded generator; the seed is kept for the record.

    Without a seed, one is drawn from the operating system the first time a lot is
    needed, and recorded. ``Lot.ballot_order()`` instead always draws the candidate
    listed first on the ballot: this is how reference counters such as Droop settle a
    lot by default, and it lets us compare with their output.
    """

    def __init__(
        self, seed: int | None = None, *, fixed_order: bool = False, order: Sequence[int] = ()
    ) -> None:
        self._seed = seed
        self._rng: random.Random | None = None
        self.fixed_order = fixed_order
        self._order = {c: i for i, c in enumerate(order)}

    @classmethod
    def ballot_order(cls, order: Sequence[int] = ()) -> Lot:
        """A lot that always draws the first of ``order`` (then of the ballot)."""
        return cls(fixed_order=True, order=order)

    @property
    def seed(self) -> int | None:
        return self._seed

    def draw(self, tied: Sequence[int]) -> int:
        """Pick one of ``tied`` (0-based candidates) by lot."""
        if self.fixed_order:
            return min(tied, key=lambda c: (self._order.get(c, len(self._order)), c))
        if self._rng is None:
            if self._seed is None:
                self._seed = secrets.randbits(32)
            self._rng = random.Random(self._seed)
        return self._rng.choice(sorted(tied))


def break_tie(
    tied: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    lowest: bool,
    purpose: str,
    lot: Lot,
    names: Sequence[str],
    forward: bool = False,
) -> TieBreak:
    """Choose among ``tied`` by earlier stages, most recent first, then by lot.

    ``history[s]`` holds every candidate's votes (scaled integers) at the end of stage
    ``s + 1``. At each earlier stage, only the candidates lowest (or highest) there stay in
    the running, so a three-way tie narrows step by step. ``lowest`` picks the candidate
    with fewest votes (exclusion) rather than most (surplus order). ``forward`` looks
    from the first stage onwards instead (ERS97: "the earliest point in the count").
    """
    running = sorted(tied)
    order = range(len(history)) if forward else range(len(history) - 1, -1, -1)
    for index in order:
        votes = history[index]
        best = (min if lowest else max)(votes[c] for c in running)
        running = [c for c in running if votes[c] == best]
        if len(running) == 1:
            chosen = running[0]
            return TieBreak(
                purpose=purpose,
                tied=tuple(sorted(tied)),
                chosen=chosen,
                method="earlier_stage",
                stage=index + 1,
                description=(
                    f"Tie ({purpose}) between {_names(tied, names)} broken by the votes "
                    f"at {'point' if forward else 'stage'} {index + 1}: {names[chosen]}"
                ),
            )
    chosen = lot.draw(running)
    how = "ballot order" if lot.fixed_order else f"lot (seed {lot.seed})"
    return TieBreak(
        purpose=purpose,
        tied=tuple(sorted(tied)),
        chosen=chosen,
        method="lot",
        seed=None if lot.fixed_order else lot.seed,
        description=f"Tie ({purpose}) between {_names(tied, names)} broken by {how}: "
        f"{names[chosen]}",
    )


def _names(cands: Sequence[int], names: Sequence[str]) -> str:
    return ", ".join(names[c] for c in sorted(cands))
