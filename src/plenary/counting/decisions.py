"""Decisions at meetings and conference: yes/no/abstain votes and choices between alternatives.

The rules are the organisation's standing orders (see DOMAIN.md, "Voting rules at meetings and
conference"):

- a **simple majority of those voting** (more than half of the votes for and against;
  abstentions are not counted) is the default everywhere;
- **two-thirds** and **three-quarters of those voting** (at least that share) for recall of
  officers and similar;
- an **absolute majority of those entitled to vote** (more than half of the electorate,
  however many voted);
- a **dual majority**: a majority of individual members AND a majority of affiliated groups'
  delegate votes; a majority in only one is *referred* to the organising group, except that a
  constitutional change needs both, so it is lost;
- **weighted card votes**, where each card carries a weight (e.g. the branch's membership);
- the **chair's casting vote** on a tie, passed in explicitly; without one a tie is not carried;
- **plurality among alternatives** with a "Neither" option, for incompatible composite options.

Arithmetic is exact: votes are integers (or Fractions, for weighted cards) and thresholds are
Fractions, compared by cross-multiplication. Every function returns a frozen record holding the
numbers, the threshold applied, the outcome and a sentence for the minutes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

Votes = int | Fraction
Side = Literal["for", "against"]

__all__ = [
    "ABSOLUTE_MAJORITY",
    "SIMPLE_MAJORITY",
    "THREE_QUARTERS",
    "TWO_THIRDS",
    "AlternativesDecision",
    "Card",
    "Decision",
    "DualMajorityDecision",
    "Outcome",
    "Tally",
    "Threshold",
    "absolute_majority",
    "card_vote",
    "decide",
    "dual_majority",
    "plurality_with_neither",
    "simple_majority",
    "three_quarters_majority",
    "two_thirds_majority",
]


class Outcome(StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    TIED = "tied"  # equal votes and no casting vote: not carried
    REFER = "refer"  # dual majority met on one side only: referred to the organising group


@dataclass(frozen=True)
class Threshold:
    """What share of which base the votes for must reach.

    ``strict`` means *more than* the share (a majority); otherwise *at least* the share.
    ``of_entitled`` measures against those entitled to vote rather than those voting.
    """

    name: str
    share: Fraction
    strict: bool
    of_entitled: bool = False

    def describe(self) -> str:
        base = "those entitled to vote" if self.of_entitled else "those voting"
        return f"{self.name} of {base}"


SIMPLE_MAJORITY = Threshold("a simple majority", Fraction(1, 2), strict=True)
TWO_THIRDS = Threshold("a two-thirds majority", Fraction(2, 3), strict=False)
THREE_QUARTERS = Threshold("a three-quarters majority", Fraction(3, 4), strict=False)
ABSOLUTE_MAJORITY = Threshold("an absolute majority", Fraction(1, 2), strict=True, of_entitled=True)


@dataclass(frozen=True)
class Tally:
    """Votes for, against and abstaining (abstentions are recorded but never counted)."""

    votes_for: Votes
    against: Votes
    abstentions: Votes = 0

    def __post_init__(self) -> None:
        for name in ("votes_for", "against", "abstentions"):
            value = getattr(self, name)
            if not isinstance(value, int | Fraction) or isinstance(value, bool):
                raise TypeError(f"{name} must be an int or Fraction, not {type(value).__name__}")
            if value < 0:
                raise ValueError(f"{name} cannot be negative ({value})")

    @property
    def cast(self) -> Votes:
        """Votes cast: for plus against. Abstentions are not votes cast."""
        return self.votes_for + self.against


@dataclass(frozen=True)
class Decision:
    tally: Tally
    threshold: Threshold
    base: Votes  # what the share is taken of: votes cast, or those entitled to vote
    required: Fraction  # share x base; the votes for must exceed it (strict) or reach it
    entitled: int | None
    outcome: Outcome
    casting_vote: Side | None  # set only when the chair's casting vote decided a tie
    sentence: str

    @property
    def carried(self) -> bool:
        return self.outcome is Outcome.CARRIED


@dataclass(frozen=True)
class DualMajorityDecision:
    members: Decision
    groups: Decision
    constitutional: bool
    outcome: Outcome
    sentence: str


@dataclass(frozen=True)
class AlternativesDecision:
    votes: tuple[tuple[str, Votes], ...]  # each option with its votes, in the order given
    neither: str
    abstentions: Votes
    winner: str | None  # None when tied with no casting vote
    tied: tuple[str, ...]  # options sharing the top vote (empty if there was a clear leader)
    outcome: Outcome  # carried (an option won), lost ("Neither" won) or tied
    casting_vote: str | None
    sentence: str


def _show(value: Votes | Fraction) -> str:
    """Exact rendering: whole numbers plain, other fractions as a mixed number."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    whole, rest = divmod(value.numerator, value.denominator)
    return f"{whole} {rest}/{value.denominator}" if whole else f"{rest}/{value.denominator}"


