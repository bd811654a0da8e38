"""What a ballot file may ask of the counter: at most MAX_CANDIDATES candidates and a
rankings table of at most MAX_TABLE_CELLS cells, refused as ``FILE:LINE: reason`` when the
file is read, before any cost that grows faster than the file (issue 10, item 5)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from plenary.counting import Profile, ProfileError
from plenary.counting import profile as profile_module
from plenary.counting.blt import BltError, parse_blt
from plenary.counting.cli import main
from plenary.counting.csvballots import CsvBallotError, parse_csv_rankings
from plenary.counting.profile import MAX_CANDIDATES, MAX_TABLE_CELLS
from plenary.counting.rules import count

SRC = Path(__file__).resolve().parents[2] / "src"


def blt(n: int, ballots: list[str], seats: int = 1) -> bytes:
    names = "".join(f'"C{k}"\n' for k in range(1, n + 1))
    return f'{n} {seats}\n{"".join(b + chr(10) for b in ballots)}0\n{names}"T"\n'.encode()


def full_ranking(n: int) -> str:
    return "1 " + " ".join(str(c) for c in range(1, n + 1)) + " 0"


def test_the_limits_are_documented_values() -> None:
    assert MAX_CANDIDATES == 1_000
    assert MAX_TABLE_CELLS == 10**8


def test_as_many_candidates_as_the_limit_are_read() -> None:
    profile = parse_blt(blt(MAX_CANDIDATES, [full_ranking(MAX_CANDIDATES), "1 3 0"]))
    assert profile.n_candidates == MAX_CANDIDATES


@pytest.mark.parametrize("n", [MAX_CANDIDATES + 1, 100_000, 10**6])
def test_more_candidates_are_refused_on_the_header_line(n: int) -> None:
    started = time.perf_counter()
    with pytest.raises(BltError) as error:
        parse_blt(blt(n, ["1 1 0", f"1 {n} 0"]), path="many.blt")
    assert str(error.value) == f"many.blt:1: {n:,} candidates: more than 1,000 are refused"
    assert (error.value.line, error.value.path) == (1, "many.blt")
    assert time.perf_counter() - started < 5  # refused, not counted


def test_a_profile_built_in_code_is_held_to_the_same_limit() -> None:
    names = [f"C{k}" for k in range(MAX_CANDIDATES + 1)]
    with pytest.raises(ProfileError, match="1,001 candidates: more than 1,000 are refused"):
        Profile.from_rankings(names, 1, [((0,), 1)])


def test_the_command_refuses_100000_candidates_with_file_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.blt"
    path.write_bytes(blt(100_000, ["1 1 0", "1 100000 0"]))
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1: 100,000 candidates: more than 1,000 are refused" in err.splitlines()
    assert "Traceback" not in err


def test_a_million_candidates_is_a_clean_refusal_not_a_memory_error(tmp_path: Path) -> None:
    path = tmp_path / "million.blt"
    path.write_bytes(blt(10**6, ["1 1 0", "1 1000000 0"]))
    done = subprocess.run(
        [sys.executable, "-m", "plenary.counting", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        check=False,
    )
    assert done.returncode == 1
    assert f"{path}:1: 1,000,000 candidates: more than 1,000 are refused" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr


def test_short_ballots_beside_one_long_one_are_refused_at_the_line_that_overflows() -> None:
    # Every line is padded to the longest: 1,001 cells a line here, so the table passes
    # MAX_TABLE_CELLS with ballot line number ``overflow`` (file line 1 + overflow).
    overflow = MAX_TABLE_CELLS // (MAX_CANDIDATES + 1) + 1
    ballots = [full_ranking(MAX_CANDIDATES)] + ["1 2 0"] * overflow
    with pytest.raises(BltError) as error:
        parse_blt(blt(MAX_CANDIDATES, ballots), path="wide.blt")
    assert error.value.line == 1 + overflow
    assert "padded to the longest ranking (1,000 preferences)" in error.value.reason
    assert "more than 100,000,000 are refused" in error.value.reason


@pytest.mark.parametrize("first", ["1 2 0", "1 2=3 0", "(b1) 2 0"])
def test_the_table_limit_holds_on_the_plain_and_the_exact_paths(
    first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profile_module, "MAX_TABLE_CELLS", 49)
    ballots = [first, full_ranking(9), "1 2 0", "1 3 0", "1 4 0"]
    with pytest.raises(BltError, match="would need 50 cells: more than 49") as error:
        parse_blt(blt(9, ballots))
    assert error.value.line == 6  # the header, then the 5th ballot: 5 lines x 10 cells
    assert parse_blt(blt(9, ballots[:4])).n_candidates == 9  # 4 x 10 cells are fine


def test_the_table_limit_holds_for_profiles_built_in_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_module, "MAX_TABLE_CELLS", 49)
    ballots = [((0,), 1)] * 4 + [(tuple(range(9)), 1)]
    with pytest.raises(ProfileError, match="would need 50 cells"):
        Profile.from_rankings([f"C{k}" for k in range(9)], 1, ballots)


def test_a_ballot_of_a_million_preferences_is_refused_at_once() -> None:
    started = time.perf_counter()
    ballot = "1 " + "1 2 3 " * 333_334 + "0"
    with pytest.raises(BltError, match="candidate 1 ranked twice") as error:
        parse_blt(blt(3, ["1 2 0", ballot]))
    assert error.value.line == 3
    assert time.perf_counter() - started < 5


def test_a_million_seats_for_three_candidates_is_counted_at_once() -> None:
    # More seats than candidates is not refused (the seats left are vacant), and costs
    # nothing that grows with the number of seats.
    started = time.perf_counter()
    profile = parse_blt(blt(3, ["1 1 0"], seats=10**6))
    for method in ("scottish", "meek", "ers97", "wigm", "block"):
        result = count(profile, method)
        assert result.vacancies == 10**6 - 3
    assert time.perf_counter() - started < 5


def test_a_csv_file_with_too_many_candidates_is_refused_on_its_header() -> None:
    header = ",".join(f"C{k}" for k in range(MAX_CANDIDATES + 1))
    with pytest.raises(CsvBallotError) as error:
        parse_csv_rankings(header + "\n" + "1\n", seats=1, path="many.csv")
    assert str(error.value) == "many.csv:1: 1,001 candidates: more than 1,000 are refused"
