"""Reading Droop's JSON reference output (droop-reference/ref/json) for comparison.

Droop logs every action of a count; the ones that end a stage are ``begin`` (first
preferences) and ``transfer`` (a surplus or an exclusion). Each carries every candidate's
vote (``cstate``) and the non-transferable votes so far (``nt_votes``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class DroopStage:
    message: str
    votes: dict[int, Decimal]  # 1-based candidate id -> vote (withdrawn candidates absent)
    non_transferable: Decimal


@dataclass(frozen=True)
class DroopCount:
    quota: Decimal
    elected: tuple[tuple[int, int], ...]  # (stage, 1-based id) in order of election
    stages: tuple[DroopStage, ...]


def read_reference(path: Path, *, elects_before_transfer: bool = False) -> DroopCount:
    """Droop's count; ``elects_before_transfer`` for rules (WIGM) that elect at the start
    of a round, after the previous round's transfer, rather than at its end."""
    data = json.loads(path.read_text())
    ids = {v["name"]: int(k) for k, v in data["cdict"].items()}
    stages = []
    elected: list[tuple[int, int]] = []
    for action in data["actions"]:
        if action["tag"] in ("begin", "transfer"):
            votes = {
                int(cid): Decimal(c["vote"])
                for cid, c in action["cstate"].items()
                if c["state"] != "withdrawn"
            }
            stages.append(DroopStage(action["msg"], votes, Decimal(action["nt_votes"])))
        if action["tag"] == "elect":
            # Round r ends with stage r + 1 (round 0 is the first count).
            early = elects_before_transfer and "remaining" not in action["msg"]
            stage = action["round"] if early else action["round"] + 1
            elected.append((stage, ids[action["msg"].split(": ", 1)[1]]))
    return DroopCount(Decimal(str(data["quota"])), tuple(elected), tuple(stages))
