from fractions import Fraction

import pytest

from plenary.counting.decisions import THREE_QUARTERS, Outcome, Tally
from plenary.procedure.composites import Composite, Option, Section, incompatible
from plenary.procedure.voting_order import (
    MOST_VOTES,
    SIMPLE,
    TWO_THIRDS_OF_THOSE_VOTING,
    Heading,
    OriginalMotion,
    Rule,
    Rules,
    dual,
    voting_order,
)
from tests.procedure.test_composites import COMPOSITE

ORIGINALS = (
    OriginalMotion("Motion 7 (Riverside branch)", ("Amendment 7.1", "Amendment 7.2")),
    OriginalMotion("Motion 9 (Hill branch)", ("Amendment 9.1",)),
)
HEADING = Heading(
    "Cost of living",
    composite=COMPOSITE,
    originals=ORIGINALS,
    procedural="that conference takes Composite 3 in place of Motions 7 and 9",
    rules=Rules(substantive=TWO_THIRDS_OF_THOSE_VOTING),
)


def summary(votes):
    return [(v.number, v.kind, v.section, v.rule.name) for v in votes]


def test_a_composite_is_taken_procedural_first_then_section_by_section_then_ratified():
    votes = voting_order(HEADING)
    assert summary(votes) == [
        (1, "procedural", None, "a simple majority of those voting"),
        (2, "amendment", "1. Housing", "a simple majority of those voting"),
        (3, "amendment", "1. Housing", "a simple majority of those voting"),
        (4, "option", "1. Housing", "a simple majority of those voting"),
        (5, "option", "1. Housing", "a simple majority of those voting"),
        (6, "options", "1. Housing", "most votes, the chair's casting vote deciding a tie"),
        (7, "options", "2. Transport", "most votes, the chair's casting vote deciding a tie"),
        (8, "ratification", None, "a two-thirds majority of those voting"),
    ]
    assert votes[1].subject == "Amendment 1 (Eastside) to the common ground of 1. Housing"
    assert votes[3].subject == "option A (Riverside branch): Conference calls for a national lobby."
    assert (
        votes[5].subject
        == "option C (North region), option D (South region) or Neither, against each other"
    )
    assert votes[5].choices == ("C", "D", "Neither")
    assert votes[6].choices == ("E", "F")  # no Neither where the committee did not offer it


def test_conditional_votes_are_taken_only_when_their_condition_holds():
    votes = voting_order(HEADING)
    assert [v.number for v in votes if v.is_taken(agreed_options=set())] == [1, 2, 3, 4, 6, 8]
    assert len([v for v in votes if v.is_taken(agreed_options={"A"})]) == 8


def test_without_a_procedural_motion_the_sections_come_first():
    votes = voting_order(Heading("H", composite=COMPOSITE))
    assert votes[0].kind == "amendment" and votes[0].number == 1


def test_when_the_composite_is_rejected_the_originals_are_taken_with_their_amendments():
    votes = voting_order(HEADING, composite_rejected=True)
    assert [(v.kind, v.subject, v.rule.name) for v in votes] == [
        (
            "amendment",
            "Amendment 7.1 to Motion 7 (Riverside branch)",
            "a simple majority of those voting",
        ),
        (
            "amendment",
            "Amendment 7.2 to Motion 7 (Riverside branch)",
            "a simple majority of those voting",
        ),
        (
            "amendment",
            "Amendment 9.1 to Motion 9 (Hill branch)",
            "a simple majority of those voting",
        ),
        (
            "motions",
            "Motion 7 (Riverside branch), Motion 9 (Hill branch), as amended, against each other",
            "most votes, the chair's casting vote deciding a tie",
        ),
    ]
    assert votes[-1].choices == ("Motion 7 (Riverside branch)", "Motion 9 (Hill branch)")


