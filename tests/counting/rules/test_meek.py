from decimal import Decimal

import numpy as np
import pytest

from plenary.counting import Lot, Profile, count
from plenary.counting.checks import check_result
from plenary.counting.record import ELECTED, EXCLUDED, WITHDRAWN
from plenary.counting.rules import UnsupportedOption
from plenary.counting.rules._meek_paths import PathIndex, ballot_paths
from plenary.counting.rules.meek import distribute

D = Decimal


def castor_pollux_helen() -> Profile:
    # 4 ballots Castor > Pollux, 2 ballots Helen; 2 seats.
    return Profile.from_rankings(
        ["Castor", "Pollux", "Helen"], 2, [((0, 1), 4), ((2,), 2)], title="Pollux and Helen"
    )


def test_the_quota_is_votes_over_seats_plus_one_truncated_plus_one_billionth():
    result = count(castor_pollux_helen(), "meek")
    # 6 / 3 = 2, plus 0.000000001 [B.2.b]
    assert "Quota 2.000000001;" in result.stages[0].notes[0]
    assert result.quota == D("2.000000001")


def test_a_hand_counted_meek_election():
    result = count(castor_pollux_helen(), "meek")
    first, round1, round2, end = result.stages
    assert first.totals == (D(4), D(0), D(2))
    # Round 1: Castor's 4 votes reach the quota of 2.000000001 at once.
    assert round1.elected == (0,)
    # Round 2, iteration 1 gives the same votes; the surplus 1.999999999 is above omega, so
    # Castor's keep factor becomes 2.000000001 / 4 = 0.50000000025, rounded up: 0.500000001.
    # Iteration 2: Castor keeps 0.500000001 of each of 4 ballots = 2.000000004 and Pollux
    # gets the remaining 0.499999999 x 4 = 1.999999996. The surplus 0.000000003 is below
    # omega, so the lowest hopeful, Pollux, is defeated (Helen's 2 is not within 0.000000003).
    assert round2.action == "exclusion"
    assert round2.excluded == (1,)
    assert round2.totals == (D("2.000000004"), D("1.999999996"), D(2))
    assert "2 iterations" in round2.description
    assert "Keep factors: Castor 0.500000001" in round2.notes
    # One hopeful for one seat: Helen is elected without a further distribution [C.1], and
    # Pollux's votes are not distributed again.
    assert end.action == "elect_remaining"
    assert end.totals == (D("2.000000004"), D(0), D(2))
    assert end.exhausted == D("1.999999996")
    assert result.elected_names == ("Castor", "Helen")
    assert end.states == (ELECTED, EXCLUDED, ELECTED)


def test_a_withdrawn_candidate_passes_every_ballot_on():
    profile = Profile.from_rankings(
        ["Ann", "Bob", "Cy"], 1, [((1, 0), 3), ((2,), 2)], withdrawn=[1]
    )
    result = count(profile, "meek")
    assert result.stages[0].totals == (D(3), D(0), D(2))
    assert result.stages[0].states[1] == WITHDRAWN
    assert result.elected_names == ("Ann",)


def test_ballots_that_run_out_of_candidates_are_exhausted():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 4), ((1,), 3), ((2,), 2)])
    result = count(profile, "meek", lot=Lot.ballot_order())
    defeat = result.stages[1]
    assert defeat.excluded == (2,)
    assert result.final.exhausted + sum(result.final.totals) == D(9)
    # After C's defeat its 2 ballots have nowhere to go; A has 4 of the 7 left.
    assert result.elected_names == ("A",)


def test_candidates_within_the_surplus_of_the_lowest_are_tied_and_a_seeded_lot_decides():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 4), ((1,), 2), ((2,), 2)])
    result = count(profile, "meek", seed=2024)
    tie = result.stages[1].tie
    assert tie is not None
    assert tie.tied == (1, 2)
    assert tie.method == "lot"
    assert tie.seed == 2024
    assert result.seed == 2024
    again = count(profile, "meek", seed=2024)
    assert again.stages[1].excluded == result.stages[1].excluded


