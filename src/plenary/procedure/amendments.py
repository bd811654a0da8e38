"""Amendments as movers write them, parsed into edits and applied all-or-nothing.

An amendment's point numbers refer to the motion as submitted: after an earlier amendment
renumbered the points, a later one still finds the point its movers meant (`Line.origin`),
and falls when that point is gone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from plenary.procedure.motions import (
    Line,
    Motion,
    make_point,
    normalise_number,
    parse_line,
    renumbered,
)

_Q = "[\"“”'‘’]"
_NUM_RE = r"(?:\d+\.)*\d+\.?|[a-z]\)?"
_WORDS = r"(?:the\s+(?:words?|phrase|text)\s+)?"
_RENUMBER_CLAUSE = (
    r"(?P<renumber>,?\s+and\s+renumber(?:\s+(?:the\s+)?(?:following|other|remaining|later)"
    r"\s+points)?(?:\s+accordingly)?)?"
)
_DELETE = r"(?:Delete|Remove|Strike\s+out|Strike)"


def _quoted(name: str) -> str:
    return rf"{_Q}(?P<{name}>.*?){_Q}"


def _num(name: str = "num") -> str:
    return rf"(?P<{name}>{_NUM_RE})"


def _form(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{pattern}\s*\.?$", re.I | re.S)


_OPERATIVE = re.compile(
    r"^\s*(?:(?:in\s+point|delete|remove|strike|insert|add|replace|substitute|renumber|"
    r"at\s+the\s+end)\b|(?:after|before)\s+(?:the\s+(?:words?|phrase)\s+)?[\"“”'‘’])",
    re.I,
)
_IN_POINT = re.compile(rf"^In\s+point\s+{_num()},?\s+", re.I)
_BLOCK_START = re.compile(
    rf"^{_DELETE}(?:\s+the\s+following(?:\s+(?:lines?|text|paragraphs?|bullets?|points?))?)?"
    r"\s*:$",
    re.I,
)
_BLOCK_REPLACE = re.compile(
    r"^(?:and\s+)?(?:(?:replace|substitute)(?:\s+(?:it|them))?\s+with(?:\s+the\s+following)?"
    r"|insert\s+in\s+(?:its|their)\s+place)\s*:?$",
    re.I,
)
_RENUMBER = re.compile(
    r"^Renumber(?:\s+(?:the\s+)?(?:following|other|remaining|later)?\s*points)?"
    r"(?:\s+accordingly)?\s*\.?$",
    re.I,
)
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "replace_point",
        _form(
            rf"{_DELETE}\s+point\s+{_num()}(?:\s+in\s+(?:its\s+)?(?:entirety|full))?\s+and\s+"
            r"(?:replace|substitute)\s+(?:it\s+)?with(?:\s+the\s+following)?:?\s*"
            rf"(?:{_quoted('new')})?"
        ),
    ),
    (
        "replace_point",
        _form(
            rf"Replace\s+point\s+{_num()}\s+(?:with|by)(?:\s+the\s+following)?:?\s*"
            rf"(?:{_quoted('new')})?"
        ),
    ),
    (
        "delete_point",
        _form(
            rf"{_DELETE}\s+point\s+{_num()}(?:\s+in\s+(?:its\s+)?(?:entirety|full)|\s+entirely)?"
            rf"{_RENUMBER_CLAUSE}"
        ),
    ),
    (
        "replace",
        _form(
            rf"{_DELETE}\s*:?\s+{_WORDS}{_quoted('words')}\s+and\s+(?:insert|replace"
            r"\s+(?:it\s+|them\s+)?with|substitute)(?:\s+the\s+words?)?\s*:?\s*"
            rf"{_quoted('new')}"
        ),
    ),
    (
        "replace",
        _form(
            rf"(?:Replace|Substitute)\s+{_WORDS}{_quoted('words')}\s+(?:with|by)\s+"
            rf"{_WORDS}{_quoted('new')}"
        ),
    ),
    ("delete", _form(rf"{_DELETE}\s*:?\s+{_WORDS}{_quoted('words')}")),
    (
        "add_point",
        _form(
            rf"(?:Add|Insert)\s+(?:a\s+)?new\s+point\s+{_num()}"
            r"(?:\s+(?:reading|to\s+read|which\s+reads|as\s+follows))?\s*:?\s*"
            rf"{_quoted('new')}{_RENUMBER_CLAUSE}"
        ),
    ),
    (
        "append",
        _form(
            rf"(?:Add|Insert)\s+(?:at|to)\s+(?:the\s+)?end(?:\s+of\s+point\s+{_num()})?"
            rf"\s*:?\s*{_quoted('new')}"
        ),
    ),
    (
        "append",
        _form(
            rf"At\s+the\s+end(?:\s+of\s+point\s+{_num()})?,?\s+(?:add|insert)\s*:?\s*"
            rf"{_quoted('new')}"
        ),
    ),
    (
        "insert",
        _form(
            rf"(?:Insert|Add)\s+{_WORDS}{_quoted('new')}\s+(?:immediately\s+)?"
            rf"(?P<where>after|before)\s+{_WORDS}{_quoted('words')}"
        ),
    ),
    (
        "insert",
        _form(
            rf"(?P<where>After|Before)\s+{_WORDS}{_quoted('words')},?\s+(?:insert|add)\s+"
            rf"{_WORDS}{_quoted('new')}"
        ),
    ),
]
_RENUMBERS = ("delete_point", "add_point")


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
    """One edit. `kind` is the form: delete, insert, replace, append, delete_point,
    replace_point, add_point or replace_block (a `Delete:` block with or without its
    `Replace with` block; `new_block` is None for a pure deletion)."""

    kind: str
    line: int
    point: str | None = None
    words: str | None = None  # the words looked for (or the anchor of an insert)
    new: str | None = None
    before: bool = False
    block: tuple[str, ...] | None = None
    new_block: tuple[str, ...] | None = None
    renumber: bool = False


@dataclass(frozen=True)
class AppliedEdit:
    edit: Edit
    status: str  # applied, or rebased when an earlier amendment changed that line
    source: str = ""


# ---------------------------------------------------------------------------- parsing


def parse_amendment(text: str) -> list[Edit]:
    """Each operative paragraph is one edit; paragraphs before the first are rationale."""
    lines = text.splitlines()
    edits: list[Edit] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        para, index = _paragraph_at(lines, start)
        if _BLOCK_START.match(lines[start].strip()):
            block_edit, index = _take_block(lines, start)
            edits.append(block_edit)
            continue
        if _RENUMBER.match(para):
            if not edits or edits[-1].kind not in _RENUMBERS:
                raise AmendmentError(
                    start + 1, "renumber after what? put it after deleting or adding a point"
                )
            edits[-1] = replace(edits[-1], renumber=True)
            continue
        if not _OPERATIVE.match(para):
            if edits:
                raise AmendmentError(start + 1, f"cannot read this as an edit: {para[:60]!r}")
            continue
        edit = _parse_edit(start + 1, para)
        if edit.kind == "replace_point" and edit.new is None:
            edit, index = _take_following_quote(edit, lines, index)
        edits.append(edit)
    if not edits:
        raise AmendmentError(1, "no operative words found (Delete, Insert, Add, In point ...)")
    return edits


def _paragraph_at(lines: Sequence[str], start: int) -> tuple[str, int]:
    """The paragraph starting at `start`, joined into one line, and the index after it."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return " ".join(line.strip() for line in lines[start:end]), end


