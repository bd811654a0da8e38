"""Breaking ties: earlier stages first (backwards or forwards), then a seeded lot."""

from __future__ import annotations

from plenary.counting.ties import Lot, break_tie

NAMES = ("A", "B", "C", "D")


def test_the_most_recent_stage_where_they_differ_decides() -> None:
    history = [(5, 1, 2, 0), (5, 3, 2, 0), (5, 3, 3, 0)]
    tie = break_tie([1, 2], history, lowest=True, purpose="exclusion", lot=Lot(1), names=NAMES)
    assert tie.method == "earlier_stage" and tie.stage == 2 and tie.chosen == 2


def test_looking_forward_takes_the_earliest_stage_where_they_differ() -> None:
    history = [(5, 1, 2, 0), (5, 3, 2, 0), (5, 3, 3, 0)]
    tie = break_tie(
        [1, 2], history, lowest=True, purpose="exclusion", lot=Lot(1), names=NAMES, forward=True
    )
    assert tie.stage == 1 and tie.chosen == 1


def test_a_three_way_tie_narrows_stage_by_stage() -> None:
    # Now all have 3. At stage 2, A was highest: B and C stay in. At stage 1, C was lower
    # than B (though equal to A, who is no longer in the running).
    history = [(1, 2, 1, 0), (3, 2, 2, 0)]
    tie = break_tie([0, 1, 2], history, lowest=True, purpose="exclusion", lot=Lot(1), names=NAMES)
    assert tie.method == "earlier_stage" and tie.stage == 1 and tie.chosen == 2


def test_equal_at_every_stage_goes_to_the_lot_with_its_seed() -> None:
    history = [(1, 1, 0, 0), (2, 2, 0, 0)]
    tie = break_tie([0, 1], history, lowest=True, purpose="exclusion", lot=Lot(5), names=NAMES)
    assert tie.method == "lot" and tie.seed == 5
    assert tie.chosen == Lot(5).draw([0, 1])


def test_the_same_seed_draws_the_same_lot() -> None:
    draws = [Lot(123).draw([0, 1, 2, 3]) for _ in range(5)]
    assert len(set(draws)) == 1


def test_without_a_seed_one_is_drawn_and_kept() -> None:
    lot = Lot()
    chosen = lot.draw([1, 2])
    assert lot.seed is not None
    assert Lot(lot.seed).draw([1, 2]) == chosen


def test_ballot_order_follows_a_given_tie_order() -> None:
    assert Lot.ballot_order().draw([2, 1]) == 1
    assert Lot.ballot_order(order=[2, 0, 1]).draw([0, 1, 2]) == 2
