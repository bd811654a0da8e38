"""Meek STV: the Proportional Representation Foundation's Reference Meek Rule.

Source: Proportional Representation Foundation, "Reference Meek Rule",
https://prfound.org/resources/reference/reference-meek-rule/ . Validated against Droop
0.11's ``meek-prf`` rule (the reference suite in ``shared/data/droop-reference``).

The rule, in brief (step labels are the rule's own):

- **A.** Every candidate is hopeful (keep factor 1) or withdrawn (keep factor 0).
  Omega is 0.000001. Arithmetic is fixed point, 9 decimal places.
- **B.1** Test count complete: stop when every seat is filled or when the elected and hopeful
  candidates are no more than the seats.
- **B.2** Iterate:
  **a.** distribute votes: each ballot starts with weight 1; each candidate in order of
  preference keeps weight x keep factor (rounded up to 9 places) and the weight is reduced by
  as much, until the ballot has no more candidates or no weight left;
  **b.** the quota is the total of the candidates' votes divided by seats + 1, truncated to 9
  places, plus 0.000000001;
  **c.** elect every hopeful candidate whose vote is at least the quota;
  **d.** the total surplus is the sum of (vote - quota) over the elected, not below 0;
  **e.** if someone was elected, start a new round (B.1); if the surplus is below omega, or
  (after the first iteration) not smaller than the previous iteration's, go to B.3;
  **f.** each elected candidate's keep factor becomes keep factor x quota (rounded up),
  divided by their vote (rounded up); iterate again.
- **B.3** Defeat the hopeful candidate with the lowest vote; every hopeful candidate whose
  vote is within the total surplus of the lowest is tied with them, and the tie is broken by
  procedure T. Their keep factor becomes 0. **B.4** Next round.
- **C.1** Elect the remaining hopefuls if seats are unfilled, **C.2** otherwise defeat them.
- **T.** Ties are broken by an order of candidates drawn by lot before the count. Here that is
  a seeded draw (the seed is in the record); ``lot=Lot.ballot_order()`` uses the order of
  the ballot paper instead, as Droop does.

Candidates elected in the same iteration are listed in ballot order, as in Droop. The rule
assumes strict rankings; a ranking with equal preferences counts up to its first equal pair,
as in plenary's other rules.

Speed: a ballot passes weight on only through elected candidates (keep factor below 1) and
stops at the first hopeful one (keep factor 1); defeated and withdrawn candidates pass it
all on. So for each round every ballot line reduces to the elected candidates before its
first hopeful, then that hopeful: its *path*. Lines with the same path receive the same
keep values per ballot, so the iterations run on the distinct paths with summed weights,
exactly as if on every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from plenary.counting.numbers import div_up, muldiv_up, scale, to_decimal
from plenary.counting.profile import Profile
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
from plenary.counting.rules._meek_paths import PathIndex, Paths, RecomputedPaths
from plenary.counting.rules.gregory import strict_lines
from plenary.counting.ties import Lot

PLACES = 9  # [A] fixed-point arithmetic, 9 decimal places
ONE = scale(PLACES)
OMEGA = ONE // 10**6  # [A] omega = 0.000001
EPSILON = 1  # 0.000000001, added to the truncated quota [B.2.b]
TITLE = "Meek STV (PR Foundation reference rule)"
SOURCE = "https://prfound.org/resources/reference/reference-meek-rule/"


@dataclass(frozen=True)
class Distribution:
    """The result of one distribution of votes [B.2.a], in scaled integers."""

    votes: np.ndarray  # (candidates,) int64
    exhausted: int  # weight left on ballots that ran out of candidates
    lost: int  # weight overdrawn by a keep factor above 1 (negative or zero)


def distribute(paths: Paths, keep_factors: Sequence[int], n_candidates: int) -> Distribution:
    """[B.2.a] Distribute votes: every candidate keeps weight x kf, rounded up to 9 places."""
    kf = np.zeros(n_candidates + 1, dtype=np.int64)  # last slot: PAD keeps nothing
    kf[:n_candidates] = keep_factors
    if kf.max(initial=0) >= 2**63 // ONE:
        raise OverflowError("keep factor too large for 64-bit fixed point")
    weight = np.full(paths.paths.shape[0], ONE, dtype=np.int64)
    votes = np.zeros(n_candidates + 1, dtype=np.int64)
    for j in range(paths.paths.shape[1]):
        candidate = paths.paths[:, j]
        live = weight > 0  # a ballot with no weight left stops [B.2.a]
        keep_weight = np.where(live, -((-weight * kf[candidate]) // ONE), 0)  # rounded up
        np.add.at(votes, candidate, keep_weight * paths.weights)
        weight -= keep_weight
    left = weight * paths.weights
    exhausted = int(left[left > 0].sum())
    lost = int(left[left < 0].sum())
    return Distribution(votes[:n_candidates], exhausted, lost)


@rule_without_constraints(
    "meek", TITLE, refusing_as="the reference Meek rule", source=SOURCE, aliases=("meek-prf",)
)
def count_meek(profile: Profile, seats: int, lot: Lot) -> CountResult:
    """Count ``profile`` under the PR Foundation's reference Meek rule."""
    return MeekCount(profile, seats, lot).run()


