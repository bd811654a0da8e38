"""Reading ballots from CSV files of rankings."""

from __future__ import annotations

from pathlib import Path

import pytest

from plenary.counting.cli import main
from plenary.counting.csvballots import CsvBallotError, parse_csv_rankings


def lines(profile):
    return sorted(
        (tuple(int(c) for c in r if c >= 0), int(w))
        for r, w in zip(profile.rankings, profile.weights, strict=True)
    )


def test_preference_columns_with_weights_are_read() -> None:
    text = "weight,1,2,3\n4,Castor,Pollux,\n2,Helen,,\n"
    profile = parse_csv_rankings(text, seats=2)
    assert profile.candidates == ("Castor", "Pollux", "Helen")
    assert lines(profile) == [((0, 1), 4), ((2,), 2)]


def test_a_given_candidate_list_fixes_the_order() -> None:
    text = "pref1,pref2\nHelen,Castor\n"
    profile = parse_csv_rankings(text, seats=1, candidates=["Castor", "Pollux", "Helen"])
    assert lines(profile) == [((2, 0), 1)]


def test_candidate_columns_hold_ranks_and_equal_ranks_are_kept() -> None:
    text = "Castor,Pollux,Helen\n1,2,\n,,1\n1,1,2\n"
    profile = parse_csv_rankings(text, seats=1)
    assert lines(profile) == [((0, 1), 1), ((2,), 1)]
    assert profile.tied_rankings == ((((0, 1), (2,)), 1),)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("1,2\nA,A\n", 2, "ranked twice"),
        ("1,2,3\nA,,B\n", 2, "blank preference"),
        ("weight,1\nx,A\n", 2, "not a whole number"),
        ("A,B\n1,x\n", 2, "not a positive whole number"),
        ("", 1, "empty file"),
    ],
)
def test_bad_csv_files_are_reported_with_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(CsvBallotError) as caught:
        parse_csv_rankings(text, seats=1, path="bad.csv")
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_the_command_counts_a_csv_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "votes.csv"
    path.write_text("weight,1,2\n5,Ann,Bob\n3,Bob,\n1,Cat,Bob\n")
    assert main([str(path), "--seats", "1"]) == 0
    assert "Elected, in order: 1. Ann" in capsys.readouterr().out


def test_more_seats_than_candidates_is_read() -> None:
    profile = parse_csv_rankings("Castor,Pollux\n1,2\n", seats=3)
    assert (profile.n_candidates, profile.seats) == (2, 3)
