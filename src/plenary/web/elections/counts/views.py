"""Closing, counting, publishing (returning officer) and the public result and downloads.

Before publication only the returning officer sees a count, and only once the ballot has
closed (a count cannot start earlier). The result pages render the stored count sheets."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from plenary.counting import render_csv
from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.core.csv import csv_rewrite, csv_text
from plenary.web.core.pdf import pdf_available, pdf_response, pdf_unavailable, render_pdf
from plenary.web.core.permissions import public
from plenary.web.elections.counts import selectors as results
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import CountRun, Election, Phase, Section
from plenary.web.elections.permissions import administers_election
from plenary.web.elections.selectors import (
    administered_election_or_404,
    short_sections,
    visible_election_or_404,
    visible_section_or_404,
)


@administers_election
def count_dashboard(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    if request.method == "POST":
        try:
            counts.election_count_start(election=election, actor=request.user)
        except counts.CountError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "The ballot box is closed and the count has started.")
        return redirect("elections:count", slug=slug)
    rows = results.count_rows(election)
    return render(
        request,
        "elections/voting/count.html",
        {
            "election": election,
            "rows": rows,
            "turnout": results.turnout(election),
            "phase": election.phase(),
            "counting": any(r.run and r.run.status in results.UNFINISHED for r in rows),
            # The ballot papers are fixed by now: a section short of candidates leaves seats
            # vacant, which the returning officer should know before counting and publishing.
            "short_sections": short_sections(election),
            "all_counted": bool(rows)
            and all(r.run and r.run.status == CountRun.Status.DONE for r in rows),
        },
    )


@administers_election
def count_sheet(request: AuthenticatedRequest, slug: str, section_id: int) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    section = get_object_or_404(Section, pk=section_id, election=election)
    run = counts.section_count(section)
    if run is None:
        raise Http404("This section has not been counted.")
    return render(
        request,
        "elections/voting/count_sheet.html",
        {"election": election, "result": results.section_result(section, run)},
    )


@administers_election
@require_POST
def publish(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    try:
        counts.election_publish(election=election, actor=request.user)
    except counts.CountError as refused:
        messages.error(request, str(refused))
        return redirect("elections:count", slug=slug)
    messages.success(request, "The result is published.")
    return redirect("elections:result", slug=slug)


def _published(request: HttpRequest, slug: str) -> Election:
    election = visible_election_or_404(request.user, slug)
    if election.published_at is None:
        raise Http404("The result of this election has not been published.")
    return election


def _section_results(election: Election) -> list[results.SectionResult]:
    return [results.section_result(s, counts.section_count(s)) for s in election.sections.all()]


@public
def result(request: HttpRequest, slug: str) -> HttpResponse:
    """Public, once published. Where PDFs cannot be made, says why instead of linking them."""
    election = _published(request, slug)
    return render(
        request,
        "elections/voting/result.html",
        {
            "election": election,
            "sections": _section_results(election),
            "turnout": results.turnout(election),
            "pdf_missing": pdf_available(),
        },
    )


def _result_pdf(
    request: HttpRequest, election: Election, sections: list[results.SectionResult], name: str
) -> HttpResponse:
    if (missing := pdf_available()) is not None:
        return pdf_unavailable(missing)
    page = request.build_absolute_uri(reverse("elections:result", kwargs={"slug": election.slug}))
    context = {"election": election, "sections": sections, "result_url": page}
    pdf = render_pdf("elections/voting/result_pdf.html", context, request=request)
    return pdf_response(pdf, name)


@public
def result_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Public, once published: the whole result (every section's count sheet) as a PDF;
    503 saying what is missing where PDFs cannot be made."""
    election = _published(request, slug)
    return _result_pdf(request, election, _section_results(election), f"{slug}-result.pdf")


DOWNLOADS = {
    "count.pdf": "application/pdf",
    "count.json": "application/json",
    "count.csv": "text/csv",
    "ballots.blt": "text/plain",
}


@public
def result_download(
    request: HttpRequest, slug: str, section_id: int, filename: str
) -> HttpResponse:
    """Public, once published: the count sheet as PDF, JSON or CSV, the anonymised ballots as
    BLT."""
    election = _published(request, slug)
    section = get_object_or_404(Section, pk=section_id, election=election)
    run = counts.section_count(section)
    if filename not in DOWNLOADS or run is None:
        raise Http404("No such download.")
    if filename == "count.pdf":
        name = f"{election.slug}-{section.pk}-{filename}"
        return _result_pdf(request, election, [results.section_result(section, run)], name)
    if filename == "count.json":
        body = json.dumps(run.sheet, indent=2, ensure_ascii=False) + "\n"
    elif section.is_referendum:
        raise Http404("A yes/no ballot has only its JSON count and its ballot list.")
    elif filename == "count.csv":
        sheet = cast(dict[str, Any], run.sheet)  # a finished count always has its sheet
        body = csv_rewrite(render_csv(counts.result_from_sheet(sheet)))
    else:
        body = counts.section_blt(section)
    response = HttpResponse(body, content_type=f"{DOWNLOADS[filename]}; charset=utf-8")
    name = f"{election.slug}-{section.pk}-{filename}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
def ballot_list(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Public once the ballot has closed: every tracker code with what its ballot says, sorted
    by code, so a voter can find their own ballot and see it was recorded as cast."""
    section = visible_section_or_404(request.user, slug, section_id)
    if section.election.phase() not in (Phase.BALLOT_CLOSED, Phase.PUBLISHED):
        raise Http404("The ballot list is published when the ballot closes.")
    body = csv_text([["tracker", "ballot"], *counts.ballot_list(section)])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{section.pk}-ballots.csv"'
    return response