def _plural(value: Votes, word: str) -> str:
    return f"{_show(value)} {word}{'' if value == 1 else 's'}"


def _numbers(tally: Tally) -> str:
    return (
        f"{_show(tally.votes_for)} for, {_show(tally.against)} against, "
        f"{_plural(tally.abstentions, 'abstention')}"
    )


def _meets(votes_for: Votes, required: Fraction, strict: bool) -> bool:
    return votes_for > required if strict else votes_for >= required


_SHARE_WORDS = {
    Fraction(1, 2): "half",
    Fraction(2, 3): "two-thirds",
    Fraction(3, 4): "three-quarters",
}


def _whole(value: Votes) -> bool:
    return Fraction(value).denominator == 1


def _need(threshold: Threshold, tally: Tally, required: Fraction, base: Votes) -> str:
    """What was needed, in words a reader of the minutes follows: with whole votes the
    smallest number of votes for that carries ("at least 2 of the 3 votes cast"), never a
    fraction of a vote; with weighted cards the share of the base ("more than half of ...")."""
    # "those entitled to vote" is already in the description: "at least 51 of the 100".
    of = f"the {_show(base)}" if threshold.of_entitled else f"the {_plural(base, 'vote')} cast"
    if all(_whole(v) for v in (tally.votes_for, tally.against, base)):
        # Votes for are a whole number: "more than r" is "at least floor(r) + 1".
        least = math.floor(required) + 1 if threshold.strict else math.ceil(required)
        return f"{threshold.describe()} (at least {least} of {of}) was needed"
    bound = "more than" if threshold.strict else "at least"
    share = _SHARE_WORDS.get(threshold.share, _show(threshold.share))
    return f"{threshold.describe()} ({bound} {share} of {of}) was needed"


def decide(
    tally: Tally,
    threshold: Threshold = SIMPLE_MAJORITY,
    *,
    entitled: int | None = None,
    casting_vote: Side | None = None,
) -> Decision:
    """Apply ``threshold`` to ``tally``.

    A tie (as many for as against, at least one vote cast) matters only under a simple majority:
    the chair's ``casting_vote`` decides it; without one the outcome is TIED and the motion is
    not carried. Under a qualified or absolute majority equal votes simply fall short, so a
    casting vote is never used. When nobody votes for or against, the motion is not carried.
    """
    if casting_vote not in (None, "for", "against"):
        raise ValueError(f"casting vote must be 'for' or 'against', not {casting_vote!r}")
    base = _base(tally, threshold, entitled)
    required = threshold.share * base
    # Equal votes are a tie only where a bare majority of those voting is needed.
    bare_majority = (
        threshold.strict and not threshold.of_entitled and threshold.share == Fraction(1, 2)
    )
    is_tie = bare_majority and tally.cast > 0 and tally.votes_for == tally.against
    used: Side | None = None
    if tally.cast == 0:
        outcome = Outcome.LOST
    elif is_tie:
        used = casting_vote
        outcome = {None: Outcome.TIED, "for": Outcome.CARRIED, "against": Outcome.LOST}[used]
    else:
        carried = _meets(tally.votes_for, required, threshold.strict)
        outcome = Outcome.CARRIED if carried else Outcome.LOST
    sentence = _decision_sentence(tally, threshold, base, required, outcome, used)
    return Decision(tally, threshold, base, required, entitled, outcome, used, sentence)


