"""Count sheets: a ``CountResult`` as text, JSON, CSV or an HTML fragment.

Every format shows the quota, each stage (what happened, whose surplus at what transfer
value, who was excluded, how a tie was broken, what a constraint did), every candidate's
total after it, the non-transferable votes, the votes lost to rounding, and who was
elected in order. The JSON schema is documented in docs/counting.md.
"""

from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal
from typing import Any

from plenary.counting.record import CountResult, Stage, TieBreak

JSON_SCHEMA = "plenary.count/1"

_STATE_MARK = {"elected": "*", "excluded": "-", "withdrawn": "w", "hopeful": ""}


# --- JSON ------------------------------------------------------------------------------


def to_dict(result: CountResult) -> dict[str, Any]:
    """The result as plain JSON-ready data; numbers are exact decimal strings."""
    return {
        "schema": JSON_SCHEMA,
        "title": result.title,
        "method": result.method,
        "method_name": result.method_name,
        "seats": result.seats,
        "candidates": [
            {"id": i + 1, "name": name, "withdrawn": i in result.withdrawn}
            for i, name in enumerate(result.candidates)
        ],
        "valid_votes": _num(result.valid_votes),
        "invalid": result.invalid,
        "quota": _num(result.quota),
        "precision": result.precision,
        "seed": result.seed,
        "constraints": list(result.constraints),
        "warnings": list(result.warnings),
        "elected": list(result.elected_names),
        "elected_ids": list(result.elected_ids),
        "stages": [_stage_dict(s) for s in result.stages],
    }


def _stage_dict(stage: Stage) -> dict[str, Any]:
    return {
        "number": stage.number,
        "action": stage.action,
        "subject": [c + 1 for c in stage.subject],
        "description": stage.description,
        "transfer_value": _num(stage.transfer_value),
        "totals": [_num(t) for t in stage.totals],
        "exhausted": _num(stage.exhausted),
        "lost_to_rounding": _num(stage.lost_to_rounding),
        "states": list(stage.states),
        "elected": [c + 1 for c in stage.elected],
        "excluded": [c + 1 for c in stage.excluded],
        "tie": _tie_dict(stage.tie),
        "notes": list(stage.notes),
    }


def _tie_dict(tie: TieBreak | None) -> dict[str, Any] | None:
    if tie is None:
        return None
    return {
        "purpose": tie.purpose,
        "tied": [c + 1 for c in tie.tied],
        "chosen": tie.chosen + 1,
        "method": tie.method,
        "stage": tie.stage,
        "seed": tie.seed,
        "description": tie.description,
    }


def _num(value: Decimal | None) -> str | None:
    return None if value is None else _fmt(value)


def _fmt(value: Decimal) -> str:
    """Plain positional notation at the rule's precision: 0.000000000, never 0E-9."""
    return format(value, "f")


def render_json(result: CountResult, *, indent: int | None = 2, **extra: Any) -> str:
    """The result as JSON; ``extra`` keys (e.g. ``file``) come first."""
    return json.dumps({**extra, **to_dict(result)}, indent=indent, ensure_ascii=False)


# --- text ------------------------------------------------------------------------------


def render_text(result: CountResult) -> str:
    """A count sheet for the terminal or a notice board."""
    out = io.StringIO()
    for line in _heading(result):
        out.write(line + "\n")
    out.write("\n")
    for stage in result.stages:
        out.write(f"Stage {stage.number}: {_stage_summary(stage, result.candidates)}\n")
    out.write("\n")
    out.write(_table(result))
    out.write("\n* elected   - excluded   w withdrawn\n\n")
    elected = ", ".join(f"{i}. {name}" for i, name in enumerate(result.elected_names, 1))
    out.write(f"Elected, in order: {elected}\n")
    if result.vacancies:
        out.write(f"Vacant: {vacant_seats(result)}\n")
    return out.getvalue()


def vacant_seats(result: CountResult) -> str:
    """The seats a result left unfilled, as the sheets say it: "1 seat of 3"."""
    n = result.vacancies
    return f"{n} seat{'s' if n != 1 else ''} of {result.seats}"


def _heading(result: CountResult) -> list[str]:
    lines = [result.title or "Count", f"Method: {result.method_name}"]
    lines.append(f"Seats: {result.seats}   Candidates: {len(result.candidates)}")
    lines.append(f"Valid votes: {_fmt(result.valid_votes)}   Invalid: {result.invalid}")
    if result.quota is not None:
        lines.append(f"Quota: {_fmt(result.quota)}")
    if result.withdrawn:
        lines.append("Withdrawn: " + ", ".join(result.candidates[c] for c in result.withdrawn))
    lines.extend(f"Constraint: {c}" for c in result.constraints)
    if result.seed is not None:
        lines.append(f"Lots drawn with seed {result.seed}")
    lines.extend(f"Warning: {w}" for w in result.warnings)
    return lines


