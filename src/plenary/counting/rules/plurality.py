"""Plurality rules: first past the post, the block vote and approval voting.

- **First past the post** (``fptp``), one post: each ballot counts once, for its first
  preference; the candidate with most votes is elected. A ballot whose first preference is
  several candidates ranked equal is invalid (more than one mark).
- **Block vote** (``block``), n seats: each voter marks up to n candidates, each mark is one
  vote, and the n candidates with most votes are elected. A ballot marking more than n is
  invalid; with ``truncate=True`` only its first n preferences count instead (useful when
  the ballots were cast as rankings).
- **Approval voting** (``approval``), n seats: each voter marks any number of candidates;
  the n with most marks are elected.

Marks for withdrawn candidates are ignored (after checking the ballot's validity). A tie
for the last seat(s) is settled by lot from a seeded generator; each draw is its own stage
so the record shows who was drawn and with what seed. Arithmetic is whole votes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np

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
from plenary.counting.ties import Lot

TITLES = {
    "fptp": "First past the post",
    "block": "Block vote",
    "approval": "Approval voting",
}


@dataclass(frozen=True)
class Marks:
    """Votes per candidate from one reading of the ballots."""

    votes: list[int]
    valid: int  # ballots counted as valid
    invalid: int  # ballots with too many marks
    blank: int  # valid ballots with no mark for a standing candidate


@rule_without_constraints(
    "fptp",
    TITLES["fptp"],
    refusing_as=TITLES["fptp"].lower(),
    one_post=True,
    aliases=("plurality",),
)
def count_fptp(profile: Profile, seats: int, lot: Lot) -> CountResult:
    """One post; each ballot counts for its first preference."""
    marks = count_marks(profile, limit=1, truncate=True)
    return _result("fptp", profile, seats, marks, lot)


@rule_without_constraints(
    "block", TITLES["block"], refusing_as=TITLES["block"].lower(), options=("truncate",)
)
def count_block(profile: Profile, seats: int, lot: Lot, truncate: bool = False) -> CountResult:
    """``seats`` seats; each ballot gives one vote to each of up to ``seats`` candidates."""
    marks = count_marks(profile, limit=seats, truncate=truncate)
    return _result("block", profile, seats, marks, lot)


@rule_without_constraints("approval", TITLES["approval"], refusing_as=TITLES["approval"].lower())
def count_approval(profile: Profile, seats: int, lot: Lot) -> CountResult:
    """``seats`` seats; each ballot gives one vote to every candidate it marks."""
    marks = count_marks(profile, limit=None, truncate=False)
    return _result("approval", profile, seats, marks, lot)


def count_marks(profile: Profile, *, limit: int | None, truncate: bool) -> Marks:
    """Count one vote per mark: at most ``limit`` marks a ballot (None: any number).

    With ``truncate``, a strict ranking longer than ``limit`` counts its first ``limit``
    preferences; otherwise it is invalid. A ranking with equal preferences counts whole
    groups, and is invalid if the marks it needs exceed ``limit``.
    """
    n = profile.n_candidates
    # The last slot stands for PAD (-1) and is never counted, like a withdrawn candidate.
    standing = np.array([c not in profile.withdrawn for c in range(n)] + [False])
    rankings, weights = profile.rankings, profile.weights
    width = rankings.shape[1] if limit is None else min(limit, rankings.shape[1])
    lengths = profile.lengths()
    too_many = np.zeros(lengths.shape, dtype=bool)
    if limit is not None and not truncate:
        too_many = lengths > limit
    counted = rankings[~too_many, :width]
    counted_weights = weights[~too_many]
    votes = np.zeros(n + 1, dtype=np.int64)  # last slot: PAD and withdrawn, discarded
    marked = np.zeros(counted.shape[0], dtype=bool)
    for column in range(width):
        candidate = counted[:, column]
        live = standing[candidate]
        np.add.at(votes, np.where(live, candidate, n), counted_weights)
        marked |= live
    total = [int(v) for v in votes[:n]]
    invalid = int(weights[too_many].sum())
    blank = int(counted_weights[~marked].sum())
    tied_invalid, tied_blank = _count_tied(profile, limit, standing, total)
    valid = profile.ballot_count() - invalid - tied_invalid
    return Marks(total, valid, invalid + tied_invalid, blank + tied_blank)


def _count_tied(
    profile: Profile, limit: int | None, standing: np.ndarray, votes: list[int]
) -> tuple[int, int]:
    """Add the rankings with equal preferences into ``votes``; return (invalid, blank)."""
    invalid = blank = 0
    for groups, weight in profile.tied_rankings:
        chosen: list[int] = []
        for group in groups:
            if limit is not None and len(chosen) >= limit:
                break
            chosen.extend(group)
        if limit is not None and len(chosen) > limit:
            invalid += weight  # equal preferences straddle the limit: which marks count?
            continue
        live = [c for c in chosen if standing[c]]
        for c in live:
            votes[c] += weight
        blank += weight if not live else 0
    return invalid, blank


def _result(method: str, profile: Profile, seats: int, marks: Marks, lot: Lot) -> CountResult:
    standing = [c for c in range(profile.n_candidates) if c not in profile.withdrawn]
    seats_filled = min(seats, len(standing))
    ranked = sorted(standing, key=lambda c: -marks.votes[c])
    cutoff = marks.votes[ranked[seats_filled - 1]]
    clear = [c for c in ranked if marks.votes[c] > cutoff]
    tied = [c for c in ranked if marks.votes[c] == cutoff]
    places_left = seats_filled - len(clear)
    if len(tied) == places_left:
        clear, tied, places_left = clear + tied, [], 0
    stages = [_first_stage(method, profile, marks, clear, seats)]
    elected = list(clear)
    while places_left:
        chosen = lot.draw(tied)
        elected.append(chosen)
        stages.append(_lot_stage(profile, marks, stages[-1], tied, chosen, lot))
        tied.remove(chosen)
        places_left -= 1
    stages[-1] = _close(stages[-1], profile, elected)
    return CountResult(
        method=method,
        method_name=TITLES[method],
        seats=seats,
        candidates=profile.candidates,
        valid_votes=Decimal(marks.valid),
        quota=None,
        precision=0,
        stages=tuple(stages),
        elected=tuple(elected),
        title=profile.title,
        invalid=marks.invalid + profile.invalid,
        seed=seed_of_lots(stages),
        withdrawn=tuple(sorted(profile.withdrawn)),
    )


def _states(profile: Profile, elected: Sequence[int], final: bool) -> tuple[CandidateState, ...]:
    def state(c: int) -> CandidateState:
        if c in profile.withdrawn:
            return WITHDRAWN
        if c in elected:
            return ELECTED
        return EXCLUDED if final else HOPEFUL

    return tuple(state(c) for c in range(profile.n_candidates))


def _first_stage(
    method: str, profile: Profile, marks: Marks, clear: list[int], seats: int
) -> Stage:
    listed = ", ".join(
        f"{profile.candidates[c]} {marks.votes[c]}"
        for c in sorted(range(profile.n_candidates), key=lambda c: -marks.votes[c])
        if c not in profile.withdrawn
    )
    who = ", ".join(profile.candidates[c] for c in clear) or "no one yet"
    description = f"{TITLES[method]} for {seats} seat(s): {listed}; elected: {who}"
    notes = (f"{marks.invalid} invalid ballot(s) with too many marks",) if marks.invalid else ()
    return Stage(
        number=1,
        action="result",
        subject=tuple(clear),
        description=description,
        totals=tuple(Decimal(v) for v in marks.votes),
        exhausted=Decimal(marks.blank),
        lost_to_rounding=Decimal(0),
        states=_states(profile, clear, final=False),
        elected=tuple(clear),
        notes=notes,
    )


def _lot_stage(
    profile: Profile, marks: Marks, previous: Stage, tied: list[int], chosen: int, lot: Lot
) -> Stage:
    names = ", ".join(profile.candidates[c] for c in tied)
    how = "the order of the ballot paper" if lot.fixed_order else f"lot (seed {lot.seed})"
    tie = TieBreak(
        purpose="election",
        tied=tuple(sorted(tied)),
        chosen=chosen,
        method="lot",
        seed=None if lot.fixed_order else lot.seed,
        description=f"Tie for a seat between {names} broken by {how}: {profile.candidates[chosen]}",
    )
    elected = [c for c, s in enumerate(previous.states) if s == ELECTED] + [chosen]
    return Stage(
        number=previous.number + 1,
        action="lot",
        subject=(chosen,),
        description=f"{names} have equal votes for the last seat(s); "
        f"{profile.candidates[chosen]} is elected by {how}",
        totals=previous.totals,
        exhausted=previous.exhausted,
        lost_to_rounding=previous.lost_to_rounding,
        states=_states(profile, elected, final=False),
        elected=(chosen,),
        tie=tie,
    )


def _close(last: Stage, profile: Profile, elected: list[int]) -> Stage:
    """The last stage shows everyone standing but not elected as excluded there."""
    states = _states(profile, elected, final=True)
    excluded = tuple(c for c, s in enumerate(states) if s == EXCLUDED)
    return replace(last, states=states, excluded=excluded)
