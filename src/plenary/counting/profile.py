"""Profile: the ballots of one election, grouped, ready for counting.

Strict rankings sit in a padded integer matrix so that rules can count with numpy;
rankings that put candidates equal (BLT ``2=3``) are kept apart, exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

#: One preference: a candidate (0-based) or a group of candidates ranked equal.
Preference = int | Sequence[int]
#: A ranking with equal preferences: groups of 0-based candidate indices, best first.
TiedRanking = tuple[tuple[int, ...], ...]

PAD = -1  # padding in ``Profile.rankings`` after the last preference

#: The most candidates a profile may have. A count's record holds every candidate's votes
#: at every stage, and a stage can exclude a single candidate, so its size grows as the
#: square of the candidates; Scottish STV's look back over earlier stages for a tie makes
#: the time grow as the cube. Measured worst case (two ballots, so that every exclusion
#: is a tie among the candidates with no votes, looked back over every stage): at 1,000
#: candidates Scottish STV takes 9 s and 0.55 GB, Meek 2 s; at 2,000, 78 s and 2.1 GB;
#: at 100,000 the count never ends. The largest real STV elections have about 150
#: candidates (the 2016 New South Wales Senate ballot had 151), so 1,000 leaves room.
MAX_CANDIDATES = 1_000

#: The most cells of the padded rankings table (ballot lines x the longest ranking + 1).
#: Each line is padded to the longest, so a file of short ballots and one long one would
#: cost far more than its size: a million one-preference lines beside one ranking of
#: 1,000 candidates (an 8 MB file) needed a billion cells, 10 GB and half a minute to
#: read. 10**8 cells is about 1 GB at its peak while a file is read, and it holds, for
#: example, ten million ballots of nine preferences or 100,000 ballots of 1,000.
MAX_TABLE_CELLS = 10**8


class ProfileError(ValueError):
    """The ballots do not make a valid election (unknown candidate, ranked twice, ...)."""


def table_size_error(lines: int, longest: int) -> str | None:
    """Why ``lines`` rankings padded to ``longest`` preferences are refused, or None."""
    cells = lines * (longest + 1)
    if cells <= MAX_TABLE_CELLS:
        return None
    return (
        f"{lines:,} ballot lines padded to the longest ranking ({longest:,} preferences) "
        f"would need {cells:,} cells: more than {MAX_TABLE_CELLS:,} are refused"
    )


def candidates_error(n: int) -> str | None:
    """Why a profile of ``n`` candidates is refused, or None."""
    if n <= MAX_CANDIDATES:
        return None
    return f"{n:,} candidates: more than {MAX_CANDIDATES:,} are refused"


class BallotFileError(ValueError):
    """A ballot file that cannot be read, with where and why (``path:line: reason``)."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True, eq=False)
class Profile:
    """Ballots of one election.

    ``candidates[k]`` is the display name of candidate ``k`` (0-based here; BLT numbers
    are ``k + 1``). ``rankings[i]`` is a strict ranking (0-based indices, ``PAD`` after
    the last), cast ``weights[i]`` times. ``tied_rankings`` holds rankings with equal
    preferences as ``(groups, weight)``.
    """

    candidates: tuple[str, ...]
    seats: int
    rankings: np.ndarray = field(repr=False)
    weights: np.ndarray = field(repr=False)
    title: str = ""
    withdrawn: frozenset[int] = frozenset()
    tied_rankings: tuple[tuple[TiedRanking, int], ...] = ()
    invalid: int = 0  # ballot papers with no preference at all (not counted)
    tie_order: tuple[int, ...] = ()  # order for settling a lot without chance (BLT [tie])

    def __post_init__(self) -> None:
        if self.rankings.ndim != 2 or self.weights.shape != (self.rankings.shape[0],):
            raise ProfileError("rankings must be (lines, length) and weights (lines,)")
        if self.seats < 1:
            raise ProfileError(f"{self.seats} seats: at least one seat is needed")
        too_many = candidates_error(len(self.candidates))
        if too_many:
            raise ProfileError(too_many)
        if any(not 0 <= w < len(self.candidates) for w in self.withdrawn):
            raise ProfileError("withdrawn candidate out of range")

    @classmethod
    def from_rankings(
        cls,
        candidates: Sequence[str],
        seats: int,
        ballots: Iterable[tuple[Sequence[Preference], int]],
        *,
        title: str = "",
        withdrawn: Iterable[int] = (),
        invalid: int = 0,
    ) -> Profile:
        """Build a profile from ``(ranking, weight)`` pairs of 0-based candidates.

        A preference may be a group of candidates ranked equal. Raises ``ProfileError``
        for an unknown candidate, a candidate ranked twice or a negative weight.
        """
        n = len(candidates)
        too_many = candidates_error(n)
        if too_many:
            raise ProfileError(too_many)
        strict: list[tuple[tuple[int, ...], int]] = []
        tied: list[tuple[TiedRanking, int]] = []
        for ranking, weight in ballots:
            groups = _groups(ranking, n)
            if weight < 0:
                raise ProfileError(f"negative ballot weight {weight}")
            if not groups:
                invalid += int(weight)
            elif all(len(g) == 1 for g in groups):
                strict.append((tuple(g[0] for g in groups), int(weight)))
            else:
                tied.append((groups, int(weight)))
        longest = max((len(r) for r, _ in [*strict, *tied]), default=0)
        too_large = table_size_error(len(strict) + len(tied), longest)
        if too_large:
            raise ProfileError(too_large)
        rankings, weights = pack_rankings(strict)
        return cls(
            candidates=tuple(candidates),
            seats=seats,
            rankings=rankings,
            weights=weights,
            title=title,
            withdrawn=frozenset(withdrawn),
            tied_rankings=tuple(tied),
            invalid=invalid,
        )

    @cached_property
    def compact_lines(self) -> CompactLines:
        """The strict lines as ``group_lines`` makes them, read-only.

        Built once per profile and shared by every count of it (the BLT reader builds it
        while reading), so that a count does not copy and sort a million rows first.
        """
        return group_lines(self.rankings, self.weights, len(self.candidates))

    @property
    def n_candidates(self) -> int:
        return len(self.candidates)

    def ballot_count(self) -> int:
        """Number of ballot papers (the sum of the line weights)."""
        return int(self.weights.sum()) + sum(w for _, w in self.tied_rankings)

    def lengths(self) -> np.ndarray:
        """Number of preferences on each strict line."""
        counts: np.ndarray = (self.rankings != PAD).sum(axis=1)
        return counts

    def iter_rankings(self) -> Iterable[tuple[TiedRanking, int]]:
        """Every line as ``(groups, weight)``, strict lines first (slow; for writers)."""
        for row, weight in zip(self.rankings.tolist(), self.weights.tolist(), strict=True):
            yield tuple((c,) for c in row if c != PAD), weight
        yield from self.tied_rankings

    def grouped(self) -> Profile:
        """The same ballots with identical strict rankings merged and weights summed."""
        if self.rankings.shape[0] == 0:
            return self
        unique, inverse = np.unique(self.rankings, axis=0, return_inverse=True)
        summed = np.zeros(len(unique), dtype=np.int64)
        np.add.at(summed, inverse.reshape(-1), self.weights)
        tied: dict[TiedRanking, int] = {}
        for groups, w in self.tied_rankings:
            tied[groups] = tied.get(groups, 0) + w
        return Profile(
            candidates=self.candidates,
            seats=self.seats,
            rankings=unique.astype(np.int32),
            weights=summed,
            title=self.title,
            withdrawn=self.withdrawn,
            tied_rankings=tuple(tied.items()),
            invalid=self.invalid,
            tie_order=self.tie_order,
        )