def _is_edit(para: str) -> bool:
    if _BLOCK_START.match(para) or _RENUMBER.match(para):
        return True
    try:
        _parse_edit(0, para)
    except AmendmentError:
        return False
    return True


def _ends_block(lines: Sequence[str], index: int) -> bool:
    """A block runs until a paragraph (after a blank line) that reads as an edit."""
    if not lines[index].strip() or index == 0 or lines[index - 1].strip():
        return False
    if _BLOCK_START.match(lines[index].strip()):
        return True
    return _is_edit(_paragraph_at(lines, index)[0])


def _take_block(lines: Sequence[str], start: int) -> tuple[Edit, int]:
    index = start + 1
    deleted: list[str] = []
    new: list[str] | None = None
    while index < len(lines):
        if _BLOCK_REPLACE.match(lines[index].strip()):
            new, index = [], index + 1
            break
        if _ends_block(lines, index):
            break
        deleted.append(lines[index].rstrip())
        index += 1
    while new is not None and index < len(lines) and not _ends_block(lines, index):
        new.append(lines[index].rstrip())
        index += 1
    block = _unquote_block(deleted)
    if not block:
        raise AmendmentError(start + 1, "delete what? put the lines to delete after 'Delete:'")
    replacement = None if new is None else _unquote_block(new)
    if replacement == ():
        raise AmendmentError(start + 1, "replace with what? put the new lines after it")
    return Edit("replace_block", start + 1, block=block, new_block=replacement), index


