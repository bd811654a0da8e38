"""Count sheets: every format shows the quota, the stages, the totals and the elected."""

from __future__ import annotations

import csv
import io
import json

from plenary.counting import Profile, count, reserved_seats
from plenary.counting.render import JSON_SCHEMA, render_csv, render_html, render_json, render_text

A, B, C = range(3)


def result(**options):
    lines = [((A, B), 6), ((A, C), 3), ((C,), 2), ((B,), 1)]
    profile = Profile.from_rankings(["Ann", "Bob <b>", "Cat"], 2, lines, title="Branch committee")
    return count(profile, "scottish", **options)


def test_the_text_sheet_shows_quota_transfer_value_totals_and_the_elected() -> None:
    text = render_text(result())
    assert "Branch committee" in text
    assert "Quota: 5.00000" in text
    assert "Stage 2: Surplus of Ann (4.00000) transferred; transfer value 0.44444" in text
    assert "Non-transferable" in text and "Lost to rounding" in text
    assert "3.66664" in text
    assert "Elected, in order: 1. Ann, 2. Bob <b>" in text


def test_json_follows_the_documented_schema() -> None:
    data = json.loads(render_json(result(seed=9), file="x.blt"))
    assert data["file"] == "x.blt"
    assert data["schema"] == JSON_SCHEMA
    assert data["quota"] == "5.00000"
    assert data["elected_ids"] == [1, 2]
    assert data["candidates"][1] == {"id": 2, "name": "Bob <b>", "withdrawn": False}
    stage = data["stages"][1]
    assert set(stage) == {
        "number", "action", "subject", "description", "transfer_value", "totals",
        "exhausted", "lost_to_rounding", "states", "elected", "excluded", "tie", "notes",
    }  # fmt: skip
    assert stage["subject"] == [1]
    assert stage["transfer_value"] == "0.44444"
    assert stage["totals"] == ["5.00000", "3.66664", "3.33332"]


def test_csv_has_a_row_per_stage_with_every_candidate() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(result()))))
    assert rows[0][:5] == ["stage", "action", "description", "transfer_value", "tie"]
    assert rows[0][5:8] == ["Ann", "Bob <b>", "Cat"]
    assert [r[1] for r in rows[1:]] == ["first", "surplus", "exclusion", "elect_remaining"]
    assert rows[2][3] == "0.44444"


def test_html_is_a_fragment_with_every_name_escaped() -> None:
    html = render_html(result())
    assert html.startswith('<section class="count-sheet">')
    assert "Bob &lt;b&gt;" in html and "Bob <b>" not in html
    assert "<dt>Quota</dt><dd>5.00000</dd>" in html


def test_constraint_stages_are_explained_on_the_sheet() -> None:
    lines = [((A,), 40), ((B, C), 35), ((C,), 25)]
    profile = Profile.from_rankings("ABC", 2, lines)
    sheet = render_text(count(profile, "scottish", constraints=[reserved_seats("BAME seat", [C])]))
    assert "Constraint: BAME seat: at least 1 of C" in sheet
    assert "passed over" in sheet


def test_a_tie_by_lot_shows_its_seed() -> None:
    profile = Profile.from_rankings("ABC", 2, [((A,), 5), ((B,), 2), ((C,), 2)])
    sheet = render_text(count(profile, "scottish", seed=42))
    assert "broken by lot (seed 42)" in sheet
    assert "Lots drawn with seed 42" in sheet


def test_every_sheet_shows_the_seats_left_vacant_and_a_full_one_says_nothing() -> None:
    short = result(seats=4)
    assert short.elected_names == ("Ann", "Bob <b>", "Cat") and short.vacancies == 1
    assert "Vacant: 1 seat of 4" in render_text(short)
    assert '<p class="vacancies">Vacant: 1 seat of 4.</p>' in render_html(short)
    assert json.loads(render_json(short))["warnings"] == [
        "1 of 4 seats left vacant: only 3 candidates standing"
    ]
    full = result()
    assert full.vacancies == 0 and not full.warnings
    assert "Vacant" not in render_text(full) and "vacancies" not in render_html(full)
