"""The order of votes on an agenda heading, each vote with the rule that decides it.

With a composite: a procedural motion first when there is one; then section by section,
the amendments to the section's common ground (each for or against), then its options
(independent ones each for or against, incompatible ones against each other); then the
substantive text with the options chosen, for ratification.

When the composite is rejected (or none was agreed): the original motions in turn, each
with its amendments first; then the motions as amended against each other, the one with the
most votes carried and the chair's casting vote deciding a tie (a single motion is simply
put for or against).

The rules are the counting engine's (`plenary.counting.decisions`): a `Rule` holds one and
decides a vote's numbers with it, so the procedure never does its own arithmetic.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from plenary.counting.decisions import (
    SIMPLE_MAJORITY,
    TWO_THIRDS,
    AlternativesDecision,
    Decision,
    DualMajorityDecision,
    Side,
    Tally,
    Threshold,
    Votes,
    decide,
    dual_majority,
    plurality_with_neither,
)
from plenary.procedure.composites import Composite, Condition, check_composite

NEITHER = "Neither"
_NOT_OFFERED = "(no other choice was offered)"


@dataclass(frozen=True)
class Rule:
    """How a vote is decided: `majority` (for against, with a threshold of those voting or
    entitled), `dual` (a majority of members and of affiliated groups; `constitutional`
    changes are not referred) or `most_votes` (alternatives against each other)."""

    kind: str  # majority, dual or most_votes
    threshold: Threshold = SIMPLE_MAJORITY
    constitutional: bool = False

    @property
    def name(self) -> str:
        if self.kind == "dual":
            extra = ", as for a constitutional change" if self.constitutional else ""
            return f"a dual majority of individual members and affiliated groups{extra}"
        if self.kind == "most_votes":
            return "most votes, the chair's casting vote deciding a tie"
        return self.threshold.describe()

    def decide(
        self,
        tally: Tally,
        *,
        groups: Tally | None = None,
        entitled: int | None = None,
        casting_vote: Side | None = None,
    ) -> Decision | DualMajorityDecision:
        """Decide a for-or-against vote: `tally` is the members' (or the only) count, and a
        dual majority needs the affiliated groups' `groups` count beside it."""
        if self.kind == "dual":
            if groups is None:
                raise ValueError("a dual majority needs the affiliated groups' votes too")
            return dual_majority(tally, groups, constitutional=self.constitutional)
        if self.kind != "majority":
            raise ValueError(f"{self.name} decides between alternatives: use decide_between")
        return decide(tally, self.threshold, entitled=entitled, casting_vote=casting_vote)

    def decide_between(
        self,
        votes: Mapping[str, Votes],
        *,
        neither: bool = False,
        abstentions: Votes = 0,
        casting_vote: str | None = None,
    ) -> AlternativesDecision:
        """Decide alternatives by most votes. Where "Neither" was not offered, the counting
        engine is given it with no votes, and its sentence says it was not offered."""
        if self.kind != "most_votes":
            raise ValueError(f"{self.name} decides a vote for or against: use decide")
        key = NEITHER if neither else _NOT_OFFERED
        counted = dict(votes) if neither else {**votes, key: 0}
        return plurality_with_neither(
            counted, neither=key, abstentions=abstentions, casting_vote=casting_vote
        )


SIMPLE = Rule("majority")
TWO_THIRDS_OF_THOSE_VOTING = Rule("majority", TWO_THIRDS)
MOST_VOTES = Rule("most_votes")


def dual(*, constitutional: bool = False) -> Rule:
    return Rule("dual", constitutional=constitutional)


@dataclass(frozen=True)
class Rules:
    """Which rule a heading's votes are decided by (the standing orders' defaults: a simple
    majority of those voting everywhere, unless the heading needs more for its substance)."""

    procedural: Rule = SIMPLE
    amendments: Rule = SIMPLE
    options: Rule = SIMPLE  # independent options, each for or against
    substantive: Rule = SIMPLE  # ratification, or a single motion as amended

    def __post_init__(self) -> None:
        for name in ("procedural", "amendments", "options", "substantive"):
            if getattr(self, name).kind == "most_votes":
                raise ValueError(f"the {name} votes are for or against, not between alternatives")


