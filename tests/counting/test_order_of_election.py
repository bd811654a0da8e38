"""Candidates reaching the quota together with equal votes are elected in the order their
surpluses are transferred: one tie-break (earlier stages, then lot) decides both orders."""

from __future__ import annotations

import pytest

from plenary.counting import Profile, count
from plenary.counting.blt import read_blt
from plenary.counting.record import CountResult

from .conftest import shared

A, B, C, D, E = range(5)

# 31 papers, 3 seats, quota 31 // 4 + 1 = 8. Stage 1: A 6, B 7, C 5, D 7, E 6. C is
# excluded: A and B both reach 9 at stage 2, equal, and B was ahead at stage 1.
LOOK_BACK = [((A,), 6), ((B,), 7), ((C, A), 3), ((C, B), 2), ((D,), 7), ((E,), 6)]
# 48 papers, quota 13: A and B are equal at every stage (10 each, then 14 each once C
# is excluded), so only a lot can put one of them first.
EVEN = [((A,), 10), ((B,), 10), ((C, A), 4), ((C, B), 4), ((D,), 11), ((E,), 9)]

GREGORY_FAMILY = ["scottish", "wigm", "ers97"]


def first_surplus(result: CountResult) -> int:
    return next(s for s in result.stages if s.action == "surplus").subject[0]


@pytest.mark.parametrize("method", ["scottish", "ers97"])
def test_equal_votes_are_elected_in_the_order_of_the_earlier_stage(method: str) -> None:
    result = count(Profile.from_rankings("ABCDE", 3, LOOK_BACK), method, seed=1)
    stage = next(s for s in result.stages if s.elected)
    assert stage.totals[A] == stage.totals[B]
    assert stage.elected == (B, A)
    assert result.elected == (B, A, D)
    surplus = next(s for s in result.stages if s.action == "surplus")
    assert surplus.subject == (B,)
    assert surplus.tie is not None and surplus.tie.method == "earlier_stage"
    assert any("Order of election" in note and "B elected first" in note for note in stage.notes)


@pytest.mark.parametrize("method", GREGORY_FAMILY)
@pytest.mark.parametrize("seed", range(12))
def test_a_lot_for_equal_votes_decides_both_orders_at_once(method: str, seed: int) -> None:
    result = count(Profile.from_rankings("ABCDE", 3, EVEN), method, seed=seed)
    assert set(result.elected[:2]) == {A, B}
    assert result.elected[0] == first_surplus(result)
    assert result.seed == seed


def test_the_lot_is_recorded_when_no_surplus_follows() -> None:
    # 2 seats, quota 5: A and B reach 5 together at stage 1 and fill both seats, so no
    # surplus is transferred; the lot that ordered them is still in the record.
    profile = Profile.from_rankings("ABC", 2, [((A,), 5), ((B,), 5), ((C,), 4)])
    result = count(profile, "scottish", seed=3)
    assert result.stages[0].elected == result.elected
    assert result.seed == 3
    assert any("lot (seed 3)" in note for note in result.stages[0].notes)


def test_renfrewshire_2017_ward3_elects_sharkey_before_graham() -> None:
    path = shared("scotland", "9_cands", "renfrewshire_2017_ward3.blt")
    profile = read_blt(path)
    result = count(profile, "scottish", seed=1)
    graham = profile.candidates.index("Neill GRAHAM (C)")
    sharkey = profile.candidates.index("JIM SHARKEY (Lab)")
    both = next(s for s in result.stages if graham in s.elected)
    assert both.totals[graham] == both.totals[sharkey]
    assert first_surplus(result) == sharkey
    assert both.elected == (sharkey, graham)
    assert result.elected[:2] == (sharkey, graham)
