"""Our counts against Droop's, stage by stage (an independent counter, Droop 0.11).

For every ballot file that has a Droop reference for a rule we implement, the elected
candidates (in order) and every stage's totals and non-transferable votes must be equal.
A missing reference is a failure for the cases listed, never written by us.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plenary.counting import CountResult, count
from plenary.counting.blt import read_blt
from plenary.counting.ties import Lot

from .conftest import SHARED_DATA, shared, shared_params
from .droop import read_reference

DROOP = SHARED_DATA / "droop-reference"

# Our method -> the suffix of Droop's reference files for the same rule.
REFERENCES = {
    "scottish": "-scotland-fixed-p5-d5.txt",
    "wigm": "-wigm-prf-fixed-p4-d4.txt",
}


def cases(method: str) -> list[tuple[Path, Path]]:
    suffix = REFERENCES[method]
    found = []
    for ref in sorted((DROOP / "ref" / "json").rglob(f"*{suffix}")):
        relative = ref.relative_to(DROOP / "ref" / "json")
        blt = DROOP / "blt" / relative.parent / (ref.name[: -len(suffix)] + ".blt")
        found.append((blt, ref))
    return found


def _ids(cases: list[tuple[Path, Path]]) -> list[str]:
    return [blt.stem for blt, _ in cases]


def check_against_droop(method: str, blt: Path, ref: Path) -> None:
    shared("droop-reference")
    assert blt.exists(), f"reference {ref.name} has no ballot file {blt}"
    profile = read_blt(blt)
    expected = read_reference(ref, elects_before_transfer=method == "wigm")
    # Droop settles a lot by its tie order (the ballot order unless the file gives one).
    result = count(profile, method, lot=Lot.ballot_order(profile.tie_order))
    assert result.quota == expected.quota
    assert elected_by_stage(result) == sorted(expected.elected)
    ours = [s for s in result.stages if s.action in ("first", "surplus", "exclusion")]
    assert len(ours) == len(expected.stages)
    for stage, theirs in zip(ours, expected.stages, strict=True):
        totals = {c: stage.totals[c - 1] for c in theirs.votes}
        assert totals == theirs.votes, f"stage {stage.number}: {theirs.message}"
        assert stage.exhausted == theirs.non_transferable, f"stage {stage.number}"


def elected_by_stage(result: CountResult) -> list[tuple[int, int]]:
    """(stage, 1-based id) of each election, in order; candidates elected together by
    equal votes are listed in ballot order, since no rule orders them."""
    found = []
    transfers = 0
    for stage in result.stages:
        if stage.action != "elect_remaining":
            transfers += 1  # Droop fills the last vacancies within its last stage
        found.extend((transfers, c + 1) for c in stage.elected)
    return sorted(found)


SCOTTISH = cases("scottish") if DROOP.exists() else []


@pytest.mark.parametrize(
    ("blt", "ref"), shared_params(SCOTTISH, "droop-reference", arity=2), ids=_ids(SCOTTISH) or None
)
def test_scottish_stv_matches_droop_at_every_stage(blt: Path, ref: Path) -> None:
    check_against_droop("scottish", blt, ref)


WIGM = cases("wigm") if DROOP.exists() else []


@pytest.mark.parametrize(
    ("blt", "ref"), shared_params(WIGM, "droop-reference", arity=2), ids=_ids(WIGM) or None
)
def test_wigm_matches_droop_at_every_stage(blt: Path, ref: Path) -> None:
    check_against_droop("wigm", blt, ref)


def test_every_droop_wigm_reference_is_checked() -> None:
    shared("droop-reference")
    assert len(WIGM) == 9


def test_every_droop_scottish_reference_is_checked() -> None:
    shared("droop-reference")
    assert len(SCOTTISH) == 32  # 9 crafted cases and the 23 Glasgow 2007 files