@dataclass(frozen=True)
class OriginalMotion:
    name: str  # "Motion 12 (Riverside branch)"
    amendments: tuple[str, ...] = ()  # its amendments, in the order they are taken


@dataclass(frozen=True)
class Heading:
    title: str
    composite: Composite | None = None
    originals: tuple[OriginalMotion, ...] = ()
    procedural: str | None = None  # e.g. "to take the composite rather than the motions"
    rules: Rules = field(default_factory=Rules)


@dataclass(frozen=True)
class Vote:
    number: int  # 1, 2, ... in the order taken
    kind: str  # procedural, amendment, option, options, ratification, motion, motions
    subject: str  # what is put, for the order paper
    rule: Rule
    section: str | None = None
    choices: tuple[str, ...] = ()  # for a vote between alternatives, in the order put
    condition: Condition | None = None  # taken only when this holds

    def is_taken(self, agreed_options: Collection[str]) -> bool:
        """Whether the vote is taken, given the options agreed so far."""
        return self.condition is None or self.condition.holds(agreed_options)


_Row = tuple[str, str, Rule, str | None, tuple[str, ...], Condition | None]


def voting_order(heading: Heading, *, composite_rejected: bool = False) -> list[Vote]:
    """The votes on `heading` in order. With `composite_rejected` (or no composite), the
    fallback: the original motions with their amendments, then the motions against each
    other; the procedural motion is then not repeated when it was taken on the composite."""
    rows: list[_Row] = []
    composite = heading.composite
    first_time = not (composite_rejected and composite is not None)
    if heading.procedural and first_time:
        rows.append(("procedural", heading.procedural, heading.rules.procedural, None, (), None))
    if composite is not None and not composite_rejected:
        rows += _composite_rows(composite, heading.rules)
    else:
        rows += _fallback_rows(heading)
    return [Vote(n, *row) for n, row in enumerate(rows, start=1)]


def _composite_rows(composite: Composite, rules: Rules) -> list[_Row]:
    check_composite(composite)
    rows: list[_Row] = []
    for section in composite.sections:
        where = section.title
        for amendment in section.amendments:
            subject = f"{amendment.describe()} to the common ground of {where}"
            rows.append(("amendment", subject, rules.amendments, where, (), None))
        for choice in section.choices:
            if choice.kind == "independent":
                for option in choice.options:
                    condition = option.condition or choice.condition
                    subject = f"{option.describe()}: {option.text}"
                    rows.append(("option", subject, rules.options, where, (), condition))
                continue
            labels = tuple(option.describe() for option in choice.options)
            choices = (*(o.label for o in choice.options), *([NEITHER] if choice.neither else []))
            against = ", ".join(labels) + (f" or {NEITHER}" if choice.neither else "")
            subject = f"{against}, against each other"
            rows.append(("options", subject, MOST_VOTES, where, choices, choice.condition))
    subject = f"{composite.title}: the substantive text with the options chosen, for ratification"
    rows.append(("ratification", subject, rules.substantive, None, (), None))
    return rows


def _fallback_rows(heading: Heading) -> list[_Row]:
    if not heading.originals:
        raise ValueError(f"{heading.title}: there are no original motions to fall back on")
    rows: list[_Row] = []
    for motion in heading.originals:
        for amendment in motion.amendments:
            subject = f"{amendment} to {motion.name}"
            rows.append(("amendment", subject, heading.rules.amendments, motion.name, (), None))
    names = tuple(motion.name for motion in heading.originals)
    if len(names) == 1:
        subject = f"{names[0]}, as amended"
        rows.append(("motion", subject, heading.rules.substantive, None, (), None))
    else:
        subject = f"{', '.join(names)}, as amended, against each other"
        rows.append(("motions", subject, MOST_VOTES, None, names, None))
    return rows