def _unquote_block(lines: list[str]) -> tuple[str, ...]:
    """Trim blank lines around the block, and one pair of quotes around the whole of it."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return ()
    first, last = lines[0].lstrip(), lines[-1].rstrip().rstrip(".")
    if first[:1] in '"“”' and last[-1:] in '"“”' and (len(lines) > 1 or len(first) > 1):
        lines = [*lines]
        lines[0] = lines[0].lstrip()[1:]
        lines[-1] = last[:-1]
    return tuple(line for line in _dedent(lines))


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] if line.strip() else "" for line in lines]


def _parse_edit(line: int, para: str) -> Edit:
    point = None
    scoped = _IN_POINT.match(para)
    if scoped:
        point = normalise_number(scoped.group("num"))
        para = para[scoped.end() :]
        para = para[:1].upper() + para[1:]
    for kind, pattern in _FORMS:
        found = pattern.match(para.strip())
        if found:
            return _edit_from(kind, line, point, found.groupdict())
    raise AmendmentError(line, f"cannot read this as an edit: {para[:60]!r}")


def _edit_from(kind: str, line: int, point: str | None, groups: dict[str, str | None]) -> Edit:
    number = groups.get("num")
    renumber = bool(groups.get("renumber"))
    if kind in ("delete_point", "replace_point", "add_point"):
        return Edit(
            kind, line, normalise_number(number or ""), new=groups.get("new"), renumber=renumber
        )
    if kind == "append":
        return Edit(kind, line, normalise_number(number) if number else point, new=groups["new"])
    before = (groups.get("where") or "").lower() == "before"
    return Edit(kind, line, point, words=groups["words"], new=groups.get("new"), before=before)


def _take_following_quote(edit: Edit, lines: Sequence[str], index: int) -> tuple[Edit, int]:
    while index < len(lines) and not lines[index].strip():
        index += 1
    para, end = _paragraph_at(lines, index) if index < len(lines) else ("", index)
    quoted = re.fullmatch(rf"{_quoted('new')}\.?", para, re.S)
    if quoted is None:
        raise AmendmentError(edit.line, "replace with what? put the new text in quotes")
    return replace(edit, new=quoted.group("new")), end


# ---------------------------------------------------------------------------- locating


def _pattern(words: str) -> re.Pattern[str]:
    """Case-sensitive; curly and straight quotes alike, any run of whitespace alike."""
    parts = []
    for word in words.split():
        escaped = re.escape(word)
        escaped = re.sub(r"\\?[\"“”]", '["“”]', escaped)
        parts.append(re.sub(r"\\?['‘’]", "['‘’]", escaped))
    # Whole words only: "or" is not found inside "for", nor "annual" inside "biannual".
    start = r"(?<!\w)" if re.match(r"\w", words.strip()) else ""
    end = r"(?!\w)" if re.search(r"\w$", words.strip()) else ""
    return re.compile(start + r"\s+".join(parts) + end)


def _norm(text: str) -> str:
    text = re.sub(r"[“”]", '"', re.sub(r"[‘’]", "'", text))
    return " ".join(text.split())


@dataclass(frozen=True)
class Target:
    """Where an edit acts on the text as it stands: whole lines `first`..`last`, or the
    characters `start`..`end` of the body of line `first`; a new point's number; or the
    end of the motion. `renumbers` holds the lines whose numbers the edit changes."""

    kind: str  # lines, span, new_point or end
    first: int = 0
    last: int = 0
    start: int = 0
    end: int = 0
    number: str | None = None
    renumbers: tuple[int, ...] = ()


def locate(motion: Motion, edit: Edit) -> Target:
    """Where `edit` would act on `motion`, or `AmendmentError` when it cannot act."""
    return _locate(list(motion.lines), edit, motion.original_numbers)


def _point_index(lines: Sequence[Line], edit: Edit, originals: frozenset[str]) -> int:
    number = edit.point
    if number in originals:  # the movers meant the point of that number as submitted
        found = [i for i, line in enumerate(lines) if line.origin == number]
        gone = f"point {number} is no longer in the text"
    else:
        found = [i for i, line in enumerate(lines) if line.number == number]
        gone = f"there is no point {number}"
    if not found:
        raise AmendmentError(edit.line, gone)
    if len(found) > 1:
        raise AmendmentError(edit.line, f"point {number} appears more than once; say which")
    return found[0]


def _locate(lines: Sequence[Line], edit: Edit, originals: frozenset[str]) -> Target:
    if edit.kind == "add_point":
        number = edit.point or ""
        if not edit.renumber and any(line.number == number for line in lines):
            raise AmendmentError(edit.line, f"point {number} already exists")
        shifted = _shifted(lines, number, +1) if edit.renumber else {}
        return Target("new_point", number=number, renumbers=tuple(shifted))
    if edit.kind == "append" and edit.point is None:
        return Target("end", len(lines), len(lines))
    if edit.kind == "replace_block":
        first, last = _find_block(lines, edit)
        return Target("lines", first, last)
    if edit.kind in ("delete_point", "replace_point", "append"):
        index = _point_index(lines, edit, originals)
        if edit.kind == "append":
            end = len(lines[index].body.rstrip())
            return Target("span", index, index, end, end)
        shifted = {}
        if edit.renumber:
            shifted = _shifted(lines, lines[index].number or "", -1, skip=index)
        return Target("lines", index, index, renumbers=tuple(shifted))
    return _find_words(lines, edit, originals)


def _find_words(lines: Sequence[Line], edit: Edit, originals: frozenset[str]) -> Target:
    words = edit.words or ""
    pattern = _pattern(words)
    scope = [_point_index(lines, edit, originals)] if edit.point else range(len(lines))
    where = f" in point {edit.point}" if edit.point else ""
    hits = [(i, m) for i in scope for m in pattern.finditer(lines[i].body)]
    if not hits:
        raise AmendmentError(edit.line, f'"{words}" is not found{where}')
    if len(hits) > 1:
        raise AmendmentError(edit.line, f'"{words}" is found {len(hits)} times{where}; say which')
    index, match = hits[0]
    return Target("span", index, index, match.start(), match.end())


def _find_block(lines: Sequence[Line], edit: Edit) -> tuple[int, int]:
    wanted = [_norm(text) for text in edit.block or () if text.strip()]
    filled = [i for i, line in enumerate(lines) if line.kind != "blank"]
    texts = [_norm(lines[i].text) for i in filled]
    hits = [
        (filled[at], filled[at + len(wanted) - 1])
        for at in range(len(filled) - len(wanted) + 1)
        if texts[at : at + len(wanted)] == wanted
    ]
    quoted = f'"{wanted[0]}"' + (f" ({len(wanted)} lines)" if len(wanted) > 1 else "")
    if not hits:
        raise AmendmentError(edit.line, f"the block starting {quoted} is not found")
    if len(hits) > 1:
        raise AmendmentError(
            edit.line, f"the block starting {quoted} is found {len(hits)} times; say which"
        )
    return hits[0]


def _shifted(
    lines: Sequence[Line], number: str, delta: int, *, skip: int | None = None
) -> dict[int, str]:
    """Renumbering: the later siblings of `number` (and their sub-points) moved by `delta`."""
    parts = number.split(".")
    parent, last = parts[:-1], parts[-1]
    if not last.isdigit():
        return {}
    depth, at = len(parent), int(last)
    moved: dict[int, str] = {}
    for i, line in enumerate(lines):
        if line.number is None or i == skip:
            continue
        own = line.number.split(".")
        if len(own) <= depth or own[:depth] != parent or not own[depth].isdigit():
            continue
        value = int(own[depth])
        if value > at or (delta > 0 and value == at):
            own[depth] = str(value + delta)
            moved[i] = ".".join(own)
    return moved


# ---------------------------------------------------------------------------- applying


def apply_amendment(
    motion: Motion, edits: Sequence[Edit], *, revision: int = 1
) -> tuple[Motion, list[AppliedEdit]]:
    """Apply every edit or none: an `AmendmentError` leaves the caller's motion as it was."""
    lines = list(motion.lines)
    applied: list[AppliedEdit] = []
    for edit in edits:
        status = _apply(lines, edit, revision, motion.original_numbers)
        applied.append(AppliedEdit(edit, status))
    return Motion(tuple(lines), motion.original_numbers), applied


