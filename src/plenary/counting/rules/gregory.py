"""Shared machinery for the Gregory family of STV rules (Scottish STV, WIGM).

Ballot papers are held as *lines*: identical papers that travel together. Each line has a
strict ranking (a row of ``table``) and a number of papers. A candidate holds their papers
as *parcels* (``Parcel``), one for their first preferences and one for each transfer that
reached them: for each line, the position of its current preference (an index into
``table.reshape(-1)``), its papers and the value of each paper in fixed point (scaled by
``10**places``). Passing papers on is numpy over the lines of the one candidate being
transferred; candidates' votes are integers in the same fixed point. Rules subclass
``GregoryCount`` and set the quota, the transfer value and the order of events.

Speed (see docs/counting.md, "Speed"): ``table`` holds the rankings in the smallest
integer type that fits the candidates (a quarter of the profile's int32 for up to 127
candidates, so that the rows being stepped through stay in the processor's cache) and
always ends in a PAD column, so that stepping along a line needs no bounds check. It is
the profile's ``compact_lines``, made once per profile, unless withdrawals or equal
preferences change the lines. Keeping each candidate's papers in parcels spares a search
of every line for the ones a candidate holds at each stage.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np

from plenary.counting.constraints import Constraint, blocking, forced_step
from plenary.counting.numbers import decimals, scale, to_decimal
from plenary.counting.profile import PAD, CompactLines, Profile, group_lines
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
from plenary.counting.rules import RuleFunction, RuleInfo, register
from plenary.counting.rules._common import seed_of_lots
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


def counting_lines(profile: Profile) -> CompactLines:
    """The strict lines of ``profile`` as ``CompactLines``.

    A profile without withdrawals or equal preferences counts its rankings as they are,
    so its own (made once, at read time) serves every count of it.
    """
    rankings, papers = strict_lines(profile)
    if rankings is profile.rankings:
        return profile.compact_lines
    return group_lines(rankings, papers, len(profile.candidates))


class Lines(NamedTuple):
    """Lines of papers: for each line, where its current preference is in the flattened
    table, its papers and each paper's value."""

    pos: np.ndarray
    papers: np.ndarray
    value: np.ndarray


#: Papers that a candidate received together: lines ``start:stop`` of the lines that one
#: stage passed on (sliced only when the candidate's papers move on).
Parcel = tuple[Lines, int, int]


def running_sums(amounts: np.ndarray) -> np.ndarray:
    """``running[j]``: the sum of the first ``j`` of ``amounts`` (whole numbers), so that
    the sum of a slice ``i:j`` is ``running[j] - running[i]``."""
    running = np.zeros(len(amounts) + 1, dtype=np.int64)
    amounts.cumsum(out=running[1:])
    return running


@dataclass
class StageEvent:
    """What one stage did, before it is turned into a ``Stage``."""

    action: str
    subject: tuple[int, ...]
    description: str
    transfer_value: int | None = None
    elected: list[int] = field(default_factory=list)
    excluded: list[int] = field(default_factory=list)
    tie: TieBreak | None = None
    notes: list[str] = field(default_factory=list)


