"""Profile: building, grouping and validating ballots."""

from __future__ import annotations

import numpy as np
import pytest

from plenary.counting import Profile, ProfileError, count


def test_identical_rankings_are_merged_by_grouping() -> None:
    profile = Profile.from_rankings("ABC", 1, [([0, 1], 2), ([2], 1), ([0, 1], 3)])
    grouped = profile.grouped()
    assert grouped.rankings.shape[0] == 2
    assert sorted(grouped.weights.tolist()) == [1, 5]
    assert grouped.ballot_count() == profile.ballot_count() == 6


def test_rankings_are_padded_with_minus_one() -> None:
    profile = Profile.from_rankings("ABC", 1, [([0, 1, 2], 1), ([1], 1)])
    assert profile.rankings.dtype == np.int32
    assert profile.rankings.tolist() == [[0, 1, 2], [1, -1, -1]]


def test_compact_lines_hold_the_same_lines_in_small_integers_grouped_by_first_preference() -> None:
    profile = Profile.from_rankings("ABC", 1, [([2, 0], 4), ([0, 1, 2], 1), ([2], 3), ([1], 2)])
    lines = profile.compact_lines
    assert lines.table.dtype == np.int8
    rows = [(tuple(r), int(w)) for r, w in zip(lines.table.tolist(), lines.papers, strict=True)]
    assert rows == [
        ((0, 1, 2, -1), 1),
        ((1, -1, -1, -1), 2),
        ((2, 0, -1, -1), 4),
        ((2, -1, -1, -1), 3),
    ]
    assert lines.starts.tolist() == [0, 1, 2, 4]  # first preferences A, B, C; none blank
    assert profile.rankings.dtype == np.int32  # the profile's own rankings are unchanged


def test_compact_lines_are_made_once_and_cannot_be_written() -> None:
    profile = Profile.from_rankings("ABC", 1, [([0, 1], 1)])
    assert profile.compact_lines is profile.compact_lines
    with pytest.raises(ValueError, match="read-only"):
        profile.compact_lines.table[0, 0] = 2
    with pytest.raises(ValueError, match="read-only"):
        profile.compact_lines.papers[0] = 2


def test_compact_lines_widen_for_more_candidates_than_a_byte_holds() -> None:
    names = [f"C{k}" for k in range(200)]
    profile = Profile.from_rankings(names, 1, [([199, 0], 1), ([3], 1)])
    assert profile.compact_lines.table.dtype == np.int16
    assert profile.compact_lines.table.tolist() == [[3, -1, -1], [199, 0, -1]]
    assert profile.compact_lines.starts[[3, 4, 199, 200]].tolist() == [0, 1, 1, 2]


@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        ([([3], 1)], "unknown candidate 4"),
        ([([0, 0], 1)], "ranked twice"),
        ([([0], -1)], "negative"),
    ],
)
def test_bad_ballots_are_refused(ballots, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile.from_rankings("ABC", 1, ballots)


def test_counting_no_seats_is_refused() -> None:
    profile = Profile.from_rankings("ABC", 1, [([0], 1)])
    with pytest.raises(ProfileError, match="at least one seat"):
        count(profile, "scottish", seats=0)


def test_more_seats_than_candidates_standing_elects_everyone_standing() -> None:
    profile = Profile.from_rankings("ABC", 1, [([0], 1), ([1], 2)], withdrawn=[2])
    result = count(profile, "scottish", seats=3)
    assert sorted(result.elected) == [0, 1]
