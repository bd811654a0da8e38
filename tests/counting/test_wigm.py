"""WIGM (PRF reference rule) on small elections checked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from plenary.counting import Lot, Profile, count
from plenary.counting.checks import check_result

from .strategies import profiles

A, B, C, D = range(4)


def test_quota_is_votes_over_seats_plus_one_plus_a_ten_thousandth() -> None:
    profile = Profile.from_rankings("ABC", 2, [((A, B), 4), ((C,), 2)])
    assert count(profile, "wigm").quota == Decimal("2.0001")


def test_surplus_weights_are_truncated_to_four_places() -> None:
    # A's surplus 1.9999 over 4 ballots: 1 x 1.9999 / 4 = 0.499975 -> 0.4999 each.
    profile = Profile.from_rankings("ABC", 2, [((A, B), 4), ((C,), 2)])
    result = count(profile, "wigm")
    surplus = result.stages[1]
    assert surplus.transfer_value == Decimal("0.4999")
    assert surplus.totals == (Decimal("2.0001"), Decimal("1.9996"), Decimal(2))
    assert surplus.lost_to_rounding == Decimal("0.0003")
    # B (1.9996) is now lowest and is defeated; C takes the second seat.
    assert result.stages[2].excluded == (B,)
    assert result.elected == (A, C)


def test_ties_go_straight_to_the_lot_without_looking_back() -> None:
    # A and B tie at 1 and A goes (first in ballot order). Then B, C and D all have 2,
    # though B had fewer at the first stage: WIGM draws the lot, Scottish STV looks back.
    lines = [((A, B), 1), ((B,), 1), ((C,), 2), ((D,), 2)]
    profile = Profile.from_rankings("ABCD", 2, lines)
    wigm = count(profile, "wigm", lot=Lot.ballot_order())
    three_way = next(s.tie for s in wigm.stages if s.tie and len(s.tie.tied) == 3)
    assert three_way.tied == (B, C, D) and three_way.method == "lot"
    scottish = count(profile, "scottish", lot=Lot.ballot_order())
    looked_back = next(s.tie for s in scottish.stages if s.tie and len(s.tie.tied) == 3)
    assert looked_back.method == "earlier_stage" and looked_back.chosen == B


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_wigm_counts_always_balance_and_fill_the_seats(profile: Profile) -> None:
    assert check_result(count(profile, "wigm", seed=3)) == []