def test_the_ballot_paper_order_can_settle_a_lot_as_the_reference_implementation_does():
    profile = Profile.from_rankings(["A", "B", "C"], 1, [((0,), 4), ((1,), 2), ((2,), 2)])
    result = count(profile, "meek", lot=Lot.ballot_order())
    assert result.stages[1].excluded == (1,)
    assert result.seed is None
    assert "order of the ballot paper" in result.stages[1].tie.description


def test_two_candidates_reaching_the_quota_together_are_elected_in_ballot_order():
    # Quota 10 / 3 = 3.333333333 + 0.000000001; B has more votes but A is listed first.
    profile = Profile.from_rankings(["A", "B", "C"], 2, [((0,), 4), ((1,), 5), ((2,), 1)])
    result = count(profile, "meek")
    assert result.stages[1].elected == (0, 1)
    assert result.elected == (0, 1)


def test_more_seats_than_candidates_elects_everyone_standing():
    profile = Profile.from_rankings(["A", "B"], 3, [((0, 1), 2)])
    result = count(profile, "meek")
    assert result.elected == (0, 1)
    assert [s.action for s in result.stages] == ["first", "elect_remaining"]


def test_equal_preferences_count_up_to_the_first_equal_pair():
    # C > (A = B) x 3 counts for C only; (A = B) > C x 2 counts for no one.
    ballots = [((2, (0, 1)), 3), (((0, 1), 2), 2), ((0,), 2), ((1,), 1)]
    result = count(Profile.from_rankings(["A", "B", "C"], 1, ballots), "meek", seed=1)
    assert result.stages[0].totals == (D(2), D(1), D(3))
    assert result.stages[0].exhausted == D(2)
    assert result.valid_votes == D(8)


def test_meek_refuses_options_it_does_not_have():
    with pytest.raises(UnsupportedOption, match="no option precision"):
        count(castor_pollux_helen(), "meek", precision=12)


def test_the_meek_prf_alias_counts_the_same_rule():
    assert count(castor_pollux_helen(), "meek-prf").elected == (0, 2)


def test_paths_stop_at_the_first_hopeful_and_skip_the_defeated():
    profile = Profile.from_rankings(
        ["A", "B", "C", "D"], 2, [((0, 1, 2, 3), 1), ((1, 0, 3), 2), ((0, 3, 2), 1)]
    )
    states = ["elected", "excluded", "hopeful", "hopeful"]
    paths = ballot_paths(profile.rankings, profile.weights, states)
    rows = zip(paths.paths.tolist(), paths.weights.tolist(), strict=True)
    got = {tuple(c for c in row if c >= 0): w for row, w in rows}
    # A > B > C > D: through elected A, past defeated B, stops at hopeful C.
    # B > A > D: past B, through A, stops at D.   A > D > C: through A, stops at D.
    assert got == {(0, 2): 1, (0, 3): 3}


def test_distribution_rounds_each_keep_weight_up_and_tracks_exhausted_weight():
    profile = Profile.from_rankings(["A", "B"], 1, [((0,), 3), ((0, 1), 1)])
    paths = ballot_paths(profile.rankings, profile.weights, ["elected", "hopeful"])
    one = 10**9
    # kf(A) = 1/3: each ballot keeps 0.333333334 (rounded up) for A.
    result = distribute(paths, [333_333_334, one], 2)
    assert result.votes.tolist() == [4 * 333_333_334, 666_666_666]
    assert result.exhausted == 3 * 666_666_666
    assert result.lost == 0
    assert result.votes.dtype == np.int64


def test_meek_counts_an_election_too_large_for_integer_path_keys():
    # 40 candidates and 15 seats: path keys could pass 2**62, so paths are rebuilt each round.
    assert not PathIndex.fits(40, 15)
    rng = np.random.default_rng(7)
    ballots = [(tuple(rng.permutation(40)[: rng.integers(1, 8)].tolist()), 1) for _ in range(300)]
    names = [f"C{c}" for c in range(40)]
    result = count(Profile.from_rankings(names, 15, ballots), "meek", seed=5)
    assert len(result.elected) == 15
    assert check_result(result) == []