def _base(tally: Tally, threshold: Threshold, entitled: int | None) -> Votes:
    if not threshold.of_entitled:
        return tally.cast
    if entitled is None:
        raise ValueError(f"{threshold.describe()} needs the number entitled to vote")
    if tally.votes_for + tally.against + tally.abstentions > entitled:
        raise ValueError(
            f"more votes and abstentions ({_show(tally.cast + tally.abstentions)}) "
            f"than people entitled to vote ({entitled})"
        )
    return entitled


def _decision_sentence(
    tally: Tally,
    threshold: Threshold,
    base: Votes,
    required: Fraction,
    outcome: Outcome,
    casting_vote: Side | None,
) -> str:
    numbers = _numbers(tally)
    if tally.cast == 0:
        return f"Not carried: no votes were cast for or against ({numbers})."
    if casting_vote is not None:
        verdict = "Carried" if outcome is Outcome.CARRIED else "Lost"
        return (
            f"{verdict} on the chair's casting vote {casting_vote} the motion, "
            f"the vote being tied ({numbers})."
        )
    if outcome is Outcome.TIED:
        return f"Tied ({numbers}); with no casting vote the motion is not carried."
    verdict = "Carried" if outcome is Outcome.CARRIED else "Lost"
    return f"{verdict} ({numbers}); {_need(threshold, tally, required, base)}."


def simple_majority(
    votes_for: Votes, against: Votes, abstentions: Votes = 0, *, casting_vote: Side | None = None
) -> Decision:
    """More votes for than against; abstentions are not counted. The default rule."""
    tally = Tally(votes_for, against, abstentions)
    return decide(tally, SIMPLE_MAJORITY, casting_vote=casting_vote)


def two_thirds_majority(votes_for: Votes, against: Votes, abstentions: Votes = 0) -> Decision:
    """At least two-thirds of those voting (e.g. recall of an officer)."""
    return decide(Tally(votes_for, against, abstentions), TWO_THIRDS)


def three_quarters_majority(votes_for: Votes, against: Votes, abstentions: Votes = 0) -> Decision:
    """At least three-quarters of those voting."""
    return decide(Tally(votes_for, against, abstentions), THREE_QUARTERS)


def absolute_majority(
    votes_for: Votes, against: Votes, abstentions: Votes = 0, *, entitled: int
) -> Decision:
    """More than half of all those entitled to vote, whether or not they voted."""
    return decide(Tally(votes_for, against, abstentions), ABSOLUTE_MAJORITY, entitled=entitled)


def dual_majority(
    members: Tally, groups: Tally, *, constitutional: bool = False
) -> DualMajorityDecision:
    """A simple majority of individual members AND of affiliated groups' delegate votes.

    Both: carried. Neither: lost. One only: referred to the organising group, except that a
    constitutional change needs both and is therefore lost. A tie on either side is not a
    majority on that side (no casting vote: the reference settles it).
    """
    by_members, by_groups = decide(members), decide(groups)
    count = by_members.carried + by_groups.carried
    if count == 2:
        outcome = Outcome.CARRIED
    elif count == 1 and not constitutional:
        outcome = Outcome.REFER
    else:
        outcome = Outcome.LOST
    sentence = _dual_sentence(by_members, by_groups, outcome, constitutional)
    return DualMajorityDecision(by_members, by_groups, constitutional, outcome, sentence)


def _dual_sentence(
    members: Decision, groups: Decision, outcome: Outcome, constitutional: bool
) -> str:
    def side(decision: Decision, who: str) -> str:
        had = "a majority" if decision.carried else "no majority"
        return f"{had} of {who} ({_numbers(decision.tally)})"

    sides = f"{side(members, 'individual members')} and {side(groups, 'affiliated groups')}"
    if outcome is Outcome.CARRIED:
        return f"Carried by a dual majority: {sides}."
    if outcome is Outcome.REFER:
        return f"Referred to the organising group: {sides}."
    if constitutional and (members.carried or groups.carried):
        return f"Lost: a constitutional change needs a dual majority; {sides}."
    return f"Lost: {sides}."