def _status(lines: Sequence[Line], revision: int) -> str:
    earlier = any(line.revision not in (0, revision) for line in lines)
    return "rebased" if earlier else "applied"


def _apply(lines: list[Line], edit: Edit, revision: int, originals: frozenset[str]) -> str:
    target = _locate(lines, edit, originals)
    if target.kind == "new_point":
        return _add_point(lines, edit, target, revision)
    if target.kind == "end":
        lines.append(Line("text", "", edit.new or "", None, revision))
        return "applied"
    status = _status(lines[target.first : target.last + 1], revision)
    for index, number in _shifted_targets(lines, target):
        lines[index] = renumbered(lines[index], number, revision)
    if edit.kind == "replace_block":
        _replace_block(lines, edit, target, revision)
    elif edit.kind == "delete_point":
        del lines[target.first]
    elif edit.kind == "replace_point":
        lines[target.first] = lines[target.first].edited(edit.new or "", revision)
    elif edit.kind == "append":
        line = lines[target.first]
        lines[target.first] = line.edited(f"{line.body.rstrip()} {edit.new}", revision)
    else:
        _edit_words(lines, edit, target, revision)
    return status


def _shifted_targets(lines: Sequence[Line], target: Target) -> list[tuple[int, str]]:
    if not target.renumbers:
        return []
    line = lines[target.first]
    moved = _shifted(lines, line.number or "", -1, skip=target.first)
    return sorted(moved.items())


