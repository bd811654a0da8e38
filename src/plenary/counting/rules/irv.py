"""Instant-runoff voting (the alternative vote) for a single post.

The rule, as commonly written in standing orders for electing an officer:

1. Each ballot counts for its highest-ranked continuing candidate.
2. A candidate with more than half of the votes of continuing ballots (ballots that still
   show a continuing candidate) is elected.
3. Otherwise the candidate with the fewest votes is excluded and each of their ballots
   passes to its next continuing preference; a ballot with none left is exhausted.
4. Repeat from 2. The last continuing candidate is elected.

Ties for exclusion are broken by the most recent earlier stage at which the tied
candidates had unequal votes, then by lot from a seeded generator; both are recorded.
Votes are whole ballots, so the arithmetic is plain integers and nothing is lost. A ranking
with equal preferences counts up to its first equal pair, as in plenary's other rules.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np

from plenary.counting.profile import PAD, Profile
from plenary.counting.record import (
    ELECTED,
    EXCLUDED,
    HOPEFUL,
    WITHDRAWN,
    CandidateState,
    CountResult,
    Stage,
    TieBreak,
)
from plenary.counting.rules._common import rule_without_constraints, seed_of_lots
from plenary.counting.rules.gregory import strict_lines
from plenary.counting.ties import Lot, break_tie

TITLE = "Instant-runoff voting (alternative vote)"


@rule_without_constraints(
    "irv", TITLE, refusing_as="instant-runoff", one_post=True, aliases=("av",)
)
def count_irv(profile: Profile, seats: int, lot: Lot) -> CountResult:
    """Count ``profile`` for one post by instant-runoff."""
    return Runoff(profile, lot).run()


class Runoff:
    """One instant-runoff count; ``run()`` returns the record."""

    def __init__(self, profile: Profile, lot: Lot) -> None:
        self.profile = profile
        self.names = profile.candidates
        self.lot = lot
        self.states: list[CandidateState] = [
            WITHDRAWN if c in profile.withdrawn else HOPEFUL for c in range(profile.n_candidates)
        ]
        # Equal preferences count up to the first equal pair, as in the other rules.
        rankings, self.weights = strict_lines(profile)
        # Each line's place in its ranking; a trailing PAD column marks "no preference left".
        self.padded = np.hstack([rankings, np.full((rankings.shape[0], 1), PAD, np.int32)])
        self.position = np.zeros(rankings.shape[0], dtype=np.int64)
        self.history: list[list[int]] = []
        self.stages: list[Stage] = []
        self.transfer(np.arange(rankings.shape[0]))

    def current(self) -> np.ndarray:
        """Each line's current preference (PAD once exhausted)."""
        return self.padded[np.arange(self.padded.shape[0]), self.position]

    def transfer(self, rows: np.ndarray) -> None:
        """Move ``rows`` on to their next continuing preference (rule 3)."""
        continuing = np.array([s == HOPEFUL for s in self.states] + [True])  # PAD stops
        while rows.size:
            stuck = ~continuing[self.padded[rows, self.position[rows]]]
            rows = rows[stuck]
            self.position[rows] += 1

    def totals(self) -> tuple[list[int], int]:
        """Votes per candidate and exhausted ballots (rule 1)."""
        current = self.current()
        votes = np.zeros(self.profile.n_candidates + 1, dtype=np.int64)  # last: exhausted
        np.add.at(votes, current, self.weights)
        return [int(v) for v in votes[:-1]], int(votes[-1])

    def run(self) -> CountResult:
        votes, exhausted = self.totals()
        self.add_stage("first", (), "First preferences counted", votes, exhausted)
        while not self.winner_found(votes, exhausted):
            loser, tie = self.lowest(votes)
            self.states[loser] = EXCLUDED
            self.transfer(np.flatnonzero(self.current() == loser))
            votes, exhausted = self.totals()
            moved = (
                f"{self.names[loser]} excluded with the fewest votes; "
                "their ballots pass to the next continuing preference"
            )
            self.add_stage("exclusion", (loser,), moved, votes, exhausted, (loser,), tie)
        return self.result()

    def winner_found(self, votes: list[int], exhausted: int) -> bool:
        """Rule 2 (a majority of continuing ballots) or rule 4 (the last one left)."""
        continuing = [c for c, s in enumerate(self.states) if s == HOPEFUL]
        active = sum(votes[c] for c in continuing)
        leader = max(continuing, key=lambda c: votes[c])
        if 2 * votes[leader] <= active and len(continuing) > 1:
            return False
        self.states[leader] = ELECTED
        reason = (
            f"more than half of the {active} continuing votes"
            if len(continuing) > 1
            else "the last continuing candidate"
        )
        self.mark_elected(
            leader, f"{self.names[leader]} is elected with {votes[leader]} votes, {reason}"
        )
        return True

    def lowest(self, votes: list[int]) -> tuple[int, TieBreak | None]:
        continuing = [c for c, s in enumerate(self.states) if s == HOPEFUL]
        low = min(votes[c] for c in continuing)
        tied = [c for c in continuing if votes[c] == low]
        if len(tied) == 1:
            return tied[0], None
        # The history ends with the current stage, where they are equal; look before it.
        tie = break_tie(
            tied,
            self.history[:-1],
            lowest=True,
            purpose="exclusion",
            lot=self.lot,
            names=self.names,
        )
        return tie.chosen, tie

    def add_stage(
        self,
        action: str,
        subject: tuple[int, ...],
        description: str,
        votes: list[int],
        exhausted: int,
        excluded: tuple[int, ...] = (),
        tie: TieBreak | None = None,
    ) -> None:
        self.history.append(votes)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                subject=subject,
                description=description,
                totals=tuple(Decimal(v) for v in votes),
                exhausted=Decimal(exhausted),
                lost_to_rounding=Decimal(0),
                states=tuple(self.states),
                excluded=excluded,
                tie=tie,
            )
        )

    def mark_elected(self, winner: int, sentence: str) -> None:
        """Record the election on the stage that produced it."""
        last = self.stages[-1]
        description = f"{last.description}; {sentence}"
        self.stages[-1] = replace(
            last, description=description, states=tuple(self.states), elected=(winner,)
        )

    def result(self) -> CountResult:
        elected = tuple(c for c, s in enumerate(self.states) if s == ELECTED)
        return CountResult(
            method="irv",
            method_name=TITLE,
            seats=1,
            candidates=self.names,
            valid_votes=Decimal(self.profile.ballot_count()),
            quota=None,
            precision=0,
            stages=tuple(self.stages),
            elected=elected,
            title=self.profile.title,
            invalid=self.profile.invalid,
            seed=seed_of_lots(self.stages),
            withdrawn=tuple(sorted(self.profile.withdrawn)),
        )
