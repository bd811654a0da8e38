"""Pure helpers of the voting benchmarks: voters' rankings and latency figures."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

MIN_PREFERENCES = 3
MAX_PREFERENCES = 9


def popularity(candidates: Sequence[int], rng: random.Random) -> dict[int, float]:
    """A weight per candidate, falling off like a Zipf law in a shuffled order, so a few
    candidates are much more popular than the rest (as in real elections) and the count has
    surpluses to transfer and candidates to exclude."""
    order = list(candidates)
    rng.shuffle(order)
    return {candidate: 1.0 / (place + 1) ** 0.8 for place, candidate in enumerate(order)}


def ranking(weights: dict[int, float], rng: random.Random) -> list[int]:
    """One voter's ranking: 3 to 9 preferences (never more than there are candidates), drawn
    without replacement with chance proportional to popularity (Efraimidis-Spirakis keys)."""
    length = min(rng.randint(MIN_PREFERENCES, MAX_PREFERENCES), len(weights))
    keyed = sorted(weights, key=lambda c: rng.random() ** (1.0 / weights[c]), reverse=True)
    return keyed[:length]


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.95 for p95): the smallest value with at least
    that fraction of the values at or below it. NaN when there are no values."""
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def per_second(moments: Sequence[float], start: float, end: float) -> list[int]:
    """How many of `moments` (seconds) fall in each whole second from `start` to `end`."""
    bins = [0] * max(math.ceil(end - start), 0)
    for moment in moments:
        index = math.floor(moment - start)
        if 0 <= index < len(bins):
            bins[index] += 1
    return bins
