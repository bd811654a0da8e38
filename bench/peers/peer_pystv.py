"""pystv (imported as pyrcv): run_rcv, a numpy STV with fractional surplus transfer of
every paper, integer Droop quota floor(n/(s+1))+1, all candidates over quota elected at
once, ties for exclusion by numpy's random choice (seeded here so runs repeat)."""

import sys

import numpy as np
from adapter import run
from bltread import Election
from pyrcv import RaceData, RaceMetadata, run_rcv

RULE = "STV, fractional transfer of all papers (float), Droop floor(n/(s+1))+1"


def elect(election: Election) -> list[int]:
    np.random.seed(0)  # pystv breaks exclusion ties with np.random.choice
    metadata = RaceMetadata(election.title or "race", election.seats, list(election.candidates))
    # pystv numbers candidates from 1; 0 is its "no mark".
    rankings = [[c + 1 for c in ranking] for ranking, _ in election.ballots]
    votes = [weight for _, weight in election.ballots]
    result = run_rcv(RaceData(metadata, rankings, votes))
    return [int(c) - 1 for round_ in result.rounds for c in round_.elected]


if __name__ == "__main__":
    sys.exit(run(elect, RULE))
