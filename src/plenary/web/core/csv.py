"""The one CSV writer for every download of the web project.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
spreadsheets (CSV injection), so such a cell is written with a leading single quote, which
spreadsheets show as text. The members import strips that quote again (unneutralise)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The cell as it was before neutralise: only a quote this writer could have added goes."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class _Echo:
    """A file-like object whose write returns the text, for streaming."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[object]], *, lineterminator: str = "\n") -> Iterator[str]:
    """Each row as one CSV line, neutralised, for a streaming response."""
    writer = csv.writer(_Echo(), lineterminator=lineterminator)
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    return "".join(csv_lines(rows))


def csv_rewrite(text: str) -> str:
    """CSV made elsewhere (the counting engine, which stays free of web code) re-written
    through this writer, so its cells are neutralised too."""
    return csv_text(csv.reader(io.StringIO(text, newline="")))