def test_with_no_composite_agreed_the_procedural_motion_still_comes_first():
    heading = Heading("H", originals=ORIGINALS, procedural="to call a special conference")
    assert [v.kind for v in voting_order(heading)] == [
        "procedural",
        "amendment",
        "amendment",
        "amendment",
        "motions",
    ]


def test_a_single_original_is_put_for_or_against_by_the_substantive_rule():
    heading = Heading(
        "H", originals=(ORIGINALS[1],), rules=Rules(substantive=dual(constitutional=True))
    )
    votes = voting_order(heading, composite_rejected=True)
    assert [(v.kind, v.subject) for v in votes] == [
        ("amendment", "Amendment 9.1 to Motion 9 (Hill branch)"),
        ("motion", "Motion 9 (Hill branch), as amended"),
    ]
    assert votes[-1].rule.name == (
        "a dual majority of individual members and affiliated groups, "
        "as for a constitutional change"
    )


def test_falling_back_with_no_originals_is_refused():
    with pytest.raises(ValueError, match="no original motions"):
        voting_order(Heading("H", composite=COMPOSITE), composite_rejected=True)


def test_motions_against_each_other_most_votes_carried_casting_vote_on_a_tie():
    votes = voting_order(HEADING, composite_rejected=True)
    rule = votes[-1].rule
    first, second = votes[-1].choices
    assert rule.decide_between({first: 40, second: 35}).winner == first
    tied = rule.decide_between({first: 40, second: 40})
    assert tied.outcome is Outcome.TIED
    assert rule.decide_between({first: 40, second: 40}, casting_vote=second).winner == second


def test_options_with_neither_are_decided_by_the_counting_engine():
    vote = voting_order(HEADING)[5]
    decision = vote.rule.decide_between({"C": 10, "D": 12, "Neither": 15}, neither=True)
    assert decision.outcome is Outcome.LOST
    assert decision.sentence.startswith("No option adopted: Neither has the most votes")


def test_ratification_is_decided_by_the_headings_rule():
    ratification = voting_order(HEADING)[-1]
    assert ratification.rule.decide(Tally(66, 34)).outcome is Outcome.LOST
    assert ratification.rule.decide(Tally(67, 33, 5)).outcome is Outcome.CARRIED


def test_a_simple_majority_tie_uses_the_casting_vote_and_abstentions_do_not_count():
    assert SIMPLE.decide(Tally(10, 10, 30)).outcome is Outcome.TIED
    assert SIMPLE.decide(Tally(10, 10), casting_vote="against").outcome is Outcome.LOST
    assert SIMPLE.decide(Tally(11, 10, 30)).outcome is Outcome.CARRIED


def test_a_dual_majority_needs_the_groups_votes_and_refers_a_split():
    rule = dual()
    decision = rule.decide(Tally(60, 40), groups=Tally(Fraction(9, 2), 6))
    assert decision.outcome is Outcome.REFER
    with pytest.raises(ValueError, match="groups"):
        rule.decide(Tally(60, 40))


def test_a_threshold_of_the_counting_engine_can_be_any_rule():
    rule = Rule("majority", THREE_QUARTERS)
    assert rule.name == "a three-quarters majority of those voting"
    assert rule.decide(Tally(75, 25)).carried


def test_rules_and_votes_do_not_mix():
    with pytest.raises(ValueError, match="decide_between"):
        MOST_VOTES.decide(Tally(1, 0))
    with pytest.raises(ValueError, match="use decide"):
        SIMPLE.decide_between({"A": 1})
    with pytest.raises(ValueError, match="not between alternatives"):
        Rules(substantive=MOST_VOTES)


def test_an_incompatible_choice_offered_no_neither_lists_only_its_options():
    section = Section(
        "S", "x", choices=(incompatible(Option("A", "a", "G1"), Option("B", "b", "G2")),)
    )
    [vote, _] = voting_order(Heading("H", composite=Composite("C", (section,))))
    assert vote.subject == "option A (G1), option B (G2), against each other"
