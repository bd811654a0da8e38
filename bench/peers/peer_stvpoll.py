"""stvpoll: calculate_scottish_stv, its Scottish STV (Decimal arithmetic, Droop
floor(n/(s+1))+1, serial surplus transfers, history then lot tie-breaks; the lot uses
the incoming candidate order here so runs repeat)."""

import sys

from adapter import run
from bltread import Election
from stvpoll.scottish_stv import calculate_scottish_stv

RULE = "its Scottish STV (Decimal, serial transfers)"


def elect(election: Election) -> list[int]:
    candidates = tuple(range(len(election.candidates)))
    result = calculate_scottish_stv(
        candidates, list(election.ballots), election.seats, random_shuffle=False
    )
    return list(result.elected_as_tuple())


if __name__ == "__main__":
    sys.exit(run(elect, RULE))
