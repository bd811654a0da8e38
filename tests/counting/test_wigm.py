"""WIGM (PRF reference rule) on small elections checked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from plenary.counting import Profile, count
from plenary.counting.checks import check_result

from .strategies import profiles

A, B, C = range(3)


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
    # B and C differ at the first stage but tie after A's surplus; WIGM draws lots anyway.
    profile = Profile.from_rankings("ABC", 2, [((A, B), 5), ((B,), 1), ((C,), 2)])
    result = count(profile, "wigm", seed=8)
    tied = [s.tie for s in result.stages if s.tie is not None]
    assert all(t.method == "lot" and t.seed == 8 for t in tied)


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_wigm_counts_always_balance_and_fill_the_seats(profile: Profile) -> None:
    assert check_result(count(profile, "wigm", seed=3)) == []
