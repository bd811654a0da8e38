"""Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42).

Source: https://www.legislation.gov.uk/ssi/2007/42/schedule/1 (Schedule 1, "Counting of
votes", rules 45 to 52), as made. In brief, with the numbers cited in the code:

[45] First stage: sort the valid papers by first preference and credit each candidate
     with one vote per paper.
[46] Quota: valid papers divided by (seats + 1), ignoring decimals, plus one.
[47] A candidate whose votes equal or exceed the quota is elected.
[48] Surplus: all the papers of a candidate over the quota go on to the next available
     preference, each at a transfer value of (surplus x value of the paper) / (candidate's
     votes), "calculated to five decimal places (any remainder being ignored)"; papers with
     no next preference are non-transferable.
[49] Two or more surpluses: the largest first; equal surpluses by the most recent
     preceding stage at which the candidates' votes were unequal, else by lot.
[50] With no surplus to transfer, the candidate with the fewest votes is excluded and all
     their papers pass on at the value they came with.
[51] Equal lowest: the one lowest at the most recent stage where they differed, else lot.
[52] When the continuing candidates equal the vacancies left, they are deemed elected and
     no further transfer is made.

Arithmetic: integers scaled by 10**5 (five places, [48(3)]); votes per paper are
truncated, never rounded up. Validated against Droop 0.11 (``scotland`` rule, fixed point,
5 places): see tests/counting/test_droop_reference.py.
"""

from __future__ import annotations

import numpy as np

from plenary.counting.numbers import array_muldiv_down
from plenary.counting.rules.gregory import GregoryCount, gregory_rule


class ScottishCount(GregoryCount):
    method = "scottish"
    method_name = "Scottish STV (SSI 2007/42, Sch. 1 rules 45-52)"
    places = 5  # [48(3)]

    def calculate_quota(self) -> int:
        # [46] valid papers / (seats + 1), ignoring decimal places, increased by one.
        return (self.valid_papers // (self.seats + 1) + 1) * self.one

    def new_values(self, values: np.ndarray, surplus: int, total: int) -> np.ndarray:
        # [48(3)] surplus x value of the paper / total votes, remainder ignored.
        return array_muldiv_down(values, surplus, total)


count_scottish = gregory_rule(
    ScottishCount,
    source="https://www.legislation.gov.uk/ssi/2007/42/schedule/1",
    aliases=("scotland", "scottish-stv"),
)
