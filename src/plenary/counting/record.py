"""The record of a count: what every rule returns, and what renderers and the web app read.

Numbers are exact ``Decimal`` renderings of the rule's fixed-point integers, so a stored
record shows exactly the figures the rule computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

#: A candidate's state after a stage.
CandidateState = Literal["hopeful", "elected", "excluded", "withdrawn"]

HOPEFUL: CandidateState = "hopeful"
ELECTED: CandidateState = "elected"
EXCLUDED: CandidateState = "excluded"
WITHDRAWN: CandidateState = "withdrawn"

#: What a stage did. Rules may add their own words; these are the shared ones.
Action = Literal[
    "first",  # first preferences counted
    "surplus",  # a surplus transferred
    "exclusion",  # a candidate excluded and their ballots transferred
    "iteration",  # one Meek-style iteration (or a batch of them)
    "elect_remaining",  # last vacancies filled without transfer
    "constraint",  # a constraint elected or passed over candidates
    "result",  # plurality, approval and other one-step counts
]


@dataclass(frozen=True)
class TieBreak:
    """How a tie was broken: by an earlier stage's totals, or by lot."""

    purpose: str  # "exclusion", "surplus", "election", ...
    tied: tuple[int, ...]  # 0-based candidates that were equal
    chosen: int  # the one excluded / whose surplus went first / elected
    method: Literal["earlier_stage", "lot"]
    stage: int | None = None  # the earlier stage that decided it (method "earlier_stage")
    seed: int | None = None  # the lot's seed (method "lot"); None for a fixed order
    description: str = ""


@dataclass(frozen=True)
class Stage:
    """One stage of a count and every candidate's position after it."""

    number: int  # 1 is the first count
    action: str  # see ``Action``
    subject: tuple[int, ...]  # candidates the action is about
    description: str  # a sentence for the count sheet
    totals: tuple[Decimal, ...]  # each candidate's votes after the stage
    exhausted: Decimal  # non-transferable votes so far
    lost_to_rounding: Decimal  # votes lost to rounding so far
    states: tuple[CandidateState, ...]  # each candidate's state after the stage
    transfer_value: Decimal | None = None
    elected: tuple[int, ...] = ()  # elected at this stage, in order
    excluded: tuple[int, ...] = ()  # excluded at this stage
    tie: TieBreak | None = None
    notes: tuple[str, ...] = ()  # constraint actions and other remarks


@dataclass(frozen=True)
class CountResult:
    """A whole count: the rule, the quota, every stage, and who was elected in order."""

    method: str  # registry key, e.g. "scottish"
    method_name: str  # e.g. "Scottish STV (SSI 2007/42)"
    seats: int
    candidates: tuple[str, ...]
    valid_votes: Decimal
    quota: Decimal | None
    precision: int | None  # decimal places of the rule's arithmetic
    stages: tuple[Stage, ...]
    elected: tuple[int, ...]  # 0-based, in order of election
    title: str = ""
    invalid: int = 0
    seed: int | None = None  # seed of any lot drawn
    constraints: tuple[str, ...] = ()  # the constraints applied, described
    warnings: tuple[str, ...] = ()
    withdrawn: tuple[int, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)  # rule-specific facts for the sheet

    @property
    def elected_names(self) -> tuple[str, ...]:
        return tuple(self.candidates[c] for c in self.elected)

    @property
    def vacancies(self) -> int:
        """Seats left unfilled: a section with fewer candidates standing than seats elects
        every one of them, and the rest of its seats stay vacant."""
        return max(self.seats - len(self.elected), 0)

    @property
    def elected_ids(self) -> tuple[int, ...]:
        """1-based candidate numbers (as in the BLT file), in order of election."""
        return tuple(c + 1 for c in self.elected)

    @property
    def final(self) -> Stage:
        return self.stages[-1]
