"""ERS97: the published figures of the ERS97 model election, and counts checked by hand.

The ERS97 booklet (section 8) publishes its model election only as a narrative, so its
ballots cannot be recovered in full. Its stated facts for the first two stages are: 753
valid votes, 11 candidates, 6 places, quota 107.58; Smith has 134 first preferences, of
which 123 papers are transferable, giving a transfer value of 0.21 and a non-transferable
difference of 0.59; the two lowest candidates have 24 and 23 votes. The profile below is
our own, built to have exactly those facts.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from plenary.counting import Profile, count
from plenary.counting.checks import check_result

from .strategies import profiles

A, B, C, D, E = range(5)


def model_election() -> Profile:
    names = ["Smith", *(f"Candidate {i}" for i in range(1, 11))]
    others = [88, 85, 83, 80, 75, 70, 48, 43, 24, 23]
    to_others = [30, 25, 20, 15, 10, 8, 6, 4, 3, 2]  # Smith's 123 transferable papers
    lines = [((0,), 11)]  # 11 of Smith's papers show no further preference
    lines += [((0, i + 1), k) for i, k in enumerate(to_others)]
    lines += [((i + 1,), votes) for i, votes in enumerate(others)]
    return Profile.from_rankings(names, 6, lines, title="ERS97 model election (stages 1-2)")


def test_the_model_election_quota_is_rounded_up_to_two_places() -> None:
    result = count(model_election(), "ers97", seed=1)
    assert result.valid_votes == Decimal("753.00")
    assert result.quota == Decimal("107.58")
    assert result.stages[0].elected == (0,)


def test_the_model_election_surplus_goes_at_0_21_leaving_0_59_non_transferable() -> None:
    result = count(model_election(), "ers97", seed=1)
    stage = result.stages[1]
    assert stage.action == "surplus" and stage.subject == (0,)
    assert stage.transfer_value == Decimal("0.21")
    assert stage.totals[0] == Decimal("107.58")
    assert stage.exhausted == Decimal("0.59")
    assert stage.lost_to_rounding == 0
    assert stage.totals[1] == Decimal(88) + 30 * Decimal("0.21")
    assert check_result(result) == []


def test_a_surplus_too_small_to_matter_is_deferred_and_the_lowest_go_together() -> None:
    # quota 100 / 3 -> 33.34; A's surplus 0.66 cannot lift E (7) past D (9).
    lines = [((A, B), 34), ((B,), 30), ((C,), 20), ((D,), 9), ((E, C), 7)]
    result = count(Profile.from_rankings("ABCDE", 2, lines), "ers97", seed=1)
    second = result.stages[1]
    assert second.action == "exclusion"
    assert set(second.subject) == {D, E}
    assert second.totals[C] == Decimal(27)
    assert result.elected == (A, B)
    assert all(s.action != "surplus" for s in result.stages)


def test_only_the_last_received_batch_makes_up_a_later_surplus() -> None:
    # quota 78 / 4 = 19.50. A's surplus 10.50 over 30 papers: 0.35 each, B reaches 22.50.
    lines = [((A, B, D), 30), ((B, C), 12), ((C,), 15), ((D,), 10), ((E,), 11)]
    result = count(Profile.from_rankings("ABCDE", 3, lines), "ers97", seed=1)
    first_surplus, second_surplus = result.stages[1], result.stages[2]
    assert first_surplus.transfer_value == Decimal("0.35")
    assert first_surplus.elected == (B,)
    # B's surplus of 3.00 comes from the 30 papers received from A, at 0.10 each; B's own
    # papers (next preference C) stay with B.
    assert second_surplus.subject == (B,)
    assert second_surplus.transfer_value == Decimal("0.10")
    assert second_surplus.totals[D] == Decimal(13)
    assert second_surplus.totals[C] == Decimal(15)
    assert result.elected == (A, B, C)


def test_the_quota_is_recalculated_while_no_one_is_elected() -> None:
    # quota 30 / 3 = 10.00; D's 4 papers are non-transferable: (30 - 4) / 3 -> 8.67.
    lines = [((A,), 9), ((B, A), 9), ((C,), 8), ((D,), 4)]
    result = count(Profile.from_rankings("ABCD", 2, lines), "ers97", seed=1)
    assert result.quota == Decimal("8.67")
    assert result.stages[1].subject == (D,)
    assert result.stages[1].elected == (A, B)


def test_an_excluded_candidates_papers_move_highest_value_first() -> None:
    # quota 65 / 4 = 16.25. A's surplus 3.75 over 20 papers: 0.18 each, to C (7.60).
    # F then C are excluded. C's 1.00 batch lifts D to 15.00, enough once C's papers are
    # counted as awaiting transfer (5.4.9(b)), so C's 0.18 batch passes D by, to E.
    F = 5
    lines = [((A, C, D, E), 20), ((C, D), 4), ((F,), 5), ((D,), 11), ((E,), 12), ((B,), 13)]
    result = count(Profile.from_rankings("ABCDEF", 3, lines), "ers97", seed=1)
    surplus, exclusion = result.stages[1], result.stages[3]
    assert surplus.transfer_value == Decimal("0.18")
    assert surplus.totals[C] == Decimal("7.60")
    assert result.stages[2].subject == (F,)
    assert exclusion.subject == (C,)
    assert exclusion.totals[D] == Decimal(15)
    assert exclusion.totals[E] == Decimal("15.60")
    assert exclusion.elected == (D, E)
    assert result.elected == (A, D, E)


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_ers97_counts_always_balance_and_fill_the_seats(profile: Profile) -> None:
    result = count(profile, "ers97", seed=3)
    assert check_result(result) == []
