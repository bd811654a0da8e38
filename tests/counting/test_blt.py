"""Reading and writing BLT files: the dialects we accept and the errors we report."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.counting import Profile
from plenary.counting.blt import BltError, blt_text, parse_blt, read_blt, write_blt

SIMPLE = b"""3 2
4 1 2 0
2 3 0
0
"Castor"
"Pollux"
"Helen"
"Pollux and Helen should tie"
"""


def rows(profile: Profile) -> list[tuple[tuple[int, ...], int]]:
    """Each strict line as (0-based ranking, weight), sorted, for comparisons."""
    found = [
        (tuple(int(c) for c in r if c >= 0), int(w))
        for r, w in zip(profile.rankings, profile.weights, strict=True)
    ]
    return sorted(found)


def test_a_plain_file_gives_candidates_seats_title_and_ballots() -> None:
    profile = parse_blt(SIMPLE)
    assert profile.candidates == ("Castor", "Pollux", "Helen")
    assert profile.seats == 2
    assert profile.title == "Pollux and Helen should tie"
    assert rows(profile) == [((0, 1), 4), ((2,), 2)]


def test_reading_makes_the_compact_lines_the_counts_use() -> None:
    profile = parse_blt(SIMPLE)
    assert "compact_lines" in vars(profile)  # made while reading, not by the first count
    assert profile.compact_lines.table.tolist() == [[0, 1, -1], [2, -1, -1]]
    assert profile.ballot_count() == 6


def test_the_fast_and_exact_paths_agree() -> None:
    # A ballot id forces the exact path for the whole section.
    exact = parse_blt(SIMPLE.replace(b"2 3 0\n", b"2 3 0\n(b1) 3 1 0\n"))
    fast = parse_blt(SIMPLE.replace(b"2 3 0\n", b"2 3 0\n1 3 1 0\n"))
    assert rows(exact) == rows(fast)


def test_withdrawn_candidates_are_read_from_negative_numbers() -> None:
    profile = parse_blt(SIMPLE.replace(b"3 2\n", b"3 2\n-2\n"))
    assert profile.withdrawn == frozenset({1})


def test_droop_options_withdrawn_tie_and_nick_are_understood() -> None:
    text = b'3 1\n[withdrawn 3]\n[tie 2 1 3]\n[nick a b c]\n2 a b 0\n1 c 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    profile = parse_blt(text)
    assert profile.withdrawn == frozenset({2})
    assert profile.tie_order == (1, 0, 2)
    assert rows(profile) == [((0, 1), 2), ((2,), 1)]


def test_equal_preferences_are_kept_apart_exactly() -> None:
    profile = parse_blt(SIMPLE.replace(b"2 3 0\n", b"2 3=1 2 0\n"))
    assert profile.tied_rankings == ((((2, 0), (1,)), 2),)
    assert rows(profile) == [((0, 1), 4)]


def test_ballots_with_no_preference_are_counted_as_invalid() -> None:
    profile = parse_blt(SIMPLE.replace(b"2 3 0\n", b"2 3 0\n5 0\n"))
    assert profile.invalid == 5
    assert profile.ballot_count() == 6


def test_unquoted_names_and_title_are_accepted() -> None:
    text = b"2 1\n3 1 0\n0\nAnn SMITH (Lab)\nBob JONES\nWard 1 - Town\n"
    profile = parse_blt(text)
    assert profile.candidates == ("Ann SMITH (Lab)", "Bob JONES")
    assert profile.title == "Ward 1 - Town"


def test_doubled_quotes_make_a_party_label() -> None:
    text = b'2 1\n3 1 0\n0\n"""Ann SMITH"" ""Labour"""\n"Bob JONES ""Green"""\n"T"\n'
    assert parse_blt(text).candidates == ("Ann SMITH (Labour)", "Bob JONES (Green)")


def test_two_quoted_strings_on_a_line_are_name_and_party() -> None:
    text = b'2 1\n3 1 0\n0\n"Ann SMITH" "Labour"\n"Bob JONES" "Green"\n"T"\n'
    assert parse_blt(text).candidates == ("Ann SMITH (Labour)", "Bob JONES (Green)")


def test_names_given_only_as_alternative_name_comments_are_used() -> None:
    text = (
        b"2 1\n3 1 0\n0\n"
        b"# ALTERNATIVE NAME 1: Ann Smith (Lab)\n# ALTERNATIVE NAME 2: Bob Jones\nLinn\n"
    )
    profile = parse_blt(text)
    assert profile.candidates == ("Ann Smith (Lab)", "Bob Jones")
    assert profile.title == "Linn"


def test_a_spreadsheet_export_with_trailing_commas_is_read() -> None:
    text = b"2 1,\n3 1 0,\n2 2 1 0,\n0,\nAnn,SMITH\nBob JONES,\nWard 9,\n"
    profile = parse_blt(text)
    assert profile.candidates == ("Ann SMITH", "Bob JONES")
    assert rows(profile) == [((0,), 3), ((1, 0), 2)]


def test_more_seats_than_candidates_is_read() -> None:
    profile = parse_blt(b'3 4\n4 1 2 0\n0\n"A"\n"B"\n"C"\n"T"\n')
    assert (profile.n_candidates, profile.seats) == (3, 4)


