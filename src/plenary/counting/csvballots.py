"""Reading ballots from a CSV file of rankings.

Two layouts are understood, both with a header row:

* **Preference columns**: one row per ballot (or per group of identical ballots, with a
  ``weight`` column), cells are candidate names in order of preference, blank cells at
  the end. The header names the columns (``weight,1,2,3`` or ``pref1,pref2,...``).
  Candidates are taken from ``candidates=`` or else in order of first appearance.

      weight,1,2,3
      4,Castor,Pollux,
      2,Helen,,

* **Candidate columns**: the header is ``weight`` (optional) and the candidates' names;
  each cell is the rank given to that candidate (1 is first; blank is unranked; the same
  rank twice means equal preferences).

      Castor,Pollux,Helen
      1,2,
      ,,1
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from plenary.counting.blt import MAX_PAPERS
from plenary.counting.profile import (
    BallotFileError,
    Preference,
    Profile,
    ProfileError,
    candidates_error,
)

WEIGHT_HEADERS = {"weight", "count", "ballots", "n", "number"}


class CsvBallotError(BallotFileError):
    """A CSV ballot file that cannot be read, with where and why."""


def read_csv_rankings(
    source: str | os.PathLike[str],
    *,
    seats: int,
    candidates: Sequence[str] | None = None,
    title: str = "",
) -> Profile:
    """Read a CSV file of rankings (see the module docstring) into a ``Profile``."""
    path = os.fspath(source)
    try:
        text = Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CsvBallotError(path, 0, f"cannot read file: {exc}") from None
    return parse_csv_rankings(text, seats=seats, candidates=candidates, title=title, path=path)


def parse_csv_rankings(
    text: str,
    *,
    seats: int,
    candidates: Sequence[str] | None = None,
    title: str = "",
    path: str = "<string>",
) -> Profile:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise CsvBallotError(path, 1, "empty file: a header row is needed")
    header = [cell.strip() for cell in rows[0]]
    has_weight = bool(header) and header[0].lower() in WEIGHT_HEADERS
    columns = header[1:] if has_weight else header
    known = list(candidates) if candidates is not None else None
    by_candidate = bool(columns) and all(c and not _is_rank_label(c) for c in columns)
    if by_candidate:
        names = known if known is not None else columns
        _check_candidates(names, path)
        ballots = _candidate_columns(rows, columns, names, has_weight, path)
    else:
        names = known if known is not None else _names_in_order(rows[1:], has_weight)
        _check_candidates(names, path)
        ballots = _preference_columns(rows, names, has_weight, known is not None, path)
    try:
        return Profile.from_rankings(names, seats, ballots, title=title)
    except ProfileError as exc:
        raise CsvBallotError(path, 1, str(exc)) from None


def _check_candidates(names: Sequence[str], path: str) -> None:
    """Refuse more than MAX_CANDIDATES before any ballot is read (see profile.py)."""
    too_many = candidates_error(len(names))
    if too_many:
        raise CsvBallotError(path, 1, too_many)


def _is_rank_label(label: str) -> bool:
    lowered = label.lower().rstrip(".")
    for prefix in ("preference", "pref", "rank", "choice"):
        lowered = lowered.removeprefix(prefix).strip(" _-")
    return lowered.isdigit() or lowered in {"first", "second", "third"}


def _weight(cell: str, path: str, line: int) -> int:
    if not cell.strip().isdigit():
        raise CsvBallotError(path, line, f"weight {cell!r} is not a whole number")
    if int(cell) > MAX_PAPERS:
        raise CsvBallotError(path, line, f"weight {int(cell)} is too large (over {MAX_PAPERS})")
    return int(cell)


def _names_in_order(rows: list[list[str]], has_weight: bool) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        for cell in row[1:] if has_weight else row:
            if cell.strip():
                names.setdefault(cell.strip())
    return list(names)


def _preference_columns(
    rows: list[list[str]], names: Sequence[str], has_weight: bool, fixed: bool, path: str
) -> list[tuple[list[Preference], int]]:
    index = {name: i for i, name in enumerate(names)}
    ballots: list[tuple[list[Preference], int]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        weight = _weight(row[0], path, line) if has_weight else 1
        cells = [c.strip() for c in (row[1:] if has_weight else row)]
        while cells and not cells[-1]:
            cells.pop()
        if "" in cells:
            raise CsvBallotError(path, line, "a blank preference before a later one")
        ranking: list[Preference] = []
        for cell in cells:
            if cell not in index:
                why = "unknown candidate" if fixed else "unreadable candidate"
                raise CsvBallotError(path, line, f"{why} {cell!r}")
            if index[cell] in ranking:
                raise CsvBallotError(path, line, f"{cell!r} ranked twice")
            ranking.append(index[cell])
        ballots.append((ranking, weight))
    return ballots


def _candidate_columns(
    rows: list[list[str]],
    columns: Sequence[str],
    names: Sequence[str],
    has_weight: bool,
    path: str,
) -> list[tuple[list[Preference], int]]:
    index = {name: i for i, name in enumerate(names)}
    missing = [c for c in columns if c not in index]
    if missing:
        raise CsvBallotError(path, 1, f"unknown candidate {missing[0]!r} in the header")
    ballots: list[tuple[list[Preference], int]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        weight = _weight(row[0], path, line) if has_weight else 1
        cells = row[1:] if has_weight else row
        if len(cells) > len(columns):
            raise CsvBallotError(path, line, f"{len(cells)} cells for {len(columns)} candidates")
        ranks: dict[int, list[int]] = {}
        for column, cell in zip(columns, cells, strict=False):
            if not cell.strip():
                continue
            if not cell.strip().isdigit() or int(cell) < 1:
                raise CsvBallotError(path, line, f"rank {cell!r} is not a positive whole number")
            ranks.setdefault(int(cell), []).append(index[column])
        ballots.append(([tuple(ranks[r]) for r in sorted(ranks)], weight))
    return ballots
