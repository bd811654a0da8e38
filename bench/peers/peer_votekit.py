"""votekit: elections.FastSTV (its numpy STV) on a RankProfile: fractional transfer,
Droop floor(n/(s+1))+1, everyone over quota elected together (as Scottish STV deems
them elected), ties by its seeded random choice so runs repeat.

votekit's pure-Python ``STV`` class counts the same rule but took 140 s on the 100k
file here, so the faster class is the fair comparison."""

import sys

from adapter import run
from bltread import Election
from votekit import RankBallot, RankProfile
from votekit.elections import FastSTV

RULE = "STV, fractional transfer (float), Droop floor(n/(s+1))+1"


def elect(election: Election) -> list[int]:
    names = [str(number) for number in range(1, len(election.candidates) + 1)]
    ballots = [
        RankBallot(ranking=[names[c] for c in ranking], weight=weight)
        for ranking, weight in election.ballots
    ]
    profile = RankProfile(ballots=ballots, candidates=names, max_ranking_length=len(names))
    count = FastSTV(
        profile, n_seats=election.seats, simultaneous=True, tiebreak="random", rng_seed=0
    )
    return [int(name) - 1 for group in count.get_elected() for name in group]


if __name__ == "__main__":
    sys.exit(run(elect, RULE))
