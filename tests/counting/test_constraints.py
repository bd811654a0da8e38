"""Reserved seats and minimum representation in the STV rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.counting import Profile, count, minimum_share, reserved_seats
from plenary.counting.checks import check_result
from plenary.counting.constraints import forced_step
from plenary.counting.rules import UnsupportedOption

from .strategies import profiles

A, B, C, D, E = range(5)


def test_a_candidate_who_would_take_the_reserved_seat_is_passed_over() -> None:
    # quota 100 // 3 + 1 = 34: A and B both reach it, but one seat is reserved for C.
    lines = [((A,), 40), ((B, C), 35), ((C,), 25)]
    bame = reserved_seats("BAME reserved seat", [C])
    result = count(Profile.from_rankings("ABC", 2, lines), "scottish", constraints=[bame])
    assert result.elected == (A, C)
    passed = next(s for s in result.stages if s.action == "constraint")
    assert passed.excluded == (B,)
    assert any("BAME reserved seat" in note for note in passed.notes)
    assert result.constraints == ("BAME reserved seat: at least 1 of C",)
    assert check_result(result) == []


def test_the_last_members_still_needed_are_deemed_elected() -> None:
    lines = [((A,), 30), ((B,), 28), ((C,), 25), ((D,), 5)]
    women = reserved_seats("Women's seat", [D])
    result = count(Profile.from_rankings("ABCD", 2, lines), "scottish", constraints=[women])
    assert D in result.elected
    stage = next(s for s in result.stages if s.action == "constraint")
    assert stage.elected == (D,)


def test_half_of_the_seats_for_women_rounds_up() -> None:
    assert minimum_share("Women", [1, 2], 5, "1/2").minimum == 3
    assert minimum_share("Women", [1, 2], 4, "1/2").minimum == 2


def test_no_step_is_forced_once_a_constraint_is_met() -> None:
    bame = reserved_seats("BAME", [C])
    assert forced_step([bame], elected=[C], hopeful=[A, B], seats_left=1) is None


def test_a_rule_without_constraints_refuses_them() -> None:
    profile = Profile.from_rankings("AB", 1, [((A,), 2)])
    try:
        count(profile, "ers97", constraints=[reserved_seats("X", [B])])
    except UnsupportedOption as exc:
        assert "does not take constraints" in str(exc)
    else:
        raise AssertionError("ers97 accepted constraints")


@settings(max_examples=150, deadline=None)
@given(profiles(), st.data())
def test_a_satisfiable_minimum_is_always_met(profile: Profile, data: st.DataObject) -> None:
    n = profile.n_candidates
    members = data.draw(st.sets(st.integers(0, n - 1), min_size=1))
    minimum = data.draw(st.integers(1, min(len(members), profile.seats)))
    constraint = reserved_seats("group", members, minimum)
    for method in ("scottish", "wigm"):
        result = count(profile, method, seed=4, constraints=[constraint])
        assert check_result(result) == []
        assert sum(1 for c in result.elected if c in members) >= minimum