def test_a_byte_order_mark_and_windows_line_ends_are_accepted() -> None:
    profile = parse_blt(b"\xef\xbb\xbf" + SIMPLE.replace(b"\n", b"\r\n"))
    assert profile.candidates == ("Castor", "Pollux", "Helen")
    assert rows(profile) == [((0, 1), 4), ((2,), 2)]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (b"3 2\n4 1 4 0\n0\n", 2, "unknown candidate 4"),
        (b"3 2\n4 1 2 1 0\n0\n", 2, "candidate 1 ranked twice"),
        (b"3 2\n4 1 2 0\n2 3\n0\n", 3, "does not end with 0"),
        (b"3 2\n4 1 2 0\n2 3 0\n", 3, "no line with a single 0"),
        (b"three 2\n", 1, "number-of-candidates seats"),
        (b'3 2\n4 1 2 0\n0\n"A"\n', 4, "1 candidate names after the ballots: expected 3"),
        (b"3 2\n-7\n4 1 2 0\n0\n", 2, "unknown candidate"),
        (b"", 1, "empty file"),
        (b"3 2\n99999999999999999999 1 0\n0\n", 2, "too large"),
        (b'3 2\n90000000 1 0\n90000000 2 0\n0\n"A"\n"B"\n"C"\n', 1, "are refused"),
    ],
)
def test_bad_files_are_reported_with_line_and_reason(text: bytes, line: int, reason: str) -> None:
    with pytest.raises(BltError) as caught:
        parse_blt(text, path="bad.blt")
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"bad.blt:{line}: ")


def test_a_missing_file_is_a_blt_error() -> None:
    with pytest.raises(BltError, match="cannot read file"):
        read_blt("/nonexistent/ward.blt")


def test_writing_then_reading_gives_the_same_profile() -> None:
    profile = parse_blt(
        SIMPLE.replace(b"2 3 0\n", b"2 3=1 0\n1 2 0\n").replace(b"3 2\n", b"3 2\n-1\n")
    )
    again = parse_blt(blt_text(profile))
    assert again.candidates == profile.candidates
    assert again.title == profile.title
    assert again.withdrawn == profile.withdrawn
    assert rows(again) == rows(profile)
    assert again.tied_rankings == profile.tied_rankings


def test_names_with_quotes_survive_a_round_trip() -> None:
    profile = Profile.from_rankings(['Ann "Red" Smith', "Bob"], 1, [([0], 2)], title='T "x"')
    buffer = io.StringIO()
    write_blt(profile, buffer)
    again = parse_blt(buffer.getvalue())
    assert again.candidates[1] == "Bob"
    assert again.candidates[0].startswith("Ann")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_profile_or_a_blt_error_with_a_line(data: bytes) -> None:
    try:
        profile = parse_blt(data, path="fuzz.blt")
    except BltError as exc:
        assert exc.line >= 0
        assert exc.path == "fuzz.blt"
    else:
        assert isinstance(profile, Profile)


BLT_LIKE = st.lists(
    st.sampled_from(
        [
            b"3 2",
            b"4 1 2 0",
            b"2 3=1 0",
            b"0",
            b'"A"',
            b"B",
            b"-2",
            b"(x) 1 0",
            b"",
            b"1 2 0,",
            b"# c",
            b"[tie 1 2 3]",
            b"5 0",
            b"1 9 0",
            b"2 1 1 0",
        ]
    ),
    max_size=12,
).map(b"\n".join)


@settings(max_examples=300, deadline=None)
@given(BLT_LIKE)
def test_blt_like_text_gives_a_profile_or_a_blt_error(data: bytes) -> None:
    try:
        profile = parse_blt(data)
    except BltError as exc:
        assert exc.line >= 1
    else:
        assert profile.rankings.dtype == np.int32
        assert (profile.rankings < profile.n_candidates).all()


PLAIN_LINES = st.integers(1, 70).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(st.integers(1, 5), st.lists(st.integers(1, n), max_size=8)),
            min_size=1,
            max_size=20,
        ),
    )
)


@settings(max_examples=200, deadline=None)
@given(PLAIN_LINES)
def test_the_numpy_path_reads_plain_lines_as_the_line_by_line_path_does(
    election: tuple[int, list[tuple[int, list[int]]]],
) -> None:
    n, lines = election
    body = b"".join(
        b" ".join(str(x).encode() for x in (weight, *ranking, 0)) + b"\n"
        for weight, ranking in lines
    )
    names = b"".join(b'"C%d"\n' % k for k in range(n))
    plain = b"%d 1\n" % n + body + b"0\n" + names
    # A comment on the first ballot line sends the whole section down the exact path.
    first_end = plain.index(b"\n", plain.index(b"\n") + 1)
    commented = plain[:first_end] + b" # exact" + plain[first_end:]
    outcomes = []
    for text in (plain, commented):
        try:
            profile = parse_blt(text)
        except BltError as exc:
            outcomes.append((exc.line, exc.reason))
        else:
            outcomes.append((rows(profile), profile.invalid))
    assert outcomes[0] == outcomes[1]
