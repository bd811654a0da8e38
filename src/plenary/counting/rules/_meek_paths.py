"""Ballot paths for Meek counts: the part of each ballot that a distribution can reach.

In a Meek distribution a ballot passes weight on only through elected candidates (keep
factor below 1) and stops at the first hopeful one (keep factor 1); defeated and withdrawn
candidates pass it all on. So each ballot line reduces to its *path*: the elected candidates
before its first hopeful one, then that hopeful one. Lines with the same path receive the
same keep values per ballot, so a distribution over the distinct paths with summed weights
gives exactly the totals of a distribution over every line.

``PathIndex`` keeps the paths up to date as candidates are elected or defeated, walking on
only the lines whose path ended at that candidate; ``RecomputedPaths`` rebuilds them every
time, for elections too large for the index's integer path keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from plenary.counting.profile import PAD
from plenary.counting.record import ELECTED, HOPEFUL, CandidateState

# Candidate status codes; the last slot of a status array stands for PAD (-1).
_SKIP, _ELECTED, _HOPEFUL = 0, 1, 2
_KEY_LIMIT = 2**62


@dataclass(frozen=True)
class Paths:
    """Distinct ballot paths: ``paths[g]`` (PAD after its end) is cast ``weights[g]`` times."""

    paths: np.ndarray  # (groups, width) int32
    weights: np.ndarray  # (groups,) int64


def _code(state: CandidateState) -> int:
    return {ELECTED: _ELECTED, HOPEFUL: _HOPEFUL}.get(state, _SKIP)


def _status(states: Sequence[CandidateState]) -> np.ndarray:
    status = np.full(len(states) + 1, _SKIP, dtype=np.int8)
    status[: len(states)] = [_code(s) for s in states]
    return status


def ballot_paths(
    rankings: np.ndarray, weights: np.ndarray, states: Sequence[CandidateState]
) -> Paths:
    """Every line's path for ``states``, built from scratch; identical paths merged."""
    status = _status(states)
    n_lines = rankings.shape[0]
    width = sum(1 for s in states if s == ELECTED) + 1
    packed = np.full((n_lines, width), PAD, dtype=np.int32)
    length = np.zeros(n_lines, dtype=np.int64)
    # Walk the preferences column by column, only for lines still passing weight on: most
    # lines stop at their first or second preference, so this touches little of the array.
    walking = np.arange(n_lines)
    for column in range(rankings.shape[1]):
        if walking.size == 0:
            break
        candidate = rankings[walking, column]
        code = status[candidate]
        counted = code != _SKIP
        rows = walking[counted]
        packed[rows, length[rows]] = candidate[counted]
        length[rows] += 1
        walking = walking[(candidate != PAD) & (code != _HOPEFUL)]
    if n_lines == 0:
        return Paths(packed, weights.astype(np.int64))
    _, first, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
    summed = np.zeros(len(first), dtype=np.int64)
    np.add.at(summed, inverse.reshape(-1), weights)
    return Paths(packed[first], summed)


class RecomputedPaths:
    """Paths rebuilt from every line whenever they are asked for."""

    def __init__(
        self, rankings: np.ndarray, weights: np.ndarray, states: Sequence[CandidateState]
    ) -> None:
        self.rankings = rankings
        self.weights = weights
        self.states = list(states)

    def update(self, candidate: int, state: CandidateState) -> None:
        self.states[candidate] = state

    def paths(self) -> Paths:
        return ballot_paths(self.rankings, self.weights, self.states)


class PathIndex:
    """Every line's path as one integer key (digits base n + 1, first preference first),
    with the distinct keys and their summed weights, updated candidate by candidate."""

    @staticmethod
    def fits(n_candidates: int, seats: int) -> bool:
        """A path holds at most the seats' elected plus one hopeful: do its keys fit int64?"""
        largest: int = (n_candidates + 1) ** (seats + 1)
        return largest < _KEY_LIMIT

    def __init__(
        self, rankings: np.ndarray, weights: np.ndarray, states: Sequence[CandidateState]
    ) -> None:
        self.base = len(states) + 1
        self.rankings = rankings
        self.line_weights = weights.astype(np.int64)
        self.status = _status(states)
        n_lines = self.rankings.shape[0]
        self.key = np.zeros(n_lines, dtype=np.int64)
        self.next = np.zeros(n_lines, dtype=np.int64)  # next column to look at
        self.terminal = np.full(n_lines, PAD, dtype=np.int32)  # the hopeful it stops at
        self._walk(np.arange(n_lines))
        self.keys, self.weights = _sum_by_key(self.key, self.line_weights)

    def update(self, candidate: int, state: CandidateState) -> None:
        """``candidate`` is now ``state``: only lines whose path ended there move on."""
        self.status[candidate] = _code(state)
        rows = np.flatnonzero(self.terminal == candidate)
        if rows.size == 0:
            return
        group = np.searchsorted(self.keys, self.key[rows])
        np.subtract.at(self.weights, group, self.line_weights[rows])
        if state != ELECTED:
            self.key[rows] //= self.base  # a defeated candidate leaves the path
        self.terminal[rows] = PAD
        self._walk(rows)
        still = self.weights != 0
        self.keys, self.weights = _sum_by_key(
            np.concatenate([self.keys[still], self.key[rows]]),
            np.concatenate([self.weights[still], self.line_weights[rows]]),
        )

    def _walk(self, rows: np.ndarray) -> None:
        """Extend the paths of ``rows`` through the elected up to the first hopeful."""
        width = self.rankings.shape[1]
        while rows.size:
            rows = rows[self.next[rows] < width]
            candidate = self.rankings[rows, self.next[rows]]
            code = self.status[candidate]
            self.next[rows] += 1
            counted = code != _SKIP
            on = rows[counted]
            self.key[on] = self.key[on] * self.base + candidate[counted] + 1
            hopeful = code == _HOPEFUL
            self.terminal[rows[hopeful]] = candidate[hopeful]
            rows = rows[(candidate != PAD) & ~hopeful]

    def paths(self) -> Paths:
        """The distinct paths (decoded from their keys) and their weights."""
        digits = []
        rest = self.keys.copy()
        while rest.size and rest.any():
            digits.append(rest % self.base)  # the last preference of the path first
            rest //= self.base
        if not digits:
            return Paths(np.full((len(self.keys), 1), PAD, dtype=np.int32), self.weights)
        backwards = np.stack(digits, axis=1)
        length = (backwards > 0).sum(axis=1)
        place = length[:, None] - 1 - np.arange(backwards.shape[1])[None, :]
        forwards = np.take_along_axis(backwards, np.clip(place, 0, None), axis=1) - 1
        return Paths(np.where(place >= 0, forwards, PAD).astype(np.int32), self.weights)


def _sum_by_key(keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys, sorted, with the summed weights of each (exact int64)."""
    if keys.size == 0:
        return keys, weights
    order = np.argsort(keys)
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    return sorted_keys[starts], np.add.reduceat(weights[order], starts)
