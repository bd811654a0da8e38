"""Meek against Droop 0.11's ``meek-prf`` rule (the PR Foundation reference, fixed point, 9
places, omega 10^-6): for every ballot file with a ``-meek-prf-o6-fixed-p9-d9`` reference, the
same candidates elected in the same order and the same vote for every candidate at every
stage. Droop settles lots by ballot order, so these counts do too."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from plenary.counting import Lot, count
from plenary.counting.blt import read_blt
from plenary.counting.checks import check_result

from ..conftest import SHARED_DATA, shared

DATA = SHARED_DATA / "droop-reference"
SUFFIX = "-meek-prf-o6-fixed-p9-d9.txt"
REFERENCES = sorted((DATA / "ref" / "json").glob(f"*{SUFFIX}"))


def _case(reference: Path) -> str:
    return reference.name.removesuffix(SUFFIX)


def _votes(action: dict, n: int) -> tuple[Decimal, ...]:
    # Withdrawn candidates carry no vote in Droop's JSON.
    return tuple(Decimal(action["cstate"][str(c + 1)].get("vote", "0")) for c in range(n))


@pytest.fixture(params=REFERENCES or [None], ids=lambda p: _case(p) if p else "no-data")
def reference(request):
    shared("droop-reference")
    return request.param


def _count(reference: Path):
    profile = read_blt(DATA / "blt" / f"{_case(reference)}.blt")
    droop = json.loads(reference.read_text(encoding="utf-8"))
    # Droop settles a lot by its tie order (the ballot order unless the file gives one).
    return profile, count(profile, "meek", lot=Lot.ballot_order(profile.tie_order)), droop


def test_the_reference_suite_is_all_there():
    shared("droop-reference")
    assert len(REFERENCES) >= 9


def test_meek_elects_the_same_candidates_in_the_same_order_as_droop(reference):
    profile, result, droop = _count(reference)
    expected = [a["msg"].split(": ", 1)[1] for a in droop["actions"] if a["tag"] == "elect"]
    assert list(result.elected_names) == expected
    assert result.seats == droop["seats"]
    assert check_result(result) == []


def test_meek_has_the_same_votes_as_droop_at_every_stage(reference):
    profile, result, droop = _count(reference)
    n = profile.n_candidates
    compared = 0
    for action in droop["actions"]:
        if action["tag"] == "begin":
            stage = result.stages[0]
        elif action["tag"] in ("elect", "defeat") and "remaining" not in action["msg"]:
            stage = result.stages[action["round"]]  # stage 1 is the first count, then rounds
        elif action["tag"] == "end":
            stage = result.final
        else:
            continue
        assert stage.totals == _votes(action, n), f"{action['msg']} (round {action['round']})"
        compared += 1
    assert compared >= 3


def test_meek_defeats_the_same_candidates_in_the_same_rounds_as_droop(reference):
    profile, result, droop = _count(reference)
    expected = [
        (a["round"], a["msg"].split(": ", 1)[1])
        for a in droop["actions"]
        if a["tag"] == "defeat" and "remaining" not in a["msg"]
    ]
    got = [
        (stage.number - 1, profile.candidates[stage.excluded[0]])
        for stage in result.stages
        if stage.action == "exclusion"
    ]
    assert got == expected


def test_meek_ends_with_droops_quota_and_residual(reference):
    profile, result, droop = _count(reference)
    end = next(a for a in droop["actions"] if a["tag"] == "end")
    assert result.quota == Decimal(end["quota"])
    assert result.final.exhausted + result.final.lost_to_rounding == Decimal(end["residual"])
