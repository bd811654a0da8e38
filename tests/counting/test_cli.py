"""``plenary count``: counting files from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plenary.counting.cli import main

GOOD = """3 2
4 1 2 0
2 3 0
2 2 0
0
"Castor"
"Pollux"
"Helen"
"Twins"
"""


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.blt"
    path.write_text(GOOD)
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.blt"
    path.write_text(GOOD.replace("2 3 0", "2 3 7 0"))
    return path


def test_a_file_is_counted_to_a_text_sheet(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(good)]) == 0
    out = capsys.readouterr().out
    assert "Quota: 3.00000" in out
    assert "Elected, in order: 1. Castor, 2. Pollux" in out


def test_jsonl_gives_one_object_per_file(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(good), str(good), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert record["file"] == str(good)
    assert record["seats"] == 2
    assert record["quota"] == "3.00000"
    assert record["elected"] == ["Castor", "Pollux"]
    assert record["elected_ids"] == [1, 2]
    assert record["stages"][0]["action"] == "first"


def test_a_bad_file_is_reported_and_the_others_still_counted(
    good: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(bad), str(good), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:3: unknown candidate 7" in captured.err
    assert "1 of 2 files failed" in captured.err
    assert json.loads(captured.out)["file"] == str(good)
    assert "Traceback" not in captured.err


def test_an_unknown_method_is_a_clear_error(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(good), "--method", "no-such-rule"]) == 2
    assert "unknown method 'no-such-rule'" in capsys.readouterr().err


def test_more_seats_than_candidates_elects_everyone_standing_and_shows_the_vacancy(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(good), "--seats", "4"]) == 0
    out = capsys.readouterr().out
    assert "Warning: 1 of 4 seats left vacant: only 3 candidates standing" in out
    assert "Vacant: 1 seat of 4" in out


def test_a_file_with_fewer_candidates_than_seats_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What plenary publishes for a section that did not fill: 3 seats, 3 on the paper of
    # whom one withdrew.
    path = tmp_path / "short.blt"
    path.write_text('3 3\n-3\n3 1 2 0\n2 2 1 0\n0\n"Ann"\n"Ben"\n"Cat"\n"Short"\n')
    for method in ("scottish", "meek", "ers97", "wigm"):
        assert main([str(path), "--method", method, "--format", "json"]) == 0
        sheet = json.loads(capsys.readouterr().out)
        assert sheet["elected"] == ["Ann", "Ben"], method
        assert sheet["seats"] == 3
        assert sheet["warnings"] == ["1 of 3 seats left vacant: only 2 candidates standing"]


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_every_format_names_the_elected(
    fmt: str, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(good), "--format", fmt, "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "Castor" in out and "Pollux" in out


def test_seats_can_be_overridden(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(good), "--seats", "1", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["seats"] == 1
    assert record["elected"] == ["Castor"]
