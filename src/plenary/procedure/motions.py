"""A motion read from plain text: one `Line` per line, numbered points addressable.

The original lines are kept verbatim (`prefix` + `body`) so that the amended text only
differs where an edit touched it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# "1.", "1.2.", "3.2" or "a)" at the start of a line, then the point's words.
_NUMBERED = re.compile(r"^(\s*((?:\d+\.)*\d+\.?|[a-z]\))\s+)(\S.*)$")
_BULLET = re.compile(r"^(\s*[-*•]\s+)(.*)$")
_HEADING = re.compile(
    r"^(?:[A-Z][\w']*\s+){0,3}(?:notes|believes|resolves|instructs|calls on)\b[^.]*$"
)


class MotionError(ValueError):
    """The motion text cannot be used (for instance, it is empty)."""


@dataclass(frozen=True)
class Line:
    kind: str  # title, heading, point, bullet, text or blank
    prefix: str  # the number or bullet with its spacing, kept as written
    body: str
    number: str | None = None  # "1.2", "a": the number without its final "." or ")"
    revision: int = 0  # which amendment last changed this line (0: none)
    origin: str | None = None  # the point's number in the motion as submitted

    @property
    def text(self) -> str:
        return self.prefix + self.body

    def edited(self, body: str, revision: int) -> Line:
        return replace(self, body=body, revision=revision)


@dataclass(frozen=True)
class Motion:
    lines: tuple[Line, ...]
    original_numbers: frozenset[str] = frozenset()  # the point numbers as submitted

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def point_indexes(self, number: str) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line.number == number]


def normalise_number(raw: str) -> str:
    return raw.rstrip(".)")


def parse_motion(text: str) -> Motion:
    raw_lines = text.splitlines()
    if not any(line.strip() for line in raw_lines):
        raise MotionError("the motion is empty")
    lines: list[Line] = []
    seen_title = False
    for raw in raw_lines:
        line = _parse_line(raw, first=not seen_title)
        seen_title = seen_title or line.kind != "blank"
        lines.append(line)
    numbers = frozenset(line.number for line in lines if line.number is not None)
    return Motion(tuple(lines), numbers)


def parse_line(raw: str, *, first: bool = False, revision: int = 0) -> Line:
    """One line as a motion reads it; `revision` marks a line an amendment wrote."""
    line = _parse_line(raw, first=first)
    return replace(line, revision=revision, origin=None) if revision else line


def _parse_line(raw: str, *, first: bool) -> Line:
    if not raw.strip():
        return Line("blank", "", raw)
    numbered = _NUMBERED.match(raw)
    if numbered:
        prefix, number, body = numbered.groups()
        number = normalise_number(number)
        return Line("point", prefix, body, number, origin=number)
    if first:
        return Line("title", "", raw)
    bullet = _BULLET.match(raw)
    if bullet:
        return Line("bullet", bullet.group(1), bullet.group(2))
    kind = "heading" if _HEADING.match(raw.strip()) else "text"
    return Line(kind, "", raw)


def renumbered(line: Line, number: str, revision: int) -> Line:
    """The same point under a new number, its prefix otherwise kept as written."""
    old = line.number or ""
    at = line.prefix.find(old)
    prefix = line.prefix[:at] + number + line.prefix[at + len(old) :] if at >= 0 else line.prefix
    return replace(line, prefix=prefix, number=number, revision=revision)


def make_point(number: str, body: str, revision: int) -> Line:
    """A new point as an amendment adds it: "4.5. words", numbered as the mover wrote."""
    return Line("point", f"{number}. ", body, number, revision)
