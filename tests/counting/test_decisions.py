from dataclasses import FrozenInstanceError
from fractions import Fraction

import pytest

from plenary.counting.decisions import (
    ABSOLUTE_MAJORITY,
    TWO_THIRDS,
    Card,
    Outcome,
    Tally,
    absolute_majority,
    card_vote,
    decide,
    dual_majority,
    plurality_with_neither,
    simple_majority,
    three_quarters_majority,
    two_thirds_majority,
)

# --- simple majority --------------------------------------------------------------------


def test_simple_majority_carries_with_more_for_than_against():
    d = simple_majority(12, 5, 3)
    assert d.outcome is Outcome.CARRIED
    assert d.carried
    assert d.base == 17
    assert d.required == Fraction(17, 2)
    assert d.sentence == (
        "Carried (12 for, 5 against, 3 abstentions); a simple majority of those voting "
        "(at least 9 of the 17 votes cast) was needed."
    )


def test_abstentions_do_not_count_against_the_motion():
    # 3 for, 2 against and 50 abstentions is still a majority of those voting.
    assert simple_majority(3, 2, 50).outcome is Outcome.CARRIED


def test_simple_majority_is_lost_with_fewer_for_than_against():
    d = simple_majority(4, 9)
    assert d.outcome is Outcome.LOST
    assert d.sentence.startswith("Lost (4 for, 9 against, 0 abstentions)")


def test_a_tie_without_a_casting_vote_is_not_carried_and_says_so():
    d = simple_majority(6, 6, 1)
    assert d.outcome is Outcome.TIED
    assert not d.carried
    assert d.casting_vote is None
    assert d.sentence == (
        "Tied (6 for, 6 against, 1 abstention); with no casting vote the motion is not carried."
    )


def test_the_chairs_casting_vote_for_carries_a_tie():
    d = simple_majority(6, 6, casting_vote="for")
    assert d.outcome is Outcome.CARRIED
    assert d.casting_vote == "for"
    assert "casting vote for the motion" in d.sentence


def test_the_chairs_casting_vote_against_loses_a_tie():
    d = simple_majority(6, 6, casting_vote="against")
    assert d.outcome is Outcome.LOST
    assert d.casting_vote == "against"


def test_a_casting_vote_is_not_used_when_there_is_no_tie():
    d = simple_majority(7, 6, casting_vote="against")
    assert d.outcome is Outcome.CARRIED
    assert d.casting_vote is None


def test_with_no_votes_cast_the_motion_is_not_carried():
    d = simple_majority(0, 0)
    assert d.outcome is Outcome.LOST
    assert d.sentence == (
        "Not carried: no votes were cast for or against (0 for, 0 against, 0 abstentions)."
    )


def test_when_everyone_abstains_the_motion_is_not_carried_even_with_a_casting_vote():
    d = simple_majority(0, 0, 14, casting_vote="for")
    assert d.outcome is Outcome.LOST
    assert d.casting_vote is None
    assert "14 abstentions" in d.sentence


def test_a_single_vote_for_carries():
    assert simple_majority(1, 0, 30).outcome is Outcome.CARRIED


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_votes_must_be_non_negative_integers_or_fractions(bad):
    with pytest.raises((ValueError, TypeError)):
        simple_majority(bad, 1)


def test_an_unknown_casting_vote_is_refused():
    with pytest.raises(ValueError, match="casting vote"):
        simple_majority(2, 2, casting_vote="yes")  # type: ignore[arg-type]


def test_decisions_are_frozen_records():
    d = simple_majority(2, 1)
    with pytest.raises(FrozenInstanceError):
        d.outcome = Outcome.LOST  # type: ignore[misc]


# --- qualified majorities -----------------------------------------------------------------


def test_exactly_two_thirds_of_those_voting_carries():
    d = two_thirds_majority(20, 10, 5)
    assert d.required == 20
    assert d.outcome is Outcome.CARRIED
    assert "(at least 20 of the 30 votes cast)" in d.sentence


def test_one_vote_short_of_two_thirds_is_lost():
    assert two_thirds_majority(19, 10).outcome is Outcome.LOST


def test_two_thirds_of_a_number_not_divisible_by_three_is_compared_exactly():
    # 2/3 of 10 is 6 2/3: 7 for carries, 6 for does not.
    assert two_thirds_majority(7, 3).outcome is Outcome.CARRIED
    lost = two_thirds_majority(6, 4)
    assert lost.outcome is Outcome.LOST
    assert lost.required == Fraction(20, 3)
    assert "(at least 7 of the 10 votes cast)" in lost.sentence