def _groups(ranking: Sequence[Preference], n: int) -> TiedRanking:
    groups: list[tuple[int, ...]] = []
    seen: set[int] = set()
    for pref in ranking:
        group = (pref,) if isinstance(pref, int | np.integer) else tuple(pref)
        for c in group:
            if not 0 <= int(c) < n:
                raise ProfileError(f"unknown candidate {int(c) + 1}")
            if c in seen:
                raise ProfileError(f"candidate {int(c) + 1} ranked twice")
            seen.add(int(c))
        if group:
            groups.append(tuple(int(c) for c in group))
    return tuple(groups)


@dataclass(frozen=True, eq=False)
class CompactLines:
    """Strict lines ready for counting, grouped by first preference.

    ``table`` holds the rankings as ``compact_table`` makes them, ``papers`` the papers on
    each row; rows ``starts[c]:starts[c + 1]`` have first preference ``c`` and rows from
    ``starts[n]`` on have none (papers left blank, e.g. by withdrawals). The arrays are
    read-only: counts share them.
    """

    table: np.ndarray
    papers: np.ndarray
    starts: np.ndarray


def group_lines(rankings: np.ndarray, weights: np.ndarray, n: int) -> CompactLines:
    """``rankings`` and ``weights`` as ``CompactLines`` for candidates ``0..n-1``.

    The order of the lines means nothing to a count (it adds whole numbers); grouping
    them by first preference lets a count start each candidate with a slice of rows
    instead of searching for them.
    """
    table = compact_table(rankings, n)
    first = table[:, 0].view(np.dtype(f"u{table.dtype.itemsize}"))  # PAD is the largest
    order = np.argsort(first, kind="stable")
    table, papers = table.take(order, axis=0), weights.take(order)
    starts = np.searchsorted(first.take(order), np.arange(n + 1, dtype=first.dtype))
    table.flags.writeable = False
    papers.flags.writeable = False
    return CompactLines(table, papers, starts)


def compact_table(rankings: np.ndarray, n: int) -> np.ndarray:
    """``rankings`` as a C-ordered table of the smallest signed integer type that holds
    candidates ``0..n-1`` and ``PAD``, ending in a column of ``PAD`` (added if missing).

    A quarter the size of int32 for up to 127 candidates, so that the rows a count steps
    through stay in the processor's cache; the PAD column lets a line step on without a
    bounds check. Always a new array: the caller may own it.
    """
    kind = np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32
    table = rankings.astype(kind, order="C")
    if table.shape[1] and (table[:, -1] == PAD).all():  # as the BLT reader leaves it
        return table
    return np.pad(table, ((0, 0), (0, 1)), constant_values=PAD)


def pack_rankings(lines: Sequence[tuple[Sequence[int], int]]) -> tuple[np.ndarray, np.ndarray]:
    """Pad strict rankings into the ``(rankings, weights)`` arrays of a Profile."""
    width = max((len(r) for r, _ in lines), default=0)
    rankings = np.full((len(lines), max(width, 1)), PAD, dtype=np.int32)
    for i, (ranking, _) in enumerate(lines):
        rankings[i, : len(ranking)] = ranking
    weights = np.fromiter((w for _, w in lines), dtype=np.int64, count=len(lines))
    return rankings, weights
