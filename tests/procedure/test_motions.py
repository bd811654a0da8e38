import pytest

from plenary.procedure import MotionError, parse_motion
from tests.procedure.conftest import MOTION


def test_points_are_read_with_their_numbers(motion):
    numbers = [line.number for line in motion.lines if line.kind == "point"]
    assert numbers == ["1", "2", "2.3", "a", "a"]


def test_title_and_heading_are_recognised(motion):
    assert [line.kind for line in motion.lines[:2]] == ["title", "heading"]


def test_text_keeps_the_lines_as_written():
    text = "Title\n\n  3.2   Spaced   point\n- a bullet\nPlain words."
    assert parse_motion(text).text == text


def test_an_empty_motion_is_refused():
    with pytest.raises(MotionError):
        parse_motion("  \n\n")


def test_the_fixture_round_trips(motion):
    assert motion.text == MOTION.rstrip("\n")