def test_a_yes_no_question_of_three_votes_needs_two_not_one_and_a_half():
    # The ballot's wording was once "more than 1 1/2 of 3": no voter casts half a vote.
    d = simple_majority(2, 1)
    assert d.sentence == (
        "Carried (2 for, 1 against, 0 abstentions); a simple majority of those voting "
        "(at least 2 of the 3 votes cast) was needed."
    )
    assert "1/2" not in simple_majority(1, 2).sentence
    assert "(at least 1 of the 1 vote cast)" in simple_majority(1, 0).sentence


def test_fractional_card_weights_are_described_as_a_share():
    cards = [Card("A", "for", Fraction(7, 2)), Card("B", "against", 2)]
    d = card_vote(cards)
    assert "(more than half of the 5 1/2 votes cast)" in d.sentence
    assert "(at least two-thirds of the 5 1/2 votes cast)" in card_vote(cards, TWO_THIRDS).sentence


def test_equal_votes_under_two_thirds_are_simply_lost_not_tied():
    d = decide(Tally(5, 5), TWO_THIRDS, casting_vote="for")
    assert d.outcome is Outcome.LOST
    assert d.casting_vote is None


def test_exactly_three_quarters_carries_and_just_under_is_lost():
    assert three_quarters_majority(3, 1).outcome is Outcome.CARRIED
    assert three_quarters_majority(30, 10, 99).outcome is Outcome.CARRIED
    assert three_quarters_majority(29, 10).outcome is Outcome.LOST


def test_qualified_majority_with_no_votes_cast_is_not_carried():
    assert two_thirds_majority(0, 0, 8).outcome is Outcome.LOST


# --- absolute majority --------------------------------------------------------------------


def test_absolute_majority_counts_against_all_those_entitled_to_vote():
    # 30 for, 10 against is a big majority of those voting, but not of the 100 entitled.
    d = absolute_majority(30, 10, 5, entitled=100)
    assert d.outcome is Outcome.LOST
    assert d.base == 100
    assert "an absolute majority of those entitled to vote (at least 51 of the 100)" in d.sentence


def test_exactly_half_of_those_entitled_is_not_an_absolute_majority():
    assert absolute_majority(50, 0, entitled=100).outcome is Outcome.LOST
    assert absolute_majority(51, 0, entitled=100).outcome is Outcome.CARRIED
    assert absolute_majority(51, 0, entitled=101).outcome is Outcome.CARRIED


def test_absolute_majority_needs_the_number_entitled():
    with pytest.raises(ValueError, match="entitled"):
        decide(Tally(5, 1), ABSOLUTE_MAJORITY)


def test_more_votes_than_people_entitled_is_refused():
    with pytest.raises(ValueError, match="than people entitled"):
        absolute_majority(60, 30, 20, entitled=100)


# --- dual majority ------------------------------------------------------------------------


def test_dual_majority_carries_with_both_majorities():
    d = dual_majority(Tally(300, 200, 10), Tally(40, 35))
    assert d.outcome is Outcome.CARRIED
    assert d.members.carried and d.groups.carried
    assert d.sentence == (
        "Carried by a dual majority: a majority of individual members "
        "(300 for, 200 against, 10 abstentions) and a majority of affiliated groups "
        "(40 for, 35 against, 0 abstentions)."
    )


@pytest.mark.parametrize(
    ("members", "groups"), [(Tally(300, 200), Tally(30, 45)), (Tally(100, 200), Tally(45, 30))]
)
def test_a_majority_on_one_side_only_is_referred_to_the_organising_group(members, groups):
    d = dual_majority(members, groups)
    assert d.outcome is Outcome.REFER
    assert d.sentence.startswith("Referred to the organising group:")


def test_a_constitutional_change_with_one_majority_only_is_lost():
    d = dual_majority(Tally(300, 200), Tally(30, 45), constitutional=True)
    assert d.outcome is Outcome.LOST
    assert d.sentence.startswith("Lost: a constitutional change needs a dual majority;")


def test_dual_majority_without_either_majority_is_lost():
    d = dual_majority(Tally(1, 2), Tally(3, 4))
    assert d.outcome is Outcome.LOST
    assert d.sentence.startswith("Lost: no majority of individual members")


def test_a_tie_on_one_side_of_a_dual_majority_is_no_majority_there():
    d = dual_majority(Tally(10, 10), Tally(45, 30))
    assert d.members.outcome is Outcome.TIED
    assert d.outcome is Outcome.REFER


