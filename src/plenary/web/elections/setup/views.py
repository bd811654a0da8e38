"""Pages for setting up an election (returning officers) and the public election pages.

Each view authorises, validates, calls one service and responds; the services enforce the
phase and the rules, and their messages are shown beside the fields they concern."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.core.actions import NOT_DONE, acted, submitted
from plenary.web.core.permissions import (
    login_required,
    object_permission_required,
    public,
    require,
)
from plenary.web.elections import home, selectors
from plenary.web.elections.counts import selectors as results
from plenary.web.elections.models import (
    Candidate,
    Election,
    MemberNomination,
    NominatingKind,
    Phase,
    Questionnaire,
    Section,
)
from plenary.web.elections.permissions import administers_election, creates_elections
from plenary.web.elections.questionnaires import services as questionnaires
from plenary.web.elections.selectors import administered_election_or_404
from plenary.web.elections.setup import services as setup
from plenary.web.elections.setup.forms import (
    ElectionForm,
    QuestionnaireForm,
    SectionForm,
    TimelineForm,
)
from plenary.web.organisation.models import Unit
from plenary.web.organisation.permissions import managed_branches
from plenary.web.organisation.selectors import returning_officer_seat

# --- Lists and public pages ----------------------------------------------------------------


@login_required
def election_list(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    elections = selectors.visible_elections(request.user)
    member = getattr(request.user, "member", None)
    return render(
        request,
        "elections/setup/list.html",
        {
            "nav": "elections",
            "rows": [(e, e.phase(now)) for e in elections],
            "candidacies": selectors.candidacies_of(request.user),
            "member": member,
            "open_ballots": home.ballots_awaiting(member, now) if member else [],
            "to_second": MemberNomination.objects.filter(
                seconder__user=request.user, status=MemberNomination.Status.PROPOSED
            ).exists(),
        },
    )


@public
def election_detail(request: HttpRequest, slug: str) -> HttpResponse:
    election = selectors.visible_election_or_404(request.user, slug)
    now = timezone.now()
    phase = election.phase(now)
    sections = [
        (s, selectors.ballot_candidates(s), _may_nominate(request, s, phase))
        for s in election.sections.all()
    ]
    runs_it = request.user.has_perm("elections.administer", election)
    # For the returning officer, from the opening to the publication: counts only, no names.
    watch_turnout = runs_it and phase in (Phase.BALLOT, Phase.BALLOT_CLOSED)
    return render(
        request,
        "elections/setup/detail.html",
        {
            "nav": "elections",
            "election": election,
            "phase": phase,
            "Phase": Phase,
            "sections": sections,
            "questionnaires": election.questionnaires.all(),
            "my_candidacies": selectors.candidacies_of(request.user).filter(
                section__election=election
            ),
            # Shown only on a draft (to returning officers, the only ones who see drafts).
            "problems": setup.announcement_problems(election, now) if phase == Phase.DRAFT else [],
            "editable_sections": phase in setup.EDITABLE_SECTION_PHASES,
            "electorate": election.electorate_units.all(),
            # For the returning officer: who has not accepted while there is time to record
            # an acceptance made on paper or by email, and which sections fall short of seats.
            "not_accepted": _not_accepted(election, phase) if runs_it else [],
            "short_sections": selectors.short_sections(election)
            if runs_it and phase in SHORT_SECTION_PHASES
            else [],
            "turnout": results.turnout(election) if watch_turnout else None,
            "members_nominate": any(
                NominatingKind.MEMBERS in s.nominating_kinds for s, _, _ in sections
            ),
        },
    )


# From the opening of nominations until the result is out, the returning officer is told of
# sections with fewer candidates than seats.
SHORT_SECTION_PHASES = (
    Phase.NOMINATIONS,
    Phase.NOMINATIONS_CLOSED,
    Phase.BALLOT,
    Phase.BALLOT_CLOSED,
)


def _not_accepted(election: Election, phase: Phase) -> list[tuple[Section, list[Candidate]]]:
    if phase not in (Phase.ANNOUNCED, Phase.NOMINATIONS):
        return []
    found = [(s, selectors.not_yet_accepted(s)) for s in election.sections.all()]
    return [(s, nominees) for s, nominees in found if nominees]


def _may_nominate(request: HttpRequest, section: Section, phase: Phase) -> bool:
    if phase != Phase.NOMINATIONS or not request.user.is_authenticated or section.is_referendum:
        return False
    return request.user.has_perm("elections.nominate_in", section)


@public
def election_tally(request: HttpRequest, slug: str) -> HttpResponse:
    election = selectors.visible_election_or_404(request.user, slug)
    return render(
        request,
        "elections/setup/tally.html",
        {
            "nav": "elections",
            "election": election,
            "phase": election.phase(),
            "tallies": [(s, selectors.section_tally(s)) for s in election.sections.all()],
        },
    )


@public
def questionnaire_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    election = selectors.visible_election_or_404(request.user, slug)
    questionnaire = get_object_or_404(Questionnaire, election=election, pk=pk)
    return render(
        request,
        "elections/setup/questionnaire.html",
        {
            "nav": "elections",
            "election": election,
            "questionnaire": questionnaire,
            "replies": selectors.questionnaire_replies(questionnaire),
        },
    )


# --- The returning officer's pages ---------------------------------------------------------


def _election_fields(form: ElectionForm) -> dict[str, Any]:
    data = form.cleaned_data
    fields = {
        "title": data["title"],
        "description": data["description"],
        "unit": data["unit"],
        "electorate_units": list(data["electorate_units"]),
        "roll_date": data["roll_date"],
    }
    # Not chosen (a form posted without them): the election's default, or what it has.
    for name in ("ballot_list", "ballot_file_access"):
        if data.get(name):
            fields[name] = data[name]
    return fields


@creates_elections
def election_create(request: AuthenticatedRequest) -> HttpResponse:
    names_ro = bool(managed_branches(request.user))
    form = ElectionForm(
        request.POST or None,
        units=selectors.units_holding_for(request.user),
        names_returning_officer=names_ro,
    )
    election = submitted(
        request,
        form,
        lambda data: setup.election_create(
            actor=request.user,
            slug=data["slug"],
            returning_officer=_returning_officer_named(request, data),
            **_election_fields(form),
        ),
        success="Election created as a draft.",
    )
    if election is NOT_DONE:
        return render(
            request,
            "elections/setup/election_form.html",
            {
                "nav": "elections",
                "form": form,
                "title": "New election",
            },
        )
    if request.user.has_perm("elections.administer", election):
        messages.info(request, "Add its sections and timeline.")
        return redirect(election)
    # A branch secretary who named someone else: the returning officer takes it from here.
    seat = returning_officer_seat(election.unit)
    messages.info(
        request,
        f"{seat.member if seat else 'The returning officer'}, {election.unit.name}'s "
        "returning officer, sets it up and runs it.",
    )
    return redirect("elections:list")


def _returning_officer_named(request: AuthenticatedRequest, data: dict[str, Any]) -> Any:
    """The member named as returning officer. The field starts with the user's own number;
    left so, it names them only where it is needed: a branch with no returning officer."""
    member = data.get("returning_officer")
    unit = data.get("unit")
    if member is None or member.user_id != request.user.pk:
        return member
    if unit is None or unit.kind != Unit.Kind.BRANCH or returning_officer_seat(unit) is not None:
        return None
    return member


@administers_election
def election_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    initial = {
        "title": election.title,
        "description": election.description,
        "unit": election.unit,
        "electorate_units": list(election.electorate_units.all()),
        "roll_date": election.roll_date,
        "ballot_list": election.ballot_list,
        "ballot_file_access": election.ballot_file_access,
    }
    form = ElectionForm(
        request.POST or None,
        initial=initial,
        editing=True,
        units=selectors.units_run_by(request.user),
    )
    done = submitted(
        request,
        form,
        lambda data: setup.election_update(
            actor=request.user, election=election, **_election_fields(form)
        ),
        success="Election updated.",
    )
    if done is not NOT_DONE:
        return redirect(election)
    return render(
        request,
        "elections/setup/election_form.html",
        {
            "nav": "elections",
            "form": form,
            "election": election,
            "title": f"Edit {election.title}",
        },
    )


@administers_election
def section_form(request: AuthenticatedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    section = get_object_or_404(Section, election=election, pk=pk) if pk else None
    initial = (
        {}
        if section
        else {"position": election.sections.count() + 1, **setup.section_defaults(election)}
    )
    form = SectionForm(request.POST or None, instance=section, initial=initial)

    def save(data: dict[str, Any]) -> Section:
        fields = {name: data[name] for name in setup.SECTION_FIELDS}
        if section is None:
            return setup.section_create(actor=request.user, election=election, **fields)
        return setup.section_update(actor=request.user, section=section, **fields)

    if submitted(request, form, save, success="Section saved.") is not NOT_DONE:
        return redirect(election)
    return render(
        request,
        "elections/setup/section_form.html",
        {
            "nav": "elections",
            "form": form,
            "election": election,
            "section": section,
        },
    )


@require_POST
@administers_election
def section_delete(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    section = get_object_or_404(
        Section.objects.select_related("election"), election=election, pk=pk
    )
    acted(
        request,
        lambda: setup.section_delete(actor=request.user, section=section),
        lambda _: f"Section “{section.name}” removed.",
    )
    return redirect(section.election)


@administers_election
def election_timeline(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    initial = {name: getattr(election, name) for name in setup.TIMELINE_FIELDS}
    form = TimelineForm(request.POST or None, initial=initial)
    done = submitted(
        request,
        form,
        lambda data: setup.election_set_timeline(actor=request.user, election=election, **data),
        success="Timeline saved.",
    )
    if done is not NOT_DONE:
        return redirect(election)
    return render(
        request,
        "elections/setup/timeline_form.html",
        {
            "nav": "elections",
            "form": form,
            "election": election,
            "now": timezone.now(),
        },
    )


@require_POST
@administers_election
def election_announce(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    acted(
        request,
        lambda: setup.election_announce(actor=request.user, election=election),
        lambda _: "The election is announced: its page and tally are now public.",
    )
    return redirect(election)


@administers_election
def election_roll(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    if request.method == "POST":
        acted(
            request,
            lambda: setup.election_freeze_roll(actor=request.user, election=election),
            lambda count: f"The roll is frozen with {count} electors.",
        )
        return redirect("elections:roll", slug=election.slug)
    return render(
        request,
        "elections/setup/roll.html",
        {
            "nav": "elections",
            "election": election,
            "electors": election.electors.count(),
            "would_be": selectors.eligible_members(election).count(),
            "electorate": election.electorate_units.all(),
        },
    )


@object_permission_required("elections.download_roll")
def election_roll_csv(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = selectors.visible_election_or_404(request.user, slug)
    require(
        request.user,
        "elections.download_roll",
        election,
        message="Only the election's returning officer and national roll keepers can download "
        "the roll.",
    )
    try:
        content = setup.election_roll_csv(actor=request.user, election=election)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("elections:roll", slug=election.slug)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roll-{election.slug}.csv"'
    return response


@administers_election
def questionnaire_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    election = administered_election_or_404(request.user, slug)
    form = QuestionnaireForm(request.POST or None)
    questionnaire = submitted(
        request,
        form,
        lambda data: questionnaires.questionnaire_create(
            actor=request.user,
            election=election,
            posed_by=data["posed_by"],
            title=data["title"],
            questions=data["questions"].splitlines(),
        ),
        success="Questionnaire put to every candidate.",
    )
    if questionnaire is not NOT_DONE:
        return redirect("elections:questionnaire", slug=slug, pk=questionnaire.pk)
    return render(
        request,
        "elections/setup/questionnaire_form.html",
        {
            "nav": "elections",
            "form": form,
            "election": election,
        },
    )
