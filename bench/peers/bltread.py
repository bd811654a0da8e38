"""A minimal BLT reader for the peer adapters (our own code; the peers have none we trust).

The peers run in their own virtual environment, where plenary is not installed, so they
cannot use plenary's reader. This one reads just what the benchmark files contain:

    20 9                      <- candidates, seats
    -3                        <- optional line of withdrawn candidates (negative numbers)
    12 1 4 2 0                <- weight, preferences (1-based), 0
    0                         <- end of ballots
    "Alice"                   <- one name per candidate (quotes optional, "" inside = ")
    "Title"

Blank ballots (no preference) are dropped: they are not valid votes. A candidate repeated
on a ballot keeps only its first preference, and withdrawn candidates are struck out, as
a counting officer would. Commas in ballot lines are read as spaces (one real ward file ends
its lines with them). Equal preferences ("2=3") are refused: none of the peers can count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Ranking = tuple[int, ...]  # 0-based candidate indices, most preferred first


class BltFormatError(ValueError):
    """The file is not BLT as this reader understands it."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


@dataclass(frozen=True)
class Election:
    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[tuple[Ranking, int], ...]  # (ranking, number of identical ballots)
    title: str = ""

    def ballot_count(self) -> int:
        return sum(weight for _, weight in self.ballots)


def read_blt(path: str | Path) -> Election:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return parse_blt(text, str(path))


def parse_blt(text: str, source: str = "<blt>") -> Election:
    lines = text.splitlines()
    number = 0  # 1-based number of the line last read, for messages

    def next_line() -> str:
        nonlocal number
        while number < len(lines):
            number += 1
            line = lines[number - 1].strip()
            if line:
                return line
        raise BltFormatError(source, number, "file ends early")

    head = next_line().replace(",", " ").split()
    if len(head) != 2 or not all(token.isdigit() for token in head):
        raise BltFormatError(source, number, "first line must be 'candidates seats'")
    n_candidates, seats = int(head[0]), int(head[1])

    line = next_line()
    withdrawn: set[int] = set()
    if line.startswith("-"):
        withdrawn = {-_integer(token, source, number) - 1 for token in line.split()}
        line = next_line()

    ballots: list[tuple[Ranking, int]] = []
    while True:
        if "," in line:  # one real ward file ends its ballot lines with commas
            line = line.replace(",", " ").strip()
        if line == "0":
            break
        ranking, weight = _ballot(line, n_candidates, withdrawn, source, number)
        if ranking and weight:
            ballots.append((ranking, weight))
        line = next_line()

    names = tuple(_unquote(next_line()) for _ in range(n_candidates))
    try:
        title = _unquote(next_line())
    except BltFormatError:
        title = ""
    return Election(names, seats, tuple(ballots), title)


def _ballot(
    line: str, n_candidates: int, withdrawn: set[int], source: str, number: int
) -> tuple[Ranking, int]:
    tokens = line.split()
    if tokens[-1] != "0":
        raise BltFormatError(source, number, "ballot line must end with 0")
    try:
        numbers = [int(token) - 1 for token in tokens[1:-1]]
    except ValueError:
        bad = next(t for t in tokens[1:-1] if not t.lstrip("-").isdigit())
        reason = (
            "equal preferences are not supported here"
            if "=" in bad
            else (f"{bad!r} is not a number")
        )
        raise BltFormatError(source, number, reason) from None
    weight = _integer(tokens[0], source, number)
    if numbers and not (0 <= min(numbers) and max(numbers) < n_candidates):
        wrong = next(c for c in numbers if not 0 <= c < n_candidates)
        raise BltFormatError(source, number, f"no candidate {wrong + 1}")
    if withdrawn or len(set(numbers)) != len(numbers):
        numbers = _clean(numbers, withdrawn)
    return tuple(numbers), weight


def _clean(numbers: list[int], withdrawn: set[int]) -> list[int]:
    # Only a candidate's first preference on a paper counts; withdrawn ones are skipped.
    seen: set[int] = set()
    ranking = []
    for candidate in numbers:
        if candidate not in seen and candidate not in withdrawn:
            ranking.append(candidate)
        seen.add(candidate)
    return ranking


def _integer(token: str, source: str, number: int) -> int:
    try:
        return int(token)
    except ValueError:
        raise BltFormatError(source, number, f"{token!r} is not a number") from None


def _unquote(line: str) -> str:
    if len(line) >= 2 and line[0] == '"' and line[-1] == '"':
        return line[1:-1].replace('""', '"')
    return line