# --- card votes ---------------------------------------------------------------------------


def test_card_vote_weighs_each_card_by_its_membership():
    cards = [
        Card("Northtown", "for", 1200),
        Card("Southby", "against", 800),
        Card("Eastham", "against", 300),
        Card("Westford", "abstain", 900),
    ]
    d = card_vote(cards)
    assert (d.tally.votes_for, d.tally.against, d.tally.abstentions) == (1200, 1100, 900)
    assert d.outcome is Outcome.CARRIED


def test_card_vote_can_apply_a_qualified_majority():
    cards = [Card("A", "for", 200), Card("B", "against", 100)]
    assert card_vote(cards, TWO_THIRDS).outcome is Outcome.CARRIED
    cards = [Card("A", "for", 199), Card("B", "against", 100)]
    assert card_vote(cards, TWO_THIRDS).outcome is Outcome.LOST


def test_card_vote_with_fractional_weights_is_exact():
    cards = [
        Card("A", "for", Fraction(1, 3)),
        Card("B", "for", Fraction(1, 3)),
        Card("C", "against", Fraction(2, 3)),
    ]
    d = card_vote(cards, casting_vote="against")
    assert d.tally.votes_for == d.tally.against == Fraction(2, 3)
    assert d.outcome is Outcome.LOST
    assert d.casting_vote == "against"


def test_a_card_vote_tie_without_casting_vote_is_tied():
    d = card_vote([Card("A", "for", 500), Card("B", "against", 500)])
    assert d.outcome is Outcome.TIED


def test_a_holder_cannot_cast_two_cards():
    with pytest.raises(ValueError, match="more than one card"):
        card_vote([Card("A", "for", 5), Card("A", "against", 5)])


def test_a_card_needs_a_known_vote_and_a_non_negative_weight():
    with pytest.raises(ValueError, match="for, against or abstain"):
        Card("A", "maybe", 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        Card("A", "for", -5)


# --- alternatives with Neither ------------------------------------------------------------


def test_the_option_with_most_votes_is_adopted():
    d = plurality_with_neither({"Option A": 40, "Option B": 25, "Neither": 10}, abstentions=2)
    assert d.outcome is Outcome.CARRIED
    assert d.winner == "Option A"
    assert d.tied == ()
    assert d.sentence == (
        "Option A adopted with the most votes "
        "(Option A 40, Option B 25, Neither 10; 2 abstentions)."
    )


def test_neither_winning_adopts_no_option():
    d = plurality_with_neither({"Option A": 20, "Option B": 25, "Neither": 30})
    assert d.outcome is Outcome.LOST
    assert d.winner == "Neither"
    assert d.sentence.startswith("No option adopted: Neither has the most votes")


def test_a_tie_at_the_top_without_a_casting_vote_adopts_nothing():
    d = plurality_with_neither({"Option A": 25, "Option B": 25, "Neither": 3})
    assert d.outcome is Outcome.TIED
    assert d.winner is None
    assert d.tied == ("Option A", "Option B")
    assert "with no casting vote none is adopted" in d.sentence


def test_the_casting_vote_decides_a_tie_between_alternatives():
    votes = {"Option A": 25, "Option B": 25, "Neither": 3}
    d = plurality_with_neither(votes, casting_vote="Option B")
    assert d.outcome is Outcome.CARRIED
    assert d.winner == "Option B"
    assert d.casting_vote == "Option B"
    assert "on the chair's casting vote" in d.sentence


def test_the_casting_vote_can_go_to_neither_when_neither_is_tied_for_the_top():
    d = plurality_with_neither({"Option A": 9, "Neither": 9}, casting_vote="Neither")
    assert d.outcome is Outcome.LOST
    assert d.winner == "Neither"


def test_the_casting_vote_must_go_to_a_tied_option():
    with pytest.raises(ValueError, match="one of the tied options"):
        plurality_with_neither({"A": 5, "B": 5, "Neither": 1}, casting_vote="Neither")


def test_no_votes_for_any_alternative_adopts_nothing():
    d = plurality_with_neither({"A": 0, "B": 0, "Neither": 0}, abstentions=7)
    assert d.outcome is Outcome.LOST
    assert d.winner is None
    assert d.tied == ()
    assert d.sentence.startswith("No option adopted: no votes were cast")


def test_the_alternatives_must_include_neither_and_another_option():
    with pytest.raises(ValueError, match="Neither"):
        plurality_with_neither({"A": 3, "B": 4})
    with pytest.raises(ValueError, match="at least one option"):
        plurality_with_neither({"Neither": 3})
