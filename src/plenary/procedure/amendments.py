"""Amendments as movers write them, parsed into edits and applied all-or-nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plenary.procedure.motions import Line, Motion, make_point, normalise_number

_Q = r"[\"“”]"
_QUOTED = rf"{_Q}(.*?){_Q}"
_NUM = r"((?:\d+\.)*\d+\.?|[a-z]\)?)"
_WORDS = r"(?:the\s+words?\s+)?"
_OPERATIVE = re.compile(r"^\s*(?:in\s+point|delete|remove|insert|add|replace)\b", re.I)
_IN_POINT = re.compile(rf"^In\s+point\s+{_NUM},?\s+", re.I)
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "replace_point",
        re.compile(
            rf"^(?:Delete|Remove)\s+point\s+{_NUM}\s+and\s+replace\s+"
            rf"(?:it\s+)?with:?\s*(?:{_QUOTED})?\.?$",
            re.I | re.S,
        ),
    ),
    ("delete_point", re.compile(rf"^(?:Delete|Remove)\s+point\s+{_NUM}$", re.I)),
    (
        "replace",
        re.compile(
            rf"^(?:Delete|Remove)\s+{_WORDS}{_QUOTED}\s+and\s+(?:insert|replace"
            rf"\s+(?:it\s+|them\s+)?with|substitute)\s*:?\s*{_QUOTED}\.?$",
            re.I | re.S,
        ),
    ),
    ("replace", re.compile(rf"^Replace\s+{_WORDS}{_QUOTED}\s+with\s+{_QUOTED}\.?$", re.I | re.S)),
    ("delete", re.compile(rf"^(?:Delete|Remove)\s+{_WORDS}{_QUOTED}\.?$", re.I | re.S)),
    (
        "add_point",
        re.compile(
            rf"^(?:Add|Insert)\s+(?:a\s+)?new\s+point\s+{_NUM}\s*:?\s*"
            rf"{_QUOTED}\.?$",
            re.I | re.S,
        ),
    ),
    (
        "append",
        re.compile(
            rf"^Add\s+at\s+(?:the\s+)?end(?:\s+of\s+point\s+{_NUM})?\s*:?\s*"
            rf"{_QUOTED}\.?$",
            re.I | re.S,
        ),
    ),
    (
        "insert",
        re.compile(
            rf"^(?:Insert|Add)\s+{_WORDS}{_QUOTED}\s+(after|before)\s+{_QUOTED}"
            r"\.?$",
            re.I | re.S,
        ),
    ),
]


class AmendmentError(ValueError):
    """An amendment that cannot be read or applied; `line` is its line in the file."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.source = ""  # the amendment's file, set when several are carried

    def __str__(self) -> str:  # the reason may gain "the amendment falls" after raising
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Edit:
    kind: str  # delete, insert, replace, append, delete_point, replace_point, add_point
    line: int
    point: str | None = None
    words: str | None = None  # the words looked for (or the anchor of an insert)
    new: str | None = None
    before: bool = False


@dataclass(frozen=True)
class AppliedEdit:
    edit: Edit
    status: str  # applied, or rebased when an earlier amendment changed that line
    source: str = ""


def parse_amendment(text: str) -> list[Edit]:
    """Each operative paragraph is one edit; paragraphs before the first are rationale."""
    paragraphs = _paragraphs(text)
    edits: list[Edit] = []
    index = 0
    while index < len(paragraphs):
        line, para = paragraphs[index]
        index += 1
        if not _OPERATIVE.match(para):
            if edits:
                raise AmendmentError(line, f"cannot read this as an edit: {para[:60]!r}")
            continue
        edit = _parse_edit(line, para)
        if edit.kind == "replace_point" and edit.new is None:
            edit, index = _take_following_quote(edit, paragraphs, index)
        edits.append(edit)
    if not edits:
        raise AmendmentError(1, "no operative words found (Delete, Insert, Add, In point ...)")
    return edits


def _paragraphs(text: str) -> list[tuple[int, str]]:
    paragraphs: list[tuple[int, str]] = []
    start, current = 0, []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            start = start if current else number
            current.append(raw.strip())
        elif current:
            paragraphs.append((start, " ".join(current)))
            current = []
    if current:
        paragraphs.append((start, " ".join(current)))
    return paragraphs


def _parse_edit(line: int, para: str) -> Edit:
    point = None
    scoped = _IN_POINT.match(para)
    if scoped:
        point = normalise_number(scoped.group(1))
        para = para[scoped.end() :]
        para = para[:1].upper() + para[1:]
    for kind, pattern in _FORMS:
        found = pattern.match(para.strip())
        if found:
            return _edit_from(kind, line, point, found.groups())
    raise AmendmentError(line, f"cannot read this as an edit: {para[:60]!r}")


def _edit_from(kind: str, line: int, point: str | None, groups: Sequence[str | None]) -> Edit:
    if kind in ("delete_point", "replace_point", "add_point"):
        number = normalise_number(groups[0] or "")
        return Edit(kind, line, point=number, new=groups[1] if len(groups) > 1 else None)
    if kind == "append":
        number = normalise_number(groups[0]) if groups[0] else point
        return Edit(kind, line, point=number, new=groups[1])
    if kind == "insert":
        return Edit(kind, line, point, words=groups[2], new=groups[0], before=groups[1] == "before")
    return Edit(kind, line, point, words=groups[0], new=groups[1] if len(groups) > 1 else None)


