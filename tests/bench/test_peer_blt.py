"""Our minimal BLT reader for the peer adapters (bench/peers/bltread.py)."""

from __future__ import annotations

import json

import pytest

from tests.bench.conftest import DATA

SMALL = """4 2
3 1 2 0
2 2 0
1 4 3 1 0
0
"Ann ""the Axe"" Archer"
Bob Brown (Ind)
"Cat"
"Dan"
"A small ward"
"""


def test_ballot_lines_become_zero_based_rankings_with_their_weights(bltread):
    election = bltread.parse_blt(SMALL)
    assert election.seats == 2
    assert election.ballots == (((0, 1), 3), ((1,), 2), ((3, 2, 0), 1))
    assert election.ballot_count() == 6


def test_names_lose_their_quotes_and_doubled_quotes_become_one(bltread):
    election = bltread.parse_blt(SMALL)
    assert election.candidates == ('Ann "the Axe" Archer', "Bob Brown (Ind)", "Cat", "Dan")
    assert election.title == "A small ward"


def test_blank_ballots_are_dropped_as_they_are_not_valid_votes(bltread):
    election = bltread.parse_blt("2 1\n5 0\n4 2 0\n0\nA\nB\nT\n")
    assert election.ballots == (((1,), 4),)


def test_a_repeated_candidate_keeps_only_its_first_preference(bltread):
    election = bltread.parse_blt("3 1\n1 2 1 2 3 0\n0\nA\nB\nC\nT\n")
    assert election.ballots == (((1, 0, 2), 1),)


def test_withdrawn_candidates_are_struck_from_every_ballot(bltread):
    election = bltread.parse_blt("3 1\n-2\n1 2 1 3 0\n2 2 0\n0\nA\nB\nC\nT\n")
    assert election.ballots == (((0, 2), 1),)


def test_commas_in_the_numbers_are_read_as_spaces_but_kept_in_the_title(bltread):
    election = bltread.parse_blt("2 1,\n7 1 2 0,\n0,\nA\nB\nWard 9, North\n")
    assert election.ballots == (((0, 1), 7),)
    assert election.title == "Ward 9, North"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("3 1\n1 2=3 0\n0\nA\nB\nC\nT\n", 2, "equal preferences"),
        ("3 1\n1 4 0\n0\nA\nB\nC\nT\n", 2, "no candidate 4"),
        ("3 1\n1 2 3\n0\nA\nB\nC\nT\n", 2, "must end with 0"),
        ("3\n1 2 0\n0\nA\nB\nC\nT\n", 1, "candidates seats"),
        ("3 1\n1 2 0\n", 2, "ends early"),
    ],
)
def test_bad_input_names_the_file_line_and_reason(bltread, text, line, reason):
    with pytest.raises(bltread.BltFormatError) as caught:
        bltread.parse_blt(text, "ward.blt")
    assert str(caught.value).startswith(f"ward.blt:{line}: ")
    assert reason in str(caught.value)


def test_the_adapter_reports_a_file_it_cannot_count_and_carries_on(adapter, tmp_path):
    good, bad = tmp_path / "a.blt", tmp_path / "b.blt"
    good.write_text("2 1\n3 2 0\n1 1 0\n0\nA\nB\nT\n")
    bad.write_text("2 1\n3 2=1 0\n0\nA\nB\nT\n")

    def most_first_preferences(election):
        firsts = [0] * len(election.candidates)
        for ranking, weight in election.ballots:
            firsts[ranking[0]] += weight
        return [firsts.index(max(firsts))]

    records = [adapter.count_one(most_first_preferences, path) for path in (good, bad)]
    assert records[0] == {"file": str(good), "elected": [2]}
    assert "equal preferences" in records[1]["error"]
    assert json.dumps(records)  # each is one JSON line on the adapter's output


def test_a_directory_argument_means_every_ballot_file_under_it_in_order(adapter, tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.blt", "1.blt", "notes.txt"):
        (tmp_path / name).write_text("")
    found = list(adapter.ballot_files([str(tmp_path)]))
    assert found == [tmp_path / "1.blt", tmp_path / "b" / "2.blt"]


def test_the_100k_benchmark_file_reads_to_the_figures_its_readme_gives(bltread):
    path = DATA / "synthetic" / "omov_100k.blt"
    if not path.exists():
        pytest.skip(f"shared benchmark data not found at {path}")
    election = bltread.read_blt(path)
    assert (len(election.candidates), election.seats) == (20, 9)
    assert len(election.ballots) == 68_014
    assert election.ballot_count() == 100_000
