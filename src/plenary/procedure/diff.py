"""Word-level change view between two texts, built on difflib over word tokens.

Whitespace runs are tokens too, so joining the equal and inserted pieces gives back the
new text exactly, and the equal and deleted pieces the old one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class DiffOp:
    op: str  # equal, delete or insert
    text: str


def word_diff(old: str, new: str) -> list[DiffOp]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _push(ops, "equal", "".join(a[i1:i2]))
            continue
        _push(ops, "delete", "".join(a[i1:i2]))
        _push(ops, "insert", "".join(b[j1:j2]))
    return ops


def _push(ops: list[DiffOp], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].op == op:
        ops[-1] = DiffOp(op, ops[-1].text + text)
    else:
        ops.append(DiffOp(op, text))


def render_diff(ops: list[DiffOp]) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op.op].format(op.text) for op in ops)