def _take_following_quote(
    edit: Edit, paragraphs: list[tuple[int, str]], index: int
) -> tuple[Edit, int]:
    quoted = (
        re.fullmatch(rf"{_QUOTED}\.?", paragraphs[index][1], re.S)
        if index < len(paragraphs)
        else None
    )
    if quoted is None:
        raise AmendmentError(edit.line, "replace with what? put the new text in quotes")
    return Edit(edit.kind, edit.line, edit.point, new=quoted.group(1)), index + 1


def _pattern(words: str) -> re.Pattern[str]:
    """Case-sensitive; curly and straight quotes alike, any run of whitespace alike."""
    parts = []
    for word in words.split():
        escaped = re.escape(word)
        escaped = re.sub(r"\\?[\"“”]", '["“”]', escaped)
        parts.append(re.sub(r"\\?['‘’]", "['‘’]", escaped))
    return re.compile(r"\s+".join(parts))


def apply_amendment(
    motion: Motion, edits: Sequence[Edit], *, revision: int = 1
) -> tuple[Motion, list[AppliedEdit]]:
    """Apply every edit or none: an `AmendmentError` leaves the caller's motion as it was."""
    lines = list(motion.lines)
    applied: list[AppliedEdit] = []
    for edit in edits:
        status = _apply(lines, edit, revision)
        applied.append(AppliedEdit(edit, status))
    return Motion(tuple(lines)), applied


def _status(line: Line, revision: int) -> str:
    return "rebased" if line.revision not in (0, revision) else "applied"


def _point_index(lines: list[Line], edit: Edit) -> int:
    found = [i for i, line in enumerate(lines) if line.number == edit.point]
    if not found:
        raise AmendmentError(edit.line, f"there is no point {edit.point}")
    if len(found) > 1:
        raise AmendmentError(edit.line, f"point {edit.point} appears more than once; say which")
    return found[0]


def _apply(lines: list[Line], edit: Edit, revision: int) -> str:
    if edit.kind == "add_point":
        return _add_point(lines, edit, revision)
    if edit.kind == "append" and edit.point is None:
        lines.append(Line("text", "", edit.new or "", None, revision))
        return "applied"
    if edit.kind in ("delete_point", "replace_point", "append"):
        index = _point_index(lines, edit)
        status = _status(lines[index], revision)
        if edit.kind == "delete_point":
            del lines[index]
        elif edit.kind == "replace_point":
            lines[index] = lines[index].edited(edit.new or "", revision)
        else:
            body = lines[index].body.rstrip()
            lines[index] = lines[index].edited(f"{body} {edit.new}", revision)
        return status
    return _apply_words(lines, edit, revision)


def _apply_words(lines: list[Line], edit: Edit, revision: int) -> str:
    words = edit.words or ""
    pattern = _pattern(words)
    scope = [_point_index(lines, edit)] if edit.point else range(len(lines))
    where = f" in point {edit.point}" if edit.point else ""
    hits = [(i, m) for i in scope for m in pattern.finditer(lines[i].body)]
    if not hits:
        raise AmendmentError(edit.line, f'"{words}" is not found{where}')
    if len(hits) > 1:
        raise AmendmentError(edit.line, f'"{words}" is found {len(hits)} times{where}; say which')
    index, match = hits[0]
    line = lines[index]
    status = _status(line, revision)
    body, start, end = line.body, match.start(), match.end()
    if edit.kind == "insert":
        new = f"{edit.new} {match.group()}" if edit.before else f"{match.group()} {edit.new}"
    else:
        new = edit.new or ""
    if not new:  # a deletion takes one of the spaces around the words with it
        if end < len(body) and body[end] == " ":
            end += 1
        elif start > 0 and body[start - 1] == " ":
            start -= 1
    lines[index] = line.edited(body[:start] + new + body[end:], revision)
    return status


def _number_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def _add_point(lines: list[Line], edit: Edit, revision: int) -> str:
    number = edit.point or ""
    if any(line.number == number for line in lines):
        raise AmendmentError(edit.line, f"point {number} already exists")
    key = _number_key(number)
    after = [
        i
        for i, line in enumerate(lines)
        if line.number is not None and _comparable(line.number, key)
    ]
    at = after[-1] + 1 if after else len(lines)
    lines.insert(at, make_point(number, edit.new or "", revision))
    return "applied"


def _comparable(number: str, key: tuple[int | str, ...]) -> bool:
    other = _number_key(number)
    try:
        return other < key
    except TypeError:  # "a" against 1: a lettered point does not order the new one
        return False


def rebase_amendments(
    motion: Motion, amendments: Sequence[tuple[str, str]]
) -> tuple[Motion, list[AppliedEdit]]:
    """Carry (source, text) amendments in order, each on the text as it then stands.

    Raises `AmendmentError` with `source` set when one cannot be read or falls."""
    applied: list[AppliedEdit] = []
    for revision, (source, text) in enumerate(amendments, start=1):
        try:
            motion, done = apply_amendment(motion, parse_amendment(text), revision=revision)
        except AmendmentError as exc:
            exc.source = source
            if revision > 1:
                exc.reason = f"the amendment falls: {exc.reason}"
            raise
        applied.extend(AppliedEdit(a.edit, a.status, source) for a in done)
    return motion, applied
