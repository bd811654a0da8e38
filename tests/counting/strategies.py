"""Hypothesis strategies for random elections."""

from __future__ import annotations

from hypothesis import strategies as st

from plenary.counting import Profile


@st.composite
def profiles(draw: st.DrawFn, max_candidates: int = 7, max_lines: int = 25) -> Profile:
    n = draw(st.integers(2, max_candidates))
    seats = draw(st.integers(1, n - 1))
    ranking = st.permutations(range(n)).flatmap(
        lambda p: st.integers(1, len(p)).map(lambda k: tuple(p[:k]))
    )
    lines = draw(st.lists(st.tuples(ranking, st.integers(1, 40)), min_size=1, max_size=max_lines))
    names = [f"C{i + 1}" for i in range(n)]
    return Profile.from_rankings(names, seats, lines, title="random")