class GregoryCount(ABC):
    """One count under a Gregory-family rule. Subclasses set the rule's choices."""

    method = ""
    method_name = ""
    places = 5
    look_back = True  # break ties by earlier stages before drawing lots

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
        lines = counting_lines(profile)
        ranked = int(lines.starts[self.n])  # the rows after these were left blank
        self.table, self.papers = lines.table[:ranked], lines.papers[:ranked]
        self.starts = lines.starts  # rows starts[c]:starts[c + 1] put c first
        self.invalid = profile.invalid + int(lines.papers[ranked:].sum())
        self.valid_papers = int(self.papers.sum())
        self.parcels: list[list[Parcel]] = [[] for _ in range(self.n)]
        # The candidates a line can reach, in the table's cells as unsigned (PAD after them).
        self.reach = np.arange(self.n + 1, dtype=np.dtype(f"u{self.table.dtype.itemsize}"))
        self.votes = np.zeros(self.n, dtype=np.int64)
        self.state: list[CandidateState] = [
            WITHDRAWN if c in profile.withdrawn else HOPEFUL for c in range(self.n)
        ]
        self.elected: list[int] = []
        self.pending: list[int] = []  # elected, surplus not yet transferred
        # For each candidate elected on reaching the quota: the group elected together and
        # the tie-break (if any) that put them before the others with equal votes in it.
        self.election_order: dict[int, tuple[int, TieBreak | None]] = {}
        self.exhausted = 0
        self.history: list[tuple[int, ...]] = []
        self.stages: list[Stage] = []
        self.warnings: list[str] = []
        self.quota = self.calculate_quota()

    # --- rule choices (override) -------------------------------------------------------

    @abstractmethod
    def calculate_quota(self) -> int:
        """The quota, scaled, as the rule defines it."""

    def new_values(self, values: np.ndarray, surplus: int, total: int) -> np.ndarray:
        """Transfer values of the papers of a surplus (scaled), given their values.

        Needed only by rules that use this class's ``transfer_surplus`` (Scottish STV, WIGM);
        ERS97 transfers surpluses its own way and never calls it."""
        raise TypeError(f"{type(self).__name__} uses transfer_surplus but defines no new_values")

    # --- the count ---------------------------------------------------------------------

    def run(self) -> CountResult:
        self.first_stage()
        while True:
            self.elect_with_quota()
            if self.complete():
                break
            if self.apply_constraints():
                continue
            if self.pending:
                self.transfer_surplus(self.choose_surplus())
                continue
            self.exclude(self.choose_exclusion())
            if self.complete():
                break
        self.fill_last_vacancies()
        return self.result()

    def first_stage(self) -> None:
        # [45] Sort the papers by first preference (the table's rows already are) and
        # credit each candidate with one vote per paper.
        before = running_sums(self.papers).take(self.starts)  # papers before c's rows
        self.votes = (before[1:] - before[:-1]) * self.one
        pos = np.arange(0, self.table.size, self.table.shape[1], dtype=np.intp)
        value = np.full(len(self.papers), self.one, dtype=np.int64)
        self.give_parcels(Lines(pos, self.papers, value), self.starts)
        self.record(StageEvent("first", (), "First preferences counted"))

    def hopeful(self) -> list[int]:
        return [c for c, state in enumerate(self.state) if state == HOPEFUL]

    def seats_left(self) -> int:
        return self.seats - len(self.elected)

    def complete(self) -> bool:
        return self.seats_left() <= 0 or len(self.hopeful()) <= self.seats_left()

    def elect_with_quota(self) -> None:
        """Elect every continuing candidate with a quota, most votes first [47]."""
        reached = [c for c in self.hopeful() if self.votes[c] >= self.quota]
        passed_over: list[tuple[int, Constraint]] = []
        order, notes = self.order_of_election(reached)
        if notes:
            self.stages[-1] = replace(self.stages[-1], notes=(*self.stages[-1].notes, *notes))
        for c in order:
            if self.seats_left() <= 0:
                break
            guard = blocking(
                c,
                self.constraints,
                elected=self.elected,
                hopeful=self.hopeful(),
                seats_left=self.seats_left(),
            )
            if guard is not None:
                passed_over.append((c, guard))
                continue
            self.declare_elected(c)
            self.pending.append(c)
        for c, guard in passed_over:
            if self.state[c] == HOPEFUL:
                note = (
                    f"{self.names[c]} passed over: electing them would leave too few "
                    f"seats for {guard.name}"
                )
                self.exclude_many([c], action="constraint", notes=[note])

    def apply_constraints(self) -> bool:
        """Take the step a constraint forces now, if any (see constraints.forced_step)."""
        step = forced_step(
            self.constraints,
            elected=self.elected,
            hopeful=self.hopeful(),
            seats_left=self.seats_left(),
        )
        if step is None:
            return False
        names = ", ".join(self.names[c] for c in step.candidates)
        if step.action == "exclude":
            note = f"{step.constraint.name}: the seats left are needed for it; passed over: {names}"
            self.exclude_many(list(step.candidates), action="constraint", notes=[note])
            return True
        note = f"{step.constraint.name}: deemed elected, as every remaining member is needed"
        event = StageEvent("constraint", step.candidates, f"Deemed elected: {names}", notes=[note])
        for c in step.candidates:
            self.state[c] = ELECTED
            self.elected.append(c)
            event.elected.append(c)
        self.record(event)
        return True

    def exclude_many(self, cands: list[int], *, action: str, notes: list[str]) -> None:
        """Exclude several candidates at once (a constraint passing them over)."""
        for c in cands:
            self.state[c] = EXCLUDED
            self.pending = [p for p in self.pending if p != c]
        held = self.take_parcels(cands)
        self.votes[cands] = 0
        self.pass_on(held.pos, held.papers, held.value)
        names = ", ".join(self.names[c] for c in cands)
        event = StageEvent(action, tuple(cands), f"Passed over: {names}", notes=notes)
        event.excluded.extend(cands)
        self.record(event)

    def declare_elected(self, c: int) -> None:
        self.state[c] = ELECTED
        self.elected.append(c)
        if self.stages:
            self.stages[-1] = _with_elected(self.stages[-1], c, self.state)

    def order_of_election(self, cands: Sequence[int]) -> tuple[list[int], list[str]]:
        """Candidates reaching the quota together, in the order they are elected: most
        votes first, equal votes in the order their surpluses are to go [49] (the rule's
        ``_pick``: earlier stages, then lot). Returns the order and a note on each tie.

        This one decision settles both orders: ``choose_surplus`` takes it up for the
        candidates elected together, so a lot is drawn once and the two cannot differ.
        """
        group = len(self.election_order)  # new for each call: the number elected before
        left = list(cands)
        order: list[int] = []
        notes: list[str] = []
        while left:
            top = max(int(self.votes[c]) for c in left)
            c, tie = self._pick(
                [c for c in left if self.votes[c] == top], lowest=False, purpose="surplus"
            )
            left.remove(c)
            order.append(c)
            self.election_order[c] = (group, tie)
            if tie is not None:
                notes.append(f"Order of election: {tie.description} elected first")
        return order, notes

    def choose_surplus(self) -> tuple[int, TieBreak | None]:
        """The largest surplus goes first; equal ones by earlier stages, then lot [49].

        Equal surpluses of candidates elected together go in their order of election,
        which was decided by the same rule (``order_of_election``).
        """
        top = max(int(self.votes[c]) for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == top]
        if len(tied) > 1 and len({self.election_order[c][0] for c in tied}) == 1:
            first = min(tied, key=self.pending.index)  # pending is in order of election
            return first, self.election_order[first][1]
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
        history = self.history if self.look_back else []
        tie = break_tie(
            tied, history, lowest=lowest, purpose=purpose, lot=self.lot, names=self.names
        )
        return tie.chosen, tie

    def transfer_surplus(self, choice: tuple[int, TieBreak | None]) -> None:
        c, tie = choice
        self.pending.remove(c)
        total = int(self.votes[c])
        surplus = total - self.quota
        held = self.take_parcels([c])
        values = self.new_values(held.value, surplus, total)
        self.votes[c] = self.quota
        self.pass_on(held.pos, held.papers, values)
        tv = self.nominal_transfer_value(surplus, total)
        self.record(
            StageEvent(
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
        held = self.take_parcels([c])
        self.votes[c] = 0
        self.pass_on(held.pos, held.papers, held.value)
        event = StageEvent("exclusion", (c,), f"{self.names[c]} excluded", tie=tie)
        event.excluded.append(c)
        self.record(event)

    def take_parcels(self, cands: Sequence[int]) -> Lines:
        """All the papers that ``cands`` hold, as lines; they then hold none."""
        parcels = [parcel for c in cands for parcel in self.parcels[c]]
        for c in cands:
            self.parcels[c] = []
        if len(parcels) == 1:
            (pos, papers, value), start, stop = parcels[0]
            return Lines(pos[start:stop], papers[start:stop], value[start:stop])
        if not parcels:
            none = np.zeros(0, dtype=np.int64)
            return Lines(none.astype(np.intp), none, none)
        return Lines(
            np.concatenate([lines.pos[start:stop] for lines, start, stop in parcels]),
            np.concatenate([lines.papers[start:stop] for lines, start, stop in parcels]),
            np.concatenate([lines.value[start:stop] for lines, start, stop in parcels]),
        )

    def pass_on(self, pos: np.ndarray, papers: np.ndarray, values: np.ndarray) -> None:
        """Pass lines on to their next continuing preferences, at ``values`` a paper: each
        candidate reached gets them as a new parcel; lines with none left are exhausted.

        ``pos`` is where each line's current preference is (the arrays are not changed).
        """
        found, at = self.next_preferences(pos)
        # Sort the lines by the candidate they reach (PAD, the largest unsigned, last) so
        # that lines bounds[c]:bounds[c + 1] reach c and those from bounds[n] exhaust.
        found = found.view(self.reach.dtype)
        order = found.argsort(kind="stable")
        bounds = found.searchsorted(self.reach, sorter=order)
        at, papers, values = at.take(order), papers.take(order), values.take(order)
        running = running_sums(papers * values)
        before = running.take(bounds)  # votes on the lines before c's
        self.votes += before[1:] - before[:-1]
        self.exhausted += int(running[-1] - before[-1])
        self.give_parcels(Lines(at, papers, values), bounds)

    def give_parcels(self, lines: Lines, bounds: np.ndarray) -> None:
        """Give each candidate ``c`` lines ``bounds[c]:bounds[c + 1]`` as a new parcel."""
        ends = bounds.tolist()
        for c in range(self.n):
            if ends[c] < ends[c + 1]:
                self.parcels[c].append((lines, ends[c], ends[c + 1]))

    def next_preferences(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For lines whose current preferences are at ``pos``, their next continuing
        candidates (``PAD`` if none) and where those preferences are (as ``pos``)."""
        cells, passed = self._cells_and_passed()
        at = pos + 1
        found = cells.take(at)
        # Most lines stop at once; step on only those whose preference has left the count.
        going = np.flatnonzero(passed.take(found))
        while going.size:
            ahead = at.take(going)
            ahead += 1
            at[going] = ahead
            later = cells.take(ahead)
            found[going] = later
            going = going.compress(passed.take(later))
        return found.view(self.table.dtype), at

    def _cells_and_passed(self) -> tuple[np.ndarray, np.ndarray]:
        """The flattened table and a lookup ``passed[cell]``: the candidate in that cell
        is no longer continuing, so a line looks past them (never past PAD).

        Small tables are looked at as unsigned integers, PAD (-1) being the largest, so
        that ``passed`` is indexed directly (``take`` is quickest with no negatives).
        """
        flat = self.table.reshape(-1)
        left = [s != HOPEFUL for s in self.state]
        if self.table.dtype.itemsize > 2:
            return flat, np.array([*left, False])  # PAD (-1) takes the last entry
        unsigned = flat.view(self.reach.dtype)
        passed = np.zeros(1 << (8 * self.table.dtype.itemsize), dtype=bool)
        passed[: self.n] = left
        return unsigned, passed

    def fill_last_vacancies(self) -> None:
        """Continuing candidates equal to the vacancies left are deemed elected [52]."""
        hopeful = self.hopeful()
        if 0 < len(hopeful) <= self.seats_left():
            names = ", ".join(self.names[c] for c in hopeful)
            event = StageEvent("elect_remaining", tuple(hopeful), f"Deemed elected: {names}")
            for c in hopeful:
                self.state[c] = ELECTED
                self.elected.append(c)
                event.elected.append(c)
            self.record(event)
        self.pending.clear()

    # --- the record --------------------------------------------------------------------

    def lost_to_rounding(self) -> int:
        return self.valid_papers * self.one - int(self.votes.sum()) - self.exhausted

    def record(self, event: StageEvent) -> None:
        d = self.places
        self.history.append(tuple(self.votes.tolist()))
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=event.action,
                subject=event.subject,
                description=event.description,
                totals=decimals(self.history[-1], d),
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

    def seed_of_election_order(self) -> int | None:
        """The seed of a lot drawn only for an order of election (no surplus followed)."""
        ties = (tie for _, tie in self.election_order.values() if tie is not None)
        return next((tie.seed for tie in ties if tie.method == "lot"), None)

    def result(self) -> CountResult:
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
            seed=seed_of_lots(self.stages) or self.seed_of_election_order(),
            constraints=tuple(c.describe(self.names) for c in self.constraints),
            warnings=tuple(self.warnings),
            withdrawn=tuple(sorted(self.profile.withdrawn)),
        )


def _with_elected(stage: Stage, c: int, state: list[CandidateState]) -> Stage:
    """The stage at which ``c`` reached the quota, now also showing them elected."""
    return replace(stage, elected=(*stage.elected, c), states=tuple(state))


def gregory_rule(
    count_class: type[GregoryCount],
    *,
    source: str,
    aliases: tuple[str, ...] = (),
    supports_constraints: bool = True,
) -> RuleFunction:
    """Register ``count_class`` as a rule; returns its ``count(profile, ...)`` function.

    The function takes, besides the registry's arguments, ``lot=`` to settle lots another
    way (``Lot.ballot_order()`` reproduces reference counters).
    """

    def run(
        profile: Profile,
        *,
        seats: int,
        seed: int | None = None,
        constraints: Sequence[Constraint] | None = None,
        lot: Lot | None = None,
        **_options: Any,
    ) -> CountResult:
        count = count_class(
            profile, seats=seats, lot=lot or Lot(seed), constraints=constraints or ()
        )
        return count.run()

    run.__doc__ = f"Count a profile under {count_class.method_name}."
    register(
        RuleInfo(
            count_class.method,
            count_class.method_name,
            run,
            source,
            supports_constraints,
            aliases,
        )
    )
    return run


__all__ = ["GregoryCount", "Parcel", "StageEvent", "gregory_rule", "strict_lines"]
