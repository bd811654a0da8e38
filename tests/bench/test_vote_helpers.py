"""The pure helpers of the voting benchmarks (bench/vote/stats.py)."""

from __future__ import annotations

import math
import random

import pytest
from bench.vote.stats import per_second, percentile, popularity, ranking

CANDIDATES = list(range(101, 121))  # 20 candidate ids


def test_a_ranking_has_three_to_nine_distinct_candidates_from_the_paper():
    rng = random.Random(1)
    weights = popularity(CANDIDATES, rng)
    for _ in range(2000):
        ballot = ranking(weights, rng)
        assert 3 <= len(ballot) <= 9
        assert len(set(ballot)) == len(ballot)
        assert set(ballot) <= set(CANDIDATES)


def test_every_length_from_three_to_nine_occurs():
    rng = random.Random(2)
    weights = popularity(CANDIDATES, rng)
    assert {len(ranking(weights, rng)) for _ in range(2000)} == set(range(3, 10))


def test_a_ranking_is_never_longer_than_the_ballot_paper():
    rng = random.Random(3)
    weights = popularity([1, 2, 3, 4], rng)
    assert all(len(ranking(weights, rng)) <= 4 for _ in range(200))


def test_the_most_popular_candidate_is_first_more_often_than_the_least_popular():
    rng = random.Random(4)
    weights = popularity(CANDIDATES, rng)
    favourite = max(weights, key=weights.__getitem__)
    outsider = min(weights, key=weights.__getitem__)
    firsts = [ranking(weights, rng)[0] for _ in range(5000)]
    assert firsts.count(favourite) > 3 * firsts.count(outsider)


def test_the_same_seed_gives_the_same_rankings():
    def draw(seed: int) -> list[list[int]]:
        rng = random.Random(seed)
        weights = popularity(CANDIDATES, rng)
        return [ranking(weights, rng) for _ in range(50)]

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)


def test_percentiles_use_the_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([30, 10, 20], 0.5) == 20  # unsorted input


def test_the_percentile_of_nothing_is_not_a_number_and_a_bad_fraction_is_refused():
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError):
        percentile([1, 2], 0)
    with pytest.raises(ValueError):
        percentile([1, 2], 1.5)


def test_moments_are_counted_in_whole_seconds_from_the_start():
    moments = [10.0, 10.5, 10.99, 11.0, 12.7, 9.9, 13.0]
    assert per_second(moments, start=10.0, end=13.0) == [3, 1, 1]
