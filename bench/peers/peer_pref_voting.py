"""pref_voting: proportional_methods.stv_scottish (its reading of SSI 2007/42: Droop
floor(n/(s+1))+1, per-paper transfer values truncated to 5 places, largest surplus
first, history then lot tie-breaks; the lot is seeded here so runs repeat)."""

import random
import sys

from adapter import run
from bltread import Election
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish

RULE = "its Scottish STV (float, transfer values truncated to 5 places)"


def elect(election: Election) -> list[int]:
    candidates = list(range(len(election.candidates)))
    rankings = [
        {c: rank for rank, c in enumerate(ranking, start=1)} for ranking, _ in election.ballots
    ]
    counts = [weight for _, weight in election.ballots]
    profile = ProfileWithTies(rankings, rcounts=counts, candidates=candidates)
    return list(stv_scottish(profile, num_seats=election.seats, rng=random.Random(0)))


if __name__ == "__main__":
    sys.exit(run(elect, RULE))
