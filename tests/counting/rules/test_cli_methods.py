"""``plenary count --method meek|irv|fptp|block|approval`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plenary.counting.cli import main

TWO_SEATS = """4 2
5 1 2 0
3 2 0
2 3 4 0
1 4 0
0
"Ana"
"Ben"
"Cai"
"Dee"
"Committee"
"""


@pytest.fixture
def blt(tmp_path: Path) -> Path:
    path = tmp_path / "committee.blt"
    path.write_text(TWO_SEATS)
    return path


@pytest.mark.parametrize(
    ("method", "seats", "elected"),
    [
        ("meek", [], "1. Ana, 2. Ben"),
        ("irv", ["--seats", "1"], "1. Ana"),
        ("fptp", ["--seats", "1"], "1. Ana"),
        ("block", [], "1. Ben, 2. Ana"),  # Ben 8, Ana 5, Dee 3, Cai 2
        ("approval", [], "1. Ben, 2. Ana"),
    ],
)
def test_each_method_counts_a_file_to_a_sheet(
    blt: Path, method: str, seats: list[str], elected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(blt), "--method", method, "--seed", "3", *seats]) == 0
    assert f"Elected, in order: {elected}" in capsys.readouterr().out


def test_meek_json_names_the_rule_and_its_precision(
    blt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(blt), "--method", "meek", "--format", "json"]) == 0
    sheet = json.loads(capsys.readouterr().out)
    assert sheet["method"] == "meek"
    assert sheet["precision"] == 9


def test_a_single_post_method_on_a_two_seat_file_is_a_clear_error(
    blt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(blt), "--method", "irv"]) == 1
    err = capsys.readouterr().err
    assert f"{blt}: instant-runoff fills one post, not 2" in err
    assert "Traceback" not in err
