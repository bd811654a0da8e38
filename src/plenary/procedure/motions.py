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

    @property
    def text(self) -> str:
        return self.prefix + self.body

    def edited(self, body: str, revision: int) -> Line:
        return replace(self, body=body, revision=revision)


@dataclass(frozen=True)
class Motion:
    lines: tuple[Line, ...]

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
    return Motion(tuple(lines))


def _parse_line(raw: str, *, first: bool) -> Line:
    if not raw.strip():
        return Line("blank", "", raw)
    numbered = _NUMBERED.match(raw)
    if numbered:
        prefix, number, body = numbered.groups()
        return Line("point", prefix, body, normalise_number(number))
    if first:
        return Line("title", "", raw)
    bullet = _BULLET.match(raw)
    if bullet:
        return Line("bullet", bullet.group(1), bullet.group(2))
    kind = "heading" if _HEADING.match(raw.strip()) else "text"
    return Line(kind, "", raw)


def make_point(number: str, body: str, revision: int) -> Line:
    """A new point as an amendment adds it: "4.5. words", numbered as the mover wrote."""
    return Line("point", f"{number}. ", body, number, revision)