class MeekCount:
    """One count under the rule; ``run()`` returns the record."""

    def __init__(self, profile: Profile, seats: int, lot: Lot) -> None:
        self.profile = profile
        self.names = profile.candidates
        self.n = profile.n_candidates
        self.seats = seats
        self.lot = lot
        self.states: list[CandidateState] = [
            WITHDRAWN if c in profile.withdrawn else HOPEFUL for c in range(self.n)
        ]
        # [A] keep factor 1 for hopeful candidates, 0 for withdrawn ones.
        self.kf = [0 if s == WITHDRAWN else ONE for s in self.states]
        self.valid = profile.ballot_count() * ONE
        self.quota = self.valid // (seats + 1) + EPSILON  # as B.2.b, for the first stage
        self.elected: list[int] = []
        self.stages: list[Stage] = []
        self.last: Distribution | None = None
        self.surplus = 0
        index = PathIndex if PathIndex.fits(self.n, seats) else RecomputedPaths
        # Equal preferences count up to the first equal pair, as in the other rules.
        rankings, weights = strict_lines(profile)
        self.paths = index(rankings, weights, self.states)

    def set_state(self, c: int, state: CandidateState) -> None:
        self.states[c] = state
        self.paths.update(c, state)

    def count(self, state: CandidateState) -> int:
        return sum(1 for s in self.states if s == state)

    def run(self) -> CountResult:
        self.last = distribute(self.paths.paths(), self.kf, self.n)
        self.add_stage("first", (), "First preferences counted")
        round_number = 0
        # [B.1] Test count complete.
        while self.count(HOPEFUL) > self.seats - len(self.elected) > 0:
            round_number += 1
            self.round(round_number)
        self.complete()
        return self.result()

    def round(self, number: int) -> None:
        paths = self.paths.paths()
        previous_surplus: int | None = None
        iterations = 0
        while True:  # [B.2] Iterate.
            iterations += 1
            self.last = distribute(paths, self.kf, self.n)  # [B.2.a]
            votes = self.last.votes
            self.quota = int(votes.sum()) // (self.seats + 1) + EPSILON  # [B.2.b]
            winners = [c for c in range(self.n) if self.is_hopeful(c) and votes[c] >= self.quota]
            for c in winners:  # [B.2.c]
                self.set_state(c, ELECTED)
                self.elected.append(c)
            self.surplus = max(0, sum(int(votes[c]) - self.quota for c in self.elected))  # [B.2.d]
            # [B.2.e] Test for iteration finished.
            if winners:
                self.record_election(number, iterations, winners)
                return
            if self.surplus < OMEGA:
                return self.defeat_low(number, iterations, "below omega")
            if previous_surplus is not None and self.surplus >= previous_surplus:
                return self.defeat_low(number, iterations, "stable")
            previous_surplus = self.surplus
            self.update_keep_factors()  # [B.2.f]

    def is_hopeful(self, c: int) -> bool:
        return self.states[c] == HOPEFUL

    def update_keep_factors(self) -> None:
        """[B.2.f] kf := kf x quota (rounded up) / vote (rounded up)."""
        assert self.last is not None
        for c in self.elected:
            vote = int(self.last.votes[c])
            if vote == 0:
                # Only possible if a keep factor above 1 used up every ballot before this
                # candidate; the rule does not say, so the keep factor stays as it is.
                continue
            kept = muldiv_up(self.kf[c], self.quota, ONE)
            self.kf[c] = div_up(kept * ONE, vote)

    def defeat_low(self, number: int, iterations: int, why: str) -> None:
        """[B.3] Defeat the lowest hopeful; those within the surplus of it are tied [T]."""
        assert self.last is not None
        votes = self.last.votes
        hopeful = [c for c in range(self.n) if self.is_hopeful(c)]
        low = min(int(votes[c]) for c in hopeful)
        tied = [c for c in hopeful if int(votes[c]) <= low + self.surplus]
        loser = tied[0] if len(tied) == 1 else self.lot.draw(tied)
        tie = self.tie_break(tied, loser) if len(tied) > 1 else None
        self.set_state(loser, EXCLUDED)
        self.kf[loser] = 0
        reason = (
            f"total surplus {self.show(self.surplus)} below omega"
            if why == "below omega"
            else f"total surplus stable at {self.show(self.surplus)}"
        )
        description = (
            f"Round {number} ({_iterations(iterations)}; {reason}): {self.names[loser]} has the "
            f"lowest vote, {self.show(int(votes[loser]))}, and is defeated"
        )
        self.add_stage("exclusion", (loser,), description, excluded=(loser,), tie=tie)

    def tie_break(self, tied: list[int], loser: int) -> TieBreak:
        how = (
            "the order of the ballot paper"
            if self.lot.fixed_order
            else f"lot (seed {self.lot.seed})"
        )
        names = ", ".join(self.names[c] for c in tied)
        return TieBreak(
            purpose="exclusion",
            tied=tuple(tied),
            chosen=loser,
            method="lot",
            seed=None if self.lot.fixed_order else self.lot.seed,
            description=f"Tie for defeat between {names} broken by {how} [T]: {self.names[loser]}",
        )

    def record_election(self, number: int, iterations: int, winners: list[int]) -> None:
        assert self.last is not None
        who = ", ".join(f"{self.names[c]} ({self.show(int(self.last.votes[c]))})" for c in winners)
        description = (
            f"Round {number} ({_iterations(iterations)}): {who} reached the quota of "
            f"{self.show(self.quota)} and {'is' if len(winners) == 1 else 'are'} elected"
        )
        self.add_stage("iteration", tuple(winners), description, elected=tuple(winners))

    def complete(self) -> None:
        """[C] Elect the remaining hopefuls if seats are unfilled [C.1], else defeat them [C.2]."""
        remaining = [c for c in range(self.n) if self.is_hopeful(c)]
        if not remaining:
            return
        if len(self.elected) < self.seats:
            for c in remaining:
                self.states[c] = ELECTED
                self.elected.append(c)
            names = ", ".join(self.names[c] for c in remaining)
            description = f"Remaining seats filled: {names} elected [C.1]"
            self.add_stage(
                "elect_remaining", tuple(remaining), description, elected=tuple(remaining)
            )
        else:
            for c in remaining:
                self.states[c] = EXCLUDED
                self.kf[c] = 0
            names = ", ".join(self.names[c] for c in remaining)
            description = f"All seats filled: {names} defeated [C.2]"
            self.add_stage(
                "exclude_remaining", tuple(remaining), description, excluded=tuple(remaining)
            )

    def add_stage(
        self,
        action: str,
        subject: tuple[int, ...],
        description: str,
        *,
        elected: tuple[int, ...] = (),
        excluded: tuple[int, ...] = (),
        tie: TieBreak | None = None,
    ) -> None:
        assert self.last is not None
        totals, exhausted, notes = self.shown_totals(action)
        keep = ", ".join(f"{self.names[c]} {self.show(self.kf[c])}" for c in sorted(self.elected))
        notes += (f"Quota {self.show(self.quota)}; total surplus {self.show(self.surplus)}",)
        if keep:
            notes += (f"Keep factors: {keep}",)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                subject=subject,
                description=description,
                totals=tuple(to_decimal(v, PLACES) for v in totals),
                exhausted=to_decimal(exhausted, PLACES),
                lost_to_rounding=to_decimal(self.last.lost, PLACES),
                states=tuple(self.states),
                elected=elected,
                excluded=excluded,
                tie=tie,
                notes=notes,
            )
        )

    def shown_totals(self, action: str) -> tuple[list[int], int, tuple[str, ...]]:
        """Votes after the stage, from the last distribution.

        A candidate defeated at [B.3] shows the vote they had when defeated. At the end [C]
        the votes of candidates defeated since the last distribution are not distributed
        again: they are shown as 0 and counted with the residual.
        """
        assert self.last is not None
        votes = [int(v) for v in self.last.votes]
        if action not in ("elect_remaining", "exclude_remaining"):
            return votes, self.last.exhausted, ()
        undistributed = 0
        for c in range(self.n):
            if self.states[c] == EXCLUDED:
                undistributed += votes[c]
                votes[c] = 0
        if not undistributed:
            return votes, self.last.exhausted, ()
        note = f"{self.show(undistributed)} votes of defeated candidates not distributed again"
        return votes, self.last.exhausted + undistributed, (note,)

    def result(self) -> CountResult:
        return CountResult(
            method="meek",
            method_name=TITLE,
            seats=self.seats,
            candidates=self.names,
            valid_votes=to_decimal(self.valid, PLACES),
            quota=to_decimal(self.quota, PLACES),
            precision=PLACES,
            stages=tuple(self.stages),
            elected=tuple(self.elected),
            title=self.profile.title,
            invalid=self.profile.invalid,
            seed=seed_of_lots(self.stages),
            withdrawn=tuple(sorted(self.profile.withdrawn)),
            extra={"omega": self.show(OMEGA), "source": SOURCE},
        )

    @staticmethod
    def show(value: int) -> str:
        # Fixed notation: str() of a Decimal with 9 places can turn to 3E-9.
        return format(to_decimal(value, PLACES), "f")


def _iterations(n: int) -> str:
    return f"{n} iteration{'' if n == 1 else 's'}"
