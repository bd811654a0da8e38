"""Closing, counting, publishing (returning officer) and the public result and downloads.

Before publication only the returning officer sees a count, and only once the ballot has
closed (a count cannot start earlier). The result pages render the stored count sheets.
Closing the box and publishing cannot be undone: each is confirmed on its own page first
(core.actions.Confirmation), and their POSTs refuse a request without that confirmation.
What the result offers for download follows the election's choices (`Election.ballot_list`,
`Election.ballot_file_access`; docs/elections-threat-model.md)."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plenary.counting import render_csv
from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.core.actions import Confirmation, confirmation_page, confirmed
from plenary.web.core.csv import csv_rewrite, csv_text
from plenary.web.core.pdf import pdf_available, pdf_response, pdf_unavailable, render_pdf
from plenary.web.core.permissions import allowed, public
from plenary.web.elections.counts import selectors as results
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import (
    BallotFileAccess,
    BallotList,
    CountRun,
    Election,
    Phase,
    Section,
)
from plenary.web.elections.permissions import administers_election
from plenary.web.elections.selectors import (
    administered_election_or_404,
    short_sections,
    visible_election_or_404,
    visible_section_or_404,
)


def _close_confirmation(election: Election) -> Confirmation:
    return Confirmation(
        title=f"Close the ballot box and count: {election.title}?",
        happens=[
            "Every section not yet counted is counted, each with a fresh random seed for any "
            "tie broken by lot.",
            "The ballots in each box are shuffled into a random order first, so their order "
            "says nothing about the order of voting.",
            "The counts stay private to the returning officers until you publish the result.",
        ],
        irreversible=[
            "A section once counted is never counted again: its seed, and any lot drawn with "
            "it, stand.",
            "The ballot box is closed: no ballot can be added, whatever the timetable says.",
        ],
        button="Close the ballot box and count",
        action=reverse("elections:count", kwargs={"slug": election.slug}),
        back=reverse("elections:count", kwargs={"slug": election.slug}),
        back_label="Back to the count, without counting",
    )


@administers_election
def count_dashboard(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    if request.method == "POST":
        if not confirmed(request):
            return confirmation_page(request, _close_confirmation(election), refused=True)
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
            # Sections with no count, or only a failed one: the only ones a count would start.
            "to_count": any(r.run is None or r.run.status == CountRun.Status.FAILED for r in rows),
            # The ballot papers are fixed by now: a section short of candidates leaves seats
            # vacant, which the returning officer should know before counting and publishing.
            "short_sections": short_sections(election),
            "all_counted": bool(rows)
            and all(r.run and r.run.status == CountRun.Status.DONE for r in rows),
        },
    )


@administers_election
def count_close(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The confirmation page for closing the box and counting (it posts to the count page)."""
    election = administered_election_or_404(request.user, slug)
    if election.phase() != Phase.BALLOT_CLOSED:
        messages.error(request, "There is nothing to close and count now.")
        return redirect("elections:count", slug=slug)
    return confirmation_page(request, _close_confirmation(election))


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


def _publish_confirmation(election: Election) -> Confirmation:
    happens = [
        "The result, every section's count sheet, and the count sheets as PDF, JSON and CSV "
        "become public.",
        "The ballot list (each tracker code with its ballot) is public."
        if election.ballot_list == BallotList.PUBLISHED
        else "The ballot list stays unpublished: voters can check only that their ballot "
        "is in the box.",
        f"The anonymised ballots (BLT) can be downloaded by: "
        f"{BallotFileAccess(election.ballot_file_access).label.lower()}.",
    ]
    return Confirmation(
        title=f"Publish the result of {election.title}?",
        happens=happens,
        irreversible=[
            "A published result cannot be withdrawn or changed, and the sections cannot be "
            "counted again.",
            "Anyone who downloads the result or the ballots keeps their copy.",
            "The election itself can no longer be edited.",
        ],
        button="Publish the result",
        action=reverse("elections:publish", kwargs={"slug": election.slug}),
        back=reverse("elections:count", kwargs={"slug": election.slug}),
        back_label="Back to the count, without publishing",
    )


@administers_election
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """GET: the confirmation page. POST (from it, with the confirmation): publish."""
    election = administered_election_or_404(request.user, slug)
    if election.phase() == Phase.PUBLISHED:
        messages.error(request, counts.ALREADY_PUBLISHED)
        return redirect("elections:result", slug=slug)
    if (refusal := counts.publish_refusal(election)) is not None:
        messages.error(request, refusal)
        return redirect("elections:count", slug=slug)
    if not confirmed(request):
        refused = request.method == "POST"
        return confirmation_page(request, _publish_confirmation(election), refused=refused)
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
    sections = _section_results(election)
    return render(
        request,
        "elections/voting/result.html",
        {
            "election": election,
            "sections": sections,
            "turnout": results.turnout(election),
            "pdf_missing": pdf_available(),
            "ballot_list_published": election.ballot_list == BallotList.PUBLISHED,
            "ballot_file_access": BallotFileAccess(election.ballot_file_access).label,
            # The sections whose ballots (BLT) this visitor may download: links only to those.
            "blt_allowed": {
                r.section.pk
                for r in sections
                if allowed(request.user, "elections.download_ballots", r.section)
            },
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


def _ballot_file_refused(request: HttpRequest, section: Section) -> HttpResponse:
    """403, saying who may download the ballots (and, to a visitor, where to log in)."""
    return render(
        request,
        "elections/voting/ballots_refused.html",
        {"election": section.election, "section": section},
        status=403,
    )


@public
def result_download(
    request: HttpRequest, slug: str, section_id: int, filename: str
) -> HttpResponse:
    """Public, once published: the count sheet as PDF, JSON or CSV; the anonymised ballots as
    BLT to whom the election allows (403 for others)."""
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
    elif not allowed(request.user, "elections.download_ballots", section):
        return _ballot_file_refused(request, section)
    else:
        body = counts.section_blt(section)
    response = HttpResponse(body, content_type=f"{DOWNLOADS[filename]}; charset=utf-8")
    name = f"{election.slug}-{section.pk}-{filename}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
def ballot_list(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    """Public once the ballot has closed, where the election publishes it: every tracker code
    with what its ballot says, sorted by code, so a voter can find their own ballot and see it
    was recorded as cast. Where the election keeps to a receipt check it does not exist (404)."""
    section = visible_section_or_404(request.user, slug, section_id)
    if section.election.ballot_list != BallotList.PUBLISHED:
        raise Http404("This election does not publish its ballot list.")
    if section.election.phase() not in (Phase.BALLOT_CLOSED, Phase.PUBLISHED):
        raise Http404("The ballot list is published when the ballot closes.")
    body = csv_text([["tracker", "ballot"], *counts.ballot_list(section)])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{section.pk}-ballots.csv"'
    return response
