"""WIGM: the Proportional Representation Foundation's reference Weighted Inclusive
Gregory Method (single defeat).

Source: the PRF reference rule "WIGM" (prfound.org, Reference STV rules), as restated
step by step in Droop's ``wigm_prf`` rule. In brief, with the step letters cited below:

A.1  Quota: valid ballots / (seats + 1), truncated to four places, plus 0.0001.
B.1  Elect every hopeful candidate whose vote reaches the quota (surplus pending).
B.3  Transfer the largest surplus (ties: a predetermined random order, D.1): each
     ballot's weight becomes weight x surplus / vote, every ballot of the candidate.
B.4  Otherwise defeat the hopeful candidate with the lowest vote (ties by D.1) and pass
     on their ballots at their current weights.
C    When the seats left equal the hopefuls left (D.3), they are elected.
D.4  "Truncate, with no rounding, the result of each multiplication or division to four
     decimal places": weight x surplus is truncated, then the division is truncated.

Differences from Scottish STV: four places, a quota of votes/(seats+1) + 0.0001, the two
truncations of D.4, and ties settled by the lot directly (no look back at earlier stages).
Validated against Droop 0.11 (``wigm-prf``, fixed point, 4 places).
"""

from __future__ import annotations

import numpy as np

from plenary.counting.rules.gregory import GregoryCount, gregory_rule


class WigmCount(GregoryCount):
    method = "wigm"
    method_name = "WIGM (Proportional Representation Foundation reference rule)"
    places = 4  # D.4
    look_back = False  # D.1: a predetermined random order, nothing else

    def calculate_quota(self) -> int:
        # A.1 total / (seats + 1), truncated to four places, plus 0.0001.
        return (self.valid_papers * self.one) // (self.seats + 1) + 1

    def new_values(self, values: np.ndarray, surplus: int, total: int) -> np.ndarray:
        # B.3 weight x surplus / vote, each step truncated to four places (D.4).
        if values.size and int(values.max()) * surplus >= 2**63:
            raise OverflowError("fixed-point product too large for int64")
        product = (values * np.int64(surplus)) // np.int64(self.one)
        return (product * np.int64(self.one)) // np.int64(total)


count_wigm = gregory_rule(
    WigmCount,
    source="https://prfound.org/resources/reference/reference-wigm-rule/",
    aliases=("wigm-prf",),
)
