"""Scottish STV on small elections checked by hand, and its properties on random ones."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.counting import Profile, count
from plenary.counting.checks import check_result

from .strategies import profiles

A, B, C, D = 0, 1, 2, 3


def election(lines: list[tuple[tuple[int, ...], int]], seats: int, n: int = 3) -> Profile:
    return Profile.from_rankings("ABCD"[:n], seats, lines)


def test_the_quota_is_valid_votes_over_seats_plus_one_ignoring_decimals_plus_one() -> None:
    result = count(election([((A,), 7), ((B,), 3), ((C,), 2)], 2), "scottish")
    assert result.quota == Decimal(12 // 3 + 1)


def test_surplus_is_transferred_at_the_truncated_value() -> None:
    # 12 votes, 2 seats, quota 5. A's surplus 4 over 9 papers: 0.444444... -> 0.44444.
    result = count(election([((A, B), 6), ((A, C), 3), ((C,), 2), ((B,), 1)], 2), "scottish")
    first, surplus = result.stages[0], result.stages[1]
    assert first.elected == (A,)
    assert surplus.action == "surplus" and surplus.subject == (A,)
    assert surplus.transfer_value == Decimal("0.44444")
    assert surplus.totals == (Decimal(5), Decimal("3.66664"), Decimal("3.33332"))
    assert surplus.lost_to_rounding == Decimal("0.00004")


def test_an_excluded_candidates_papers_keep_their_value_and_exhaust() -> None:
    result = count(election([((A, B), 6), ((A, C), 3), ((C,), 2), ((B,), 1)], 2), "scottish")
    exclusion = result.stages[2]
    assert exclusion.action == "exclusion" and exclusion.excluded == (C,)
    # C's 2 own papers at 1 and A's 3 papers at 0.44444 have no further preference.
    assert exclusion.exhausted == Decimal("3.33332")
    assert result.stages[-1].action == "elect_remaining"
    assert result.elected == (A, B)


def test_a_tie_at_every_stage_is_settled_by_a_recorded_lot() -> None:
    # quota 9 // 3 + 1 = 4; A's surplus exhausts; B and C have 2 votes at every stage.
    profile = Profile.from_rankings("ABC", 2, [((A,), 5), ((B,), 2), ((C,), 2)])
    first = count(profile, "scottish", seed=11)
    again = count(profile, "scottish", seed=11)
    stage = next(s for s in first.stages if s.tie is not None)
    assert stage.tie.method == "lot" and stage.tie.seed == 11
    assert stage.tie.tied == (B, C)
    assert stage.excluded == (stage.tie.chosen,)
    assert first.seed == 11
    assert again.elected == first.elected


def test_equal_votes_now_but_not_before_go_by_the_earlier_stage() -> None:
    # quota 22 // 3 + 1 = 8. A: 10, surplus 2 to C (papers A,C) -> C 3 + 2 = 5 = D's 5.
    lines = [((A, C), 10), ((B,), 4), ((C,), 3), ((D,), 5)]
    profile = Profile.from_rankings("ABCD", 2, lines)
    result = count(profile, "scottish", seed=1)
    stage = result.stages[2]
    assert stage.tie is None or stage.tie.method == "earlier_stage"
    # B has 4, fewest: excluded first; C (5) and D (5) were 3 and 5 at stage 1.
    assert stage.excluded == (B,)
    tie_stage = next(s for s in result.stages if s.tie is not None)
    assert tie_stage.tie.method == "earlier_stage"
    assert tie_stage.tie.chosen == C
    assert tie_stage.tie.stage == 1


def test_the_last_vacancies_are_filled_without_transfer() -> None:
    # quota 11 // 3 + 1 = 4: A elected; D then C excluded; B is left for the last seat.
    profile = election([((A,), 5), ((B,), 3), ((C,), 2), ((D,), 1)], 2, n=4)
    result = count(profile, "scottish")
    assert result.elected == (A, B)
    actions = [s.action for s in result.stages]
    assert actions == ["first", "surplus", "exclusion", "exclusion", "elect_remaining"]
    assert result.stages[-1].totals == result.stages[-2].totals


def test_withdrawn_candidates_are_skipped() -> None:
    profile = Profile.from_rankings("ABC", 1, [((B, A), 3), ((C,), 2)], withdrawn=[B])
    result = count(profile, "scottish")
    assert result.stages[0].totals[B] == 0
    assert result.stages[0].totals[A] == 3
    assert result.elected == (A,)


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_every_stage_balances_and_exactly_the_seats_are_filled(profile: Profile) -> None:
    result = count(profile, "scottish", seed=3)
    assert check_result(result) == []
    assert len(result.elected) == profile.seats


@settings(max_examples=100, deadline=None)
@given(profiles(), st.randoms(use_true_random=False))
def test_the_order_and_grouping_of_ballot_lines_does_not_matter(profile: Profile, rnd) -> None:
    lines = [
        (tuple(int(c) for c in r if c >= 0), int(w))
        for r, w in zip(profile.rankings, profile.weights, strict=True)
    ]
    split = []
    for ranking, weight in lines:  # one line of w papers becomes lines of 1 and w - 1
        split.extend([(ranking, 1), (ranking, weight - 1)] if weight > 1 else [(ranking, 1)])
    rnd.shuffle(split)
    other = Profile.from_rankings(profile.candidates, profile.seats, split)
    ours, theirs = count(profile, "scottish", seed=5), count(other, "scottish", seed=5)
    assert ours.elected == theirs.elected
    assert [s.totals for s in ours.stages] == [s.totals for s in theirs.stages]
    assert [s.exhausted for s in ours.stages] == [s.exhausted for s in theirs.stages]


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_counting_a_profile_again_gives_the_same_result(profile: Profile) -> None:
    # Every count of a profile shares its compact lines: no count may change them.
    first = count(profile, "scottish", seed=7)
    for method in ("wigm", "ers97"):
        count(profile, method, seed=7)
    assert count(profile, "scottish", seed=7) == first


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_a_candidate_with_a_quota_of_first_preferences_is_elected(profile: Profile) -> None:
    result = count(profile, "scottish", seed=2)
    for c, votes in enumerate(result.stages[0].totals):
        if votes >= result.quota:
            assert c in result.elected


@settings(max_examples=60, deadline=None)
@given(profiles(), st.randoms(use_true_random=False))
def test_a_count_is_the_same_with_two_hundred_withdrawn_candidates_before_the_rest(
    profile: Profile, rnd
) -> None:
    # Over 127 candidates the count's table holds 16-bit cells instead of 8-bit ones.
    extra = 200
    lines = []
    for r, w in zip(profile.rankings, profile.weights, strict=True):
        ranking = [extra + int(c) for c in r if c >= 0]
        ranking.insert(rnd.randrange(len(ranking) + 1), rnd.randrange(extra))
        lines.append((tuple(ranking), int(w)))
    names = [f"W{i}" for i in range(extra)] + list(profile.candidates)
    wide = Profile.from_rankings(names, profile.seats, lines, withdrawn=range(extra))
    ours, theirs = count(profile, "scottish", seed=4), count(wide, "scottish", seed=4)
    assert [extra + c for c in ours.elected] == list(theirs.elected)
    assert [s.totals for s in ours.stages] == [s.totals[extra:] for s in theirs.stages]
    assert [s.exhausted for s in ours.stages] == [s.exhausted for s in theirs.stages]