@dataclass(frozen=True)
class Card:
    """One card in a card vote: who holds it, how it was cast and what it weighs."""

    holder: str
    vote: Literal["for", "against", "abstain"]
    weight: Votes

    def __post_init__(self) -> None:
        if self.vote not in ("for", "against", "abstain"):
            raise ValueError(f"card of {self.holder}: vote must be for, against or abstain")
        if self.weight < 0:
            raise ValueError(f"card of {self.holder}: weight cannot be negative ({self.weight})")


def card_vote(
    cards: Iterable[Card],
    threshold: Threshold = SIMPLE_MAJORITY,
    *,
    entitled: int | None = None,
    casting_vote: Side | None = None,
) -> Decision:
    """A weighted card vote: each card counts its weight (e.g. the branch's membership)."""
    totals: dict[str, Votes] = {"for": 0, "against": 0, "abstain": 0}
    holders: set[str] = set()
    for card in cards:
        if card.holder in holders:
            raise ValueError(f"{card.holder} has cast more than one card")
        holders.add(card.holder)
        totals[card.vote] += card.weight
    tally = Tally(totals["for"], totals["against"], totals["abstain"])
    return decide(tally, threshold, entitled=entitled, casting_vote=casting_vote)


def plurality_with_neither(
    votes: Mapping[str, Votes],
    *,
    neither: str = "Neither",
    abstentions: Votes = 0,
    casting_vote: str | None = None,
) -> AlternativesDecision:
    """Choose between incompatible options (and "Neither") by most votes.

    If the options tied for the top include more than one, the chair's ``casting_vote`` (which
    must name one of them) decides; without one the outcome is TIED and nothing is adopted.
    "Neither" winning means no option is adopted: the outcome is LOST.
    """
    if neither not in votes:
        raise ValueError(f"the alternatives must include the {neither!r} option")
    if len(votes) < 2:
        raise ValueError("there must be at least one option besides the neither option")
    for option, count in votes.items():
        if count < 0:
            raise ValueError(f"votes for {option!r} cannot be negative ({count})")
    top = max(votes.values())
    leaders = tuple(option for option, count in votes.items() if count == top)
    tied = leaders if len(leaders) > 1 and top > 0 else ()
    winner, used = _alternatives_winner(leaders, casting_vote) if top > 0 else (None, None)
    if top == 0:
        outcome = Outcome.LOST  # nobody voted for anything: nothing is adopted
    elif winner is None:
        outcome = Outcome.TIED
    else:
        outcome = Outcome.LOST if winner == neither else Outcome.CARRIED
    sentence = _alternatives_sentence(votes, abstentions, winner, tied, neither, used, top)
    return AlternativesDecision(
        tuple(votes.items()), neither, abstentions, winner, tied, outcome, used, sentence
    )


def _alternatives_winner(
    leaders: tuple[str, ...], casting_vote: str | None
) -> tuple[str | None, str | None]:
    if len(leaders) == 1:
        return leaders[0], None
    if casting_vote is None:
        return None, None
    if casting_vote not in leaders:
        raise ValueError(
            f"the casting vote must go to one of the tied options ({', '.join(leaders)}), "
            f"not {casting_vote!r}"
        )
    return casting_vote, casting_vote


def _alternatives_sentence(
    votes: Mapping[str, Votes],
    abstentions: Votes,
    winner: str | None,
    tied: tuple[str, ...],
    neither: str,
    casting_vote: str | None,
    top: Votes,
) -> str:
    listed = ", ".join(f"{option} {_show(count)}" for option, count in votes.items())
    numbers = f"{listed}; {_plural(abstentions, 'abstention')}"
    if top == 0:
        return f"No option adopted: no votes were cast ({numbers})."
    if winner is None:
        between = " and ".join(tied)
        return f"Tied between {between} ({numbers}); with no casting vote none is adopted."
    how = " on the chair's casting vote" if casting_vote else ""
    if winner == neither:
        return f"No option adopted: {neither} has the most votes{how} ({numbers})."
    return f"{winner} adopted with the most votes{how} ({numbers})."
