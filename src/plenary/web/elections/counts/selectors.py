"""Reads for the count and result pages: each section's latest count, and a stored count
sheet turned into what the templates show (elected in order, a stage-by-stage bar chart,
the full sheet as HTML). Nothing here counts: it renders what the count stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from plenary.counting import render_html
from plenary.web.elections.counts.services import result_from_sheet
from plenary.web.elections.models import CountRun, Election, Section

UNFINISHED = (CountRun.Status.QUEUED, CountRun.Status.RUNNING)


@dataclass(frozen=True)
class CountRow:
    section: Section
    run: CountRun | None  # the latest count of the section, whatever its state


def count_rows(election: Election) -> list[CountRow]:
    return [
        CountRow(s, s.counts.order_by("-requested_at").first()) for s in election.sections.all()
    ]


@dataclass(frozen=True)
class Bar:
    name: str
    votes: str
    percent: Decimal  # of the widest bar in the whole chart, for the bar's width
    state: str


@dataclass(frozen=True)
class ChartStage:
    number: int
    description: str
    bars: list[Bar]


@dataclass(frozen=True)
class SectionResult:
    section: Section
    run: CountRun | None
    sheet: dict[str, Any] = field(default_factory=dict)
    elected: list[str] = field(default_factory=list)
    chart: list[ChartStage] = field(default_factory=list)
    sheet_html: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def is_referendum(self) -> bool:
        return self.section.is_referendum

    @property
    def seats(self) -> int:
        return int(self.sheet.get("seats", self.section.seats))

    @property
    def vacancies(self) -> int:
        """Seats the count left unfilled (fewer candidates stood than there were seats)."""
        if self.is_referendum or not self.sheet:
            return 0
        return max(self.seats - len(self.elected), 0)


def section_result(section: Section, run: CountRun | None) -> SectionResult:
    if run is None or run.sheet is None:
        return SectionResult(section, run)
    sheet = run.sheet
    if section.is_referendum:
        return SectionResult(section, run, sheet)
    # render_html escapes every name and description it writes.
    html = mark_safe(render_html(result_from_sheet(sheet)))  # noqa: S308
    return SectionResult(section, run, sheet, list(sheet["elected"]), chart(sheet), html)


def chart(sheet: dict[str, Any]) -> list[ChartStage]:
    """Each stage's totals as bars, scaled to the largest total (or the quota) of the count."""
    names = [c["name"] for c in sheet["candidates"]]
    top = max(
        [Decimal(t) for s in sheet["stages"] for t in s["totals"]] + [Decimal(sheet["quota"] or 0)]
    )
    top = top or Decimal(1)
    stages = []
    for stage in sheet["stages"]:
        bars = [
            Bar(name, total, (Decimal(total) * 100 / top).quantize(Decimal("0.1")), state)
            for name, total, state in zip(names, stage["totals"], stage["states"], strict=True)
        ]
        stages.append(ChartStage(stage["number"], stage["description"], bars))
    return stages
