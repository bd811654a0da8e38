"""Shared machinery for the Gregory family of STV rules (Scottish STV, WIGM).

Ballot papers are held as *lines*: identical papers that travel together. Each line has a
strict ranking (a row of ``rankings``), a number of papers (``papers``), the value of each
paper in fixed point (``value``, scaled by ``10**places``), the position of its current
preference (``pos``) and the candidate now holding it (``holder``, ``PAD`` once exhausted).
All work is numpy over the lines of the one candidate being transferred; candidates'
votes are integers in the same fixed point. Rules subclass ``GregoryCount`` and set the
quota, the transfer value and the order of events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from plenary.counting.constraints import Constraint
from plenary.counting.numbers import scale, to_decimal
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
from plenary.counting.ties import Lot, break_tie


def strict_lines(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """Strict rankings without withdrawn candidates, as (rankings, papers).

    A ranking with equal preferences counts up to its first equal pair: the voter's
    intention is certain until then and uncertain after it. The arrays may be the
    profile's own: callers must not write to them.
    """
    if not profile.tied_rankings and not profile.withdrawn:
        return profile.rankings, profile.weights
    lines = [profile.rankings]
    papers = [profile.weights]
    if profile.tied_rankings:
        prefixes = [_strict_prefix(groups) for groups, _ in profile.tied_rankings]
        width = max(max((len(p) for p in prefixes), default=0), 1)
        extra = np.full((len(prefixes), width), PAD, dtype=np.int32)
        for i, prefix in enumerate(prefixes):
            extra[i, : len(prefix)] = prefix
        lines.append(extra)
        papers.append(np.array([w for _, w in profile.tied_rankings], dtype=np.int64))
    width = max(m.shape[1] for m in lines)
    rankings = np.concatenate(
        [np.pad(m, ((0, 0), (0, width - m.shape[1])), constant_values=PAD) for m in lines]
    )
    weights = np.concatenate(papers)
    if profile.withdrawn:
        rankings = _without(rankings, profile.withdrawn)
    return rankings, weights


def _strict_prefix(groups: Sequence[tuple[int, ...]]) -> list[int]:
    prefix: list[int] = []
    for group in groups:
        if len(group) != 1:
            break
        prefix.append(group[0])
    return prefix


def _without(rankings: np.ndarray, withdrawn: frozenset[int]) -> np.ndarray:
    """Remove withdrawn candidates from every ranking, closing up the gaps."""
    drop = np.isin(rankings, list(withdrawn))
    kept = np.where(drop, PAD, rankings)
    # Stable sort on "is padding" moves the kept preferences left in their order.
    order = np.argsort(kept == PAD, axis=1, kind="stable")
    return np.take_along_axis(kept, order, axis=1)


@dataclass
class _Event:
    """What one stage did, before it is turned into a ``Stage``."""

    action: str
    subject: tuple[int, ...]
    description: str
    transfer_value: int | None = None
    elected: list[int] = field(default_factory=list)
    excluded: list[int] = field(default_factory=list)
    tie: TieBreak | None = None
    notes: list[str] = field(default_factory=list)


class GregoryCount:
    """One count under a Gregory-family rule. Subclasses set the rule's choices."""

    method = ""
    method_name = ""
    places = 5

    def __init__(
        self,
        profile: Profile,
        *,
        seats: int,
        lot: Lot,
        constraints: Sequence[Constraint] = (),
    ) -> None:
        self.profile = profile
        self.names = profile.candidates
        self.n = len(profile.candidates)
        self.seats = seats
        self.lot = lot
        self.constraints = tuple(constraints)
        self.one = scale(self.places)
        self.rankings, self.papers = strict_lines(profile)
        first = self.rankings[:, 0]
        valid = first != PAD
        self.invalid = profile.invalid + int(self.papers[~valid].sum())
        if not valid.all():
            self.rankings, self.papers = self.rankings[valid], self.papers[valid]
        self.pos = np.zeros(len(self.papers), dtype=np.int32)
        self.holder = self.rankings[:, 0].astype(np.int32)
        self.value = np.full(len(self.papers), self.one, dtype=np.int64)
        self.valid_papers = int(self.papers.sum())
        self.votes = np.zeros(self.n, dtype=np.int64)
        self.state: list[CandidateState] = [
            WITHDRAWN if c in profile.withdrawn else HOPEFUL for c in range(self.n)
        ]
        self.elected: list[int] = []
        self.pending: list[int] = []  # elected, surplus not yet transferred
        self.exhausted = 0
        self.history: list[tuple[int, ...]] = []
        self.stages: list[Stage] = []
        self.warnings: list[str] = []
        self.quota = self.calculate_quota()

    # --- rule choices (override) -------------------------------------------------------

    def calculate_quota(self) -> int:
        raise NotImplementedError

    def new_values(self, values: np.ndarray, surplus: int, total: int) -> np.ndarray:
        """Transfer values of the papers of a surplus (scaled), given their values."""
        raise NotImplementedError

    # --- the count ---------------------------------------------------------------------

    def run(self) -> CountResult:
        self.first_stage()
        while True:
            self.elect_with_quota()
            if self.complete():
                break
            if self.pending:
                self.transfer_surplus(self.choose_surplus())
                continue
            self.exclude(self.choose_exclusion())
            if self.complete():
                break
        self.fill_last_vacancies()
        return self.result()

    def first_stage(self) -> None:
        np.add.at(self.votes, self.holder, self.papers * self.value)
        self.record(_Event("first", (), "First preferences counted"))

    def hopeful(self) -> list[int]:
        return [c for c in range(self.n) if self.state[c] == HOPEFUL]

    def seats_left(self) -> int:
        return self.seats - len(self.elected)

    def complete(self) -> bool:
        return self.seats_left() <= 0 or len(self.hopeful()) <= self.seats_left()

    def elect_with_quota(self) -> None:
        """Elect every continuing candidate with a quota, most votes first [47]."""
        reached = [c for c in self.hopeful() if self.votes[c] >= self.quota]
        for c in sorted(reached, key=lambda c: (-int(self.votes[c]), c)):
            if self.seats_left() > 0:
                self.declare_elected(c)
                self.pending.append(c)

    def declare_elected(self, c: int) -> None:
        self.state[c] = ELECTED
        self.elected.append(c)
        if self.stages:
            self.stages[-1] = _with_elected(self.stages[-1], c, self.state)

    def choose_surplus(self) -> tuple[int, TieBreak | None]:
        """The largest surplus goes first; equal ones by earlier stages, then lot [49]."""
        top = max(int(self.votes[c]) for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == top]
        return self._pick(tied, lowest=False, purpose="surplus")

    def choose_exclusion(self) -> tuple[int, TieBreak | None]:
        """The continuing candidate with fewest votes; ties as [51]."""
        hopeful = self.hopeful()
        low = min(int(self.votes[c]) for c in hopeful)
        tied = [c for c in hopeful if self.votes[c] == low]
        return self._pick(tied, lowest=True, purpose="exclusion")

    def _pick(self, tied: list[int], *, lowest: bool, purpose: str) -> tuple[int, TieBreak | None]:
        if len(tied) == 1:
            return tied[0], None
        tie = break_tie(
            tied, self.history, lowest=lowest, purpose=purpose, lot=self.lot, names=self.names
        )
        return tie.chosen, tie

    def transfer_surplus(self, choice: tuple[int, TieBreak | None]) -> None:
        c, tie = choice
        self.pending.remove(c)
        total = int(self.votes[c])
        surplus = total - self.quota
        lines = np.flatnonzero(self.holder == c)
        self.value[lines] = self.new_values(self.value[lines], surplus, total)
        self.votes[c] = self.quota
        self.move(lines)
        tv = self.nominal_transfer_value(surplus, total)
        self.record(
            _Event(
                "surplus",
                (c,),
                f"Surplus of {self.names[c]} ({to_decimal(surplus, self.places)}) transferred",
                transfer_value=tv,
                tie=tie,
            )
        )

    def nominal_transfer_value(self, surplus: int, total: int) -> int | None:
        """The value a first-preference paper carries on (for the count sheet)."""
        return int(self.new_values(np.array([self.one], dtype=np.int64), surplus, total)[0])

    def exclude(self, choice: tuple[int, TieBreak | None]) -> None:
        """Exclude a candidate and pass on all their papers at their values [50]."""
        c, tie = choice
        self.state[c] = EXCLUDED
        lines = np.flatnonzero(self.holder == c)
        self.votes[c] = 0
        self.move(lines)
        event = _Event("exclusion", (c,), f"{self.names[c]} excluded", tie=tie)
        event.excluded.append(c)
        self.record(event)

    def move(self, lines: np.ndarray) -> None:
        """Pass ``lines`` on to their next continuing preference, or to the exhausted pile."""
        # stops[c]: a line stops at candidate c if c continues; PAD (index -1) also stops it.
        stops = np.ones(self.n + 1, dtype=bool)
        stops[: self.n] = [s == HOPEFUL for s in self.state]
        width = self.rankings.shape[1]
        flat = self.rankings.reshape(-1)
        holders = np.full(lines.size, PAD, dtype=np.int32)
        new_pos = np.full(lines.size, width, dtype=np.int32)
        # Step every line forward past candidates no longer continuing; most stop at once.
        which = np.arange(lines.size)
        at = lines.astype(np.int64) * width + self.pos[lines] + 1
        end = lines.astype(np.int64) * width + width
        inside = at < end
        which, at, end = which[inside], at[inside], end[inside]
        while which.size:
            cand = flat[at]
            stop = stops[cand]
            done = which[stop]
            holders[done] = cand[stop]
            new_pos[done] = at[stop] - (end[stop] - width)
            go = ~stop
            which, at, end = which[go], at[go] + 1, end[go]
            if at.size and (at == end).any():
                inside = at < end
                which, at, end = which[inside], at[inside], end[inside]
        self.pos[lines] = new_pos
        self.holder[lines] = holders
        amounts = self.papers[lines] * self.value[lines]
        found = holders != PAD
        self.exhausted += int(amounts[~found].sum())
        np.add.at(self.votes, holders[found], amounts[found])

    def fill_last_vacancies(self) -> None:
        """Continuing candidates equal to the vacancies left are deemed elected [52]."""
        hopeful = self.hopeful()
        if 0 < len(hopeful) <= self.seats_left():
            names = ", ".join(self.names[c] for c in hopeful)
            event = _Event("elect_remaining", tuple(hopeful), f"Deemed elected: {names}")
            for c in hopeful:
                self.state[c] = ELECTED
                self.elected.append(c)
                event.elected.append(c)
            self.record(event)
        self.pending.clear()

    # --- the record --------------------------------------------------------------------

    def lost_to_rounding(self) -> int:
        return self.valid_papers * self.one - int(self.votes.sum()) - self.exhausted

    def record(self, event: _Event) -> None:
        d = self.places
        self.history.append(tuple(int(v) for v in self.votes))
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=event.action,
                subject=event.subject,
                description=event.description,
                totals=tuple(to_decimal(v, d) for v in self.history[-1]),
                exhausted=to_decimal(self.exhausted, d),
                lost_to_rounding=to_decimal(self.lost_to_rounding(), d),
                states=tuple(self.state),
                transfer_value=(
                    None if event.transfer_value is None else to_decimal(event.transfer_value, d)
                ),
                elected=tuple(event.elected),
                excluded=tuple(event.excluded),
                tie=event.tie,
                notes=tuple(event.notes),
            )
        )

    def result(self) -> CountResult:
        seed = self.lot.seed if any(s.tie and s.tie.method == "lot" for s in self.stages) else None
        return CountResult(
            method=self.method,
            method_name=self.method_name,
            seats=self.seats,
            candidates=self.names,
            valid_votes=to_decimal(self.valid_papers * self.one, self.places),
            quota=to_decimal(self.quota, self.places),
            precision=self.places,
            stages=tuple(self.stages),
            elected=tuple(self.elected),
            title=self.profile.title,
            invalid=self.invalid,
            seed=seed,
            constraints=tuple(c.describe(self.names) for c in self.constraints),
            warnings=tuple(self.warnings),
            withdrawn=tuple(sorted(self.profile.withdrawn)),
        )


def _with_elected(stage: Stage, c: int, state: list[CandidateState]) -> Stage:
    """The stage at which ``c`` reached the quota, now also showing them elected."""
    from dataclasses import replace

    return replace(stage, elected=(*stage.elected, c), states=tuple(state))


def make_lot(profile: Profile, seed: int | None, lot: Lot | None) -> Lot:
    """The lot for a count: the one given, else a seeded one."""
    if lot is not None:
        return lot
    return Lot(seed)


__all__ = ["GregoryCount", "make_lot", "strict_lines", "EXCLUDED"]
