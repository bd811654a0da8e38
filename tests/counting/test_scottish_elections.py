"""All 1,100 real Scottish council elections read and count soundly under Scottish STV."""

from __future__ import annotations

import pytest

from plenary.counting import count
from plenary.counting.blt import read_blt
from plenary.counting.checks import check_result

from .conftest import SHARED_DATA, shared, shared_params

SCOTLAND = SHARED_DATA / "scotland"
FILES = sorted(SCOTLAND.rglob("*.blt")) if SCOTLAND.exists() else []


def test_all_scottish_files_are_there() -> None:
    shared("scotland")
    assert len(FILES) == 1100


@pytest.mark.parametrize(
    "folder", shared_params(sorted({f.parent.name for f in FILES}), "scotland")
)
def test_every_real_scottish_election_counts_soundly(folder: str) -> None:
    shared("scotland")
    for path in (f for f in FILES if f.parent.name == folder):
        profile = read_blt(path)
        result = count(profile, "scottish", seed=1)
        assert check_result(result) == [], path.name
        assert len(result.elected) == profile.seats, path.name
        removed = result.invalid - profile.invalid  # left blank by withdrawals
        assert result.valid_votes == profile.ballot_count() - removed, path.name
