from decimal import Decimal

import pytest

from plenary.counting import Lot, Profile, count
from plenary.counting.record import ELECTED, EXCLUDED, HOPEFUL, WITHDRAWN
from plenary.counting.rules import UnsupportedOption

D = Decimal


def totals(stage) -> tuple[int, ...]:
    return tuple(int(v) for v in stage.totals)


def test_a_majority_of_first_preferences_elects_at_once():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0, 1), 6), ((1,), 3), ((2, 1), 2)])
    result = count(profile, "irv")
    assert len(result.stages) == 1
    assert result.stages[0].elected == (0,)
    assert result.elected_names == ("A",)
    assert "A is elected with 6 votes, more than half of the 11 continuing votes" in (
        result.stages[0].description
    )


def test_exactly_half_is_not_a_majority():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 5), ((1,), 3), ((2, 1), 2)])
    result = count(profile, "irv")
    assert result.stages[0].elected == ()
    # C is excluded; C's 2 ballots go to B, who then has 5 against A's 5: still no majority,
    # and the tie for exclusion is settled by the first stage (B 3 < A 5): B goes, A wins.
    assert totals(result.stages[1]) == (5, 5, 0)
    assert result.stages[2].excluded == (1,)
    assert result.stages[2].tie.method == "earlier_stage"
    assert result.elected_names == ("A",)


def test_a_hand_counted_runoff_with_transfers_and_exhausted_ballots():
    ballots = [((0, 1), 8), ((1, 0), 5), ((2, 1), 4), ((3, 2), 3), ((2,), 1), ((3,), 1)]
    result = count(Profile.from_rankings(["A", "B", "C", "D"], 1, ballots), "irv")
    first, second, third = result.stages
    assert totals(first) == (8, 5, 5, 4)
    assert second.excluded == (3,)  # D: 3 ballots to C, 1 exhausted
    assert totals(second) == (8, 5, 8, 0)
    assert second.exhausted == D(1)
    assert third.excluded == (1,)  # B: 5 ballots to A
    assert totals(third) == (13, 0, 8, 0)
    assert third.elected == (0,)
    assert third.states == (ELECTED, EXCLUDED, HOPEFUL, EXCLUDED)
    assert result.valid_votes == D(22)


def test_ties_for_exclusion_look_back_to_earlier_stages():
    # A 10, B 6, C 5 (then B), D 4 (1 to B, 2 to C then A, 1 exhausted).
    ballots = [((0,), 10), ((1,), 6), ((2, 1), 5), ((3, 1), 1), ((3, 2, 0), 2), ((3,), 1)]
    result = count(Profile.from_rankings(["A", "B", "C", "D"], 1, ballots), "irv")
    stages = result.stages
    assert totals(stages[1]) == (10, 7, 7, 0)
    # B and C tie on 7; at stage 1 C had fewer (5 < 6), so C is excluded.
    assert stages[2].excluded == (2,)
    assert stages[2].tie.stage == 1
    assert totals(stages[2]) == (12, 12, 0, 0)
    # A and B tie on 12 with 24 continuing: no majority. At stage 2 B had fewer (7 < 10).
    assert stages[3].excluded == (1,)
    assert stages[3].tie.stage == 2
    assert stages[3].exhausted == D(13)
    assert result.elected_names == ("A",)


def test_a_tie_at_every_stage_is_settled_by_a_seeded_lot_that_is_recorded():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 3), ((1,), 3), ((2,), 1)])
    result = count(profile, "irv", seed=99)
    tie = result.stages[2].tie
    assert tie.method == "lot"
    assert tie.seed == 99
    assert result.seed == 99
    assert result.elected == tuple({0, 1} - {tie.chosen})
    assert count(profile, "irv", seed=99).elected == result.elected


def test_a_lot_can_follow_the_ballot_paper_order():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 3), ((1,), 3), ((2,), 1)])
    result = count(profile, "irv", lot=Lot.ballot_order())
    assert result.stages[2].excluded == (0,)
    assert result.elected_names == ("B",)
    assert result.seed is None


def test_preferences_for_a_withdrawn_candidate_are_skipped():
    profile = Profile.from_rankings(
        ["A", "B", "C"], 1, [((1, 2), 4), ((0,), 3), ((2,), 1)], withdrawn=[1]
    )
    result = count(profile, "irv")
    assert totals(result.stages[0]) == (3, 0, 5)
    assert result.stages[0].states[1] == WITHDRAWN
    assert result.elected_names == ("C",)


def test_the_last_continuing_candidate_is_elected_even_without_a_majority_of_all_ballots():
    profile = Profile.from_rankings(["A", "B"], 1, [((0,), 1), ((1,), 2)], withdrawn=[1])
    result = count(profile, "irv")
    assert result.elected_names == ("A",)
    assert "the last continuing candidate" in result.final.description


def test_irv_fills_one_post():
    two_seats = Profile.from_rankings(["A", "B", "C"], 2, [((0,), 1)])
    with pytest.raises(UnsupportedOption, match="one post"):
        count(two_seats, "irv")


def test_equal_preferences_count_up_to_the_first_equal_pair():
    # A > (B = C) counts for A, then is exhausted; (B = C) counts for no one.
    ballots = [((0, (1, 2)), 2), (((1, 2),), 4), ((1,), 1), ((2,), 3)]
    result = count(Profile.from_rankings(["A", "B", "C"], 1, ballots), "irv")
    assert totals(result.stages[0]) == (2, 1, 3)
    assert result.stages[0].exhausted == D(4)
    # B's one ballot has nowhere to go; C then has 3 of the 5 continuing votes.
    assert result.stages[1].excluded == (1,)
    assert result.stages[1].exhausted == D(5)
    assert result.stages[1].elected == (2,)


def test_av_is_another_name_for_irv():
    profile = Profile.from_rankings(["A", "B"], 1, [((0,), 2), ((1,), 1)])
    assert count(profile, "av").method == "irv"