def _stage_summary(stage: Stage, names: tuple[str, ...]) -> str:
    parts = [stage.description]
    if stage.transfer_value is not None:
        parts.append(f"transfer value {_fmt(stage.transfer_value)}")
    if stage.tie is not None:
        parts.append(stage.tie.description)
    parts.extend(stage.notes)
    if stage.elected and stage.action != "elect_remaining":
        parts.append("elected: " + ", ".join(names[c] for c in stage.elected))
    return "; ".join(parts)


def _table(result: CountResult) -> str:
    stages = result.stages
    header = ["Candidate", *(str(s.number) for s in stages)]
    rows = [header]
    for c, name in enumerate(result.candidates):
        cells = [f"{c + 1}. {name}"]
        for s in stages:
            cells.append(f"{_fmt(s.totals[c])}{_STATE_MARK[s.states[c]]}")
        rows.append(cells)
    rows.append(["Non-transferable", *(_fmt(s.exhausted) for s in stages)])
    rows.append(["Lost to rounding", *(_fmt(s.lost_to_rounding) for s in stages)])
    rows.append(["Total", *(_fmt(_stage_total(s)) for s in stages)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0 or index == len(result.candidates):
            lines.append("-" * len(lines[-1]))
    return "\n".join(lines) + "\n"


def _stage_total(stage: Stage) -> Decimal:
    return sum(stage.totals, Decimal(0)) + stage.exhausted + stage.lost_to_rounding


# --- CSV -------------------------------------------------------------------------------


def render_csv(result: CountResult) -> str:
    """One row per stage: what happened, then every candidate's total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "stage",
            "action",
            "description",
            "transfer_value",
            "tie",
            *result.candidates,
            "non_transferable",
            "lost_to_rounding",
            "elected",
            "excluded",
        ]
    )
    for s in result.stages:
        writer.writerow(
            [
                s.number,
                s.action,
                "; ".join([s.description, *s.notes]),
                _num(s.transfer_value) or "",
                s.tie.description if s.tie else "",
                *(_fmt(total) for total in s.totals),
                _fmt(s.exhausted),
                _fmt(s.lost_to_rounding),
                "; ".join(result.candidates[c] for c in s.elected),
                "; ".join(result.candidates[c] for c in s.excluded),
            ]
        )
    return out.getvalue()


# --- HTML ------------------------------------------------------------------------------


def render_html(result: CountResult) -> str:
    """An HTML fragment (a ``<section>`` with a table); every text is escaped."""
    e = html.escape
    parts = ['<section class="count-sheet">', f"<h2>{e(result.title or 'Count')}</h2>"]
    parts.append("<dl>")
    facts = [
        ("Method", result.method_name),
        ("Seats", str(result.seats)),
        ("Valid votes", _fmt(result.valid_votes)),
        ("Invalid", str(result.invalid)),
    ]
    if result.quota is not None:
        facts.append(("Quota", _fmt(result.quota)))
    if result.seed is not None:
        facts.append(("Seed for lots", str(result.seed)))
    facts.extend(("Constraint", c) for c in result.constraints)
    parts.extend(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    parts.append("</dl>")
    parts.append('<ol class="stages">')
    parts.extend(f"<li>{e(_stage_summary(s, result.candidates))}</li>" for s in result.stages)
    parts.append("</ol>")
    parts.append('<table><thead><tr><th scope="col">Candidate</th>')
    parts.extend(f'<th scope="col">Stage {s.number}</th>' for s in result.stages)
    parts.append("</tr></thead><tbody>")
    for c, name in enumerate(result.candidates):
        parts.append(f'<tr><th scope="row">{e(name)}</th>')
        parts.extend(f'<td class="{s.states[c]}">{_fmt(s.totals[c])}</td>' for s in result.stages)
        parts.append("</tr>")
    for label, attr in (
        ("Non-transferable", "exhausted"),
        ("Lost to rounding", "lost_to_rounding"),
    ):
        parts.append(f'<tr><th scope="row">{label}</th>')
        parts.extend(f"<td>{_fmt(getattr(s, attr))}</td>" for s in result.stages)
        parts.append("</tr>")
    parts.append("</tbody></table>")
    parts.append('<p>Elected, in order:</p><ol class="elected">')
    parts.extend(f"<li>{e(name)}</li>" for name in result.elected_names)
    parts.append("</ol>")
    if result.vacancies:
        parts.append(f'<p class="vacancies">Vacant: {e(vacant_seats(result))}.</p>')
    parts.append("</section>")
    return "\n".join(parts) + "\n"


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
