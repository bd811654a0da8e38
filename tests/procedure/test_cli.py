import json

import pytest

from plenary.cli import main
from tests.procedure.conftest import MOTION


@pytest.fixture
def files(tmp_path):
    motion = tmp_path / "motion.txt"
    motion.write_text(MOTION, encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text('Delete "annual" and insert "biennial"\n', encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text('Why.\n\nDelete "biennial"\n', encoding="utf-8")
    return motion, first, second


def test_text_format_prints_the_motion_as_amended(files, capsys):
    motion, first, _ = files
    assert main(["amend", str(motion), str(first)]) == 0
    assert "1. The biennial meeting" in capsys.readouterr().out


def test_diff_format_marks_deletions_and_insertions(files, capsys):
    motion, first, _ = files
    assert main(["amend", str(motion), str(first), "--format", "diff"]) == 0
    assert "The [-annual-]{+biennial+} meeting" in capsys.readouterr().out


def test_json_format_lists_edits_with_status(files, capsys):
    motion, first, second = files
    assert main(["amend", str(motion), str(first), str(second), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert "The meeting" in document["motion_as_amended"]
    assert [(e["file"], e["line"], e["kind"], e["status"]) for e in document["edits"]] == [
        (str(first), 1, "replace", "applied"),
        (str(second), 3, "delete", "rebased"),
    ]
    assert {"op": "delete", "text": " annual"} in document["diff"]


def test_an_edit_that_cannot_apply_exits_1_naming_file_and_line(files, tmp_path, capsys):
    motion, _, _ = files
    bad = tmp_path / "bad.txt"
    bad.write_text('Reasons.\n\nDelete "nowhere"\n', encoding="utf-8")
    assert main(["amend", str(motion), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f'{bad}:3: "nowhere" is not found'


def test_an_amendment_that_falls_exits_1(files, capsys):
    motion, first, _ = files
    assert main(["amend", str(motion), str(first), str(first)]) == 1
    assert capsys.readouterr().err.strip() == (
        f'{first}:1: the amendment falls: "annual" is not found, since {first} was carried'
    )


def test_a_missing_file_is_reported_without_traceback(tmp_path, capsys):
    assert main(["amend", str(tmp_path / "none.txt"), str(tmp_path / "x.txt")]) == 1
    assert "plenary amend:" in capsys.readouterr().err


def test_a_usage_error_exits_2(files):
    motion, _, _ = files
    with pytest.raises(SystemExit) as caught:
        main(["amend", str(motion)])
    assert caught.value.code == 2


def test_json_names_block_edits_and_rebased_ones(tmp_path, capsys):
    motion = tmp_path / "motion.txt"
    motion.write_text("Title\nMembers may:\n- attend\n- speak\n\nEnd.\n", encoding="utf-8")
    block = tmp_path / "block.txt"
    block.write_text(
        "Additionally, members should vote.\n\nDelete:\n- attend\n- speak\n\n"
        "Replace with:\n- attend and speak\n- vote\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.txt"
    later.write_text('Insert "by secret ballot" after "vote"\n', encoding="utf-8")
    assert main(["amend", str(motion), str(block), str(later), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["motion_as_amended"] == (
        "Title\nMembers may:\n- attend and speak\n- vote by secret ballot\n\nEnd."
    )
    assert [(e["kind"], e["line"], e["status"]) for e in document["edits"]] == [
        ("replace_block", 3, "applied"),
        ("insert", 1, "rebased"),
    ]


def test_an_amendment_refused_after_another_is_not_said_to_fall(files, tmp_path, capsys):
    motion, first, _ = files
    bad = tmp_path / "bad.txt"
    bad.write_text('Delete "fortnightly" and insert "weekly"\n', encoding="utf-8")
    assert main(["amend", str(motion), str(first), str(bad)]) == 1
    assert capsys.readouterr().err.strip() == f'{bad}:1: "fortnightly" is not found'