def _edit_words(lines: list[Line], edit: Edit, target: Target, revision: int) -> None:
    line = lines[target.first]
    body, start, end = line.body, target.start, target.end
    if edit.kind == "insert":
        found = body[start:end]
        new = f"{edit.new} {found}" if edit.before else f"{found} {edit.new}"
    else:
        new = edit.new or ""
    if not new:  # a deletion takes one of the spaces around the words with it
        if end < len(body) and body[end] == " ":
            end += 1
        elif start > 0 and body[start - 1] == " ":
            start -= 1
    lines[target.first] = line.edited(body[:start] + new + body[end:], revision)


def _replace_block(lines: list[Line], edit: Edit, target: Target, revision: int) -> None:
    first, last = target.first, target.last
    if edit.new_block is None:  # a deletion takes one blank line beside it too
        if (
            last + 1 < len(lines)
            and lines[last + 1].kind == "blank"
            and (first == 0 or lines[first - 1].kind == "blank")
        ):
            last += 1
        del lines[first : last + 1]
        return
    lines[first : last + 1] = [parse_line(text, revision=revision) for text in edit.new_block]


def _number_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def _add_point(lines: list[Line], edit: Edit, target: Target, revision: int) -> str:
    number = target.number or ""
    if edit.renumber:
        for index, moved in sorted(_shifted(lines, number, +1).items()):
            lines[index] = renumbered(lines[index], moved, revision)
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
