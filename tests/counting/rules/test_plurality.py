from decimal import Decimal

import pytest

from plenary.counting import Lot, Profile, count
from plenary.counting.record import ELECTED, EXCLUDED, WITHDRAWN
from plenary.counting.rules import UnsupportedOption

D = Decimal
NAMES = ["A", "B", "C", "D"]
# 24 ballot papers; D has withdrawn.
BALLOTS = [
    ((0, 1), 8),
    ((1, 0), 5),
    ((2, 1), 4),
    ((3, 2), 3),  # first preference for the withdrawn D
    ((2,), 1),
    (((0, 1),), 2),  # A and B marked equal
    ((0, 1, 2), 1),  # three marks
]


def profile(seats: int = 1) -> Profile:
    return Profile.from_rankings(NAMES, seats, BALLOTS, withdrawn=[3])


def votes(result) -> tuple[int, ...]:
    return tuple(int(v) for v in result.stages[0].totals)


def test_first_past_the_post_counts_each_first_preference_once():
    result = count(profile(), "fptp")
    assert votes(result) == (9, 5, 5, 0)
    assert result.elected_names == ("A",)
    # Two marks at the first preference cannot be read: invalid.
    assert result.invalid == 2
    assert result.valid_votes == D(22)
    # A first preference for the withdrawn D counts for no one.
    assert result.stages[0].exhausted == D(3)
    assert result.stages[0].states == (ELECTED, EXCLUDED, EXCLUDED, WITHDRAWN)


def test_first_past_the_post_fills_one_post():
    with pytest.raises(UnsupportedOption, match="one post"):
        count(profile(2), "fptp")


def test_block_vote_gives_one_vote_to_each_marked_candidate_up_to_the_seats():
    result = count(profile(2), "block")
    assert votes(result) == (15, 19, 8, 0)
    assert result.elected_names == ("B", "A")  # in order of votes
    assert result.invalid == 1  # the paper with three marks for two seats
    assert "1 invalid ballot(s) with too many marks" in result.stages[0].notes


def test_block_vote_can_count_only_the_first_preferences_of_long_rankings():
    result = count(profile(2), "block", truncate=True)
    assert votes(result) == (16, 20, 8, 0)
    assert result.invalid == 0


def test_approval_counts_every_mark():
    result = count(profile(2), "approval")
    assert votes(result) == (16, 20, 9, 0)
    assert result.elected_names == ("B", "A")
    assert result.valid_votes == D(24)


def test_approval_elects_everyone_standing_when_seats_exceed_candidates():
    result = count(profile(4), "approval")
    assert result.elected_names == ("B", "A", "C")
    assert result.warnings == ("1 of 4 seats left vacant: only 3 candidates standing",)
    assert result.vacancies == 1


def test_a_tie_for_the_last_seat_is_drawn_by_seeded_lot_and_recorded():
    tied = Profile.from_rankings(["A", "B", "C"], 2, [((0,), 5), ((1,), 3), ((2,), 3)])
    result = count(tied, "block", seed=11)
    first, lot = result.stages
    assert first.elected == (0,)
    assert lot.action == "lot"
    assert lot.tie.tied == (1, 2)
    assert lot.tie.seed == 11
    assert result.elected == (0, lot.tie.chosen)
    assert count(tied, "block", seed=11).elected == result.elected


def test_a_three_way_tie_for_two_seats_draws_twice():
    tied = Profile.from_rankings(["A", "B", "C"], 2, [((0,), 3), ((1,), 3), ((2,), 3)])
    result = count(tied, "approval", lot=Lot.ballot_order())
    assert [s.action for s in result.stages] == ["result", "lot", "lot"]
    assert result.elected == (0, 1)
    assert result.final.states == (ELECTED, ELECTED, EXCLUDED)


def test_equal_votes_that_all_fit_in_the_seats_need_no_lot():
    profile = Profile.from_rankings(["A", "B", "C"], 2, [((0,), 3), ((1,), 3), ((2,), 1)])
    result = count(profile, "block")
    assert len(result.stages) == 1
    assert result.elected == (0, 1)


def test_plurality_rules_take_no_constraints_or_unknown_options():
    with pytest.raises(UnsupportedOption, match="no option"):
        count(profile(2), "approval", truncate=True)


def test_every_candidate_withdrawn_is_a_clear_error():
    gone = Profile.from_rankings(["A", "B"], 1, [((0,), 1)], withdrawn=[0, 1])
    with pytest.raises(UnsupportedOption, match="every candidate has withdrawn"):
        count(gone, "fptp")
