"""pyrankvote: single_transferable_vote (Droop quota votes/(seats+1) as a float, every
ballot of an elected candidate moves on at surplus/number-of-papers; ties by most
second choices). Takes one Ballot per voter, so a line of weight w is w references
to one Ballot object."""

import sys

from adapter import run
from bltread import Election
from pyrankvote import Ballot, Candidate, single_transferable_vote

RULE = "STV, float Droop n/(s+1), surplus spread evenly over the elected's papers"


def elect(election: Election) -> list[int]:
    candidates = [
        Candidate(f"{number} {name}") for number, name in enumerate(election.candidates, start=1)
    ]
    index = {candidate: position for position, candidate in enumerate(candidates)}
    ballots: list[Ballot] = []
    for ranking, weight in election.ballots:
        ballot = Ballot(ranked_candidates=[candidates[c] for c in ranking])
        ballots.extend([ballot] * weight)
    result = single_transferable_vote(candidates, ballots, number_of_seats=election.seats)
    return [index[winner] for winner in result.get_winners()]


if __name__ == "__main__":
    sys.exit(run(elect, RULE))
