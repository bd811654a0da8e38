"""Pages for recording nominations (bodies' officers, the returning officer), for members'
nominations (a proposer, a seconder, the returning officer's list) and for candidates
(accept or decline, statement, questionnaire answers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.core.actions import (
    NOT_DONE,
    Confirmation,
    acted,
    confirmation_page,
    confirmed,
    submitted,
)
from plenary.web.core.permissions import (
    login_required,
    object_permission_required,
    require,
    rule_required,
)
from plenary.web.elections import selectors
from plenary.web.elections.models import (
    Candidate,
    MemberNomination,
    NominatingKind,
    Nomination,
    Phase,
    Questionnaire,
    Section,
)
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.nominations.forms import (
    AcceptanceOnBehalfForm,
    AnswersForm,
    MemberNominationForm,
    NominationForm,
    StatementForm,
)
from plenary.web.elections.nominations.lifecycles import MEMBER_NOMINATION, nominations_not_open
from plenary.web.elections.permissions import administers_election
from plenary.web.elections.questionnaires import services as questionnaires
from plenary.web.elections.selectors import administered_election_or_404
from plenary.web.lifecycles.selectors import history

NO_BODIES = "You do not record nominations for any body that may nominate in this section."
NO_NOMINEES = nominations.NO_NOMINEES


@object_permission_required("elections.nominate_in")
def nominate(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    section = get_object_or_404(
        Section.objects.select_related("election"),
        election__slug=slug,
        pk=pk,
        election__announced_at__isnull=False,
    )
    require(request.user, "elections.nominate_in", section, message=NO_BODIES)
    bodies = selectors.nominating_bodies_for(request.user, section)
    choices = [nominations.BodyChoice(body) for body in bodies]
    recorded = list(selectors.nominations_by_bodies(section, bodies))
    # An officer of one body sees only the places it has left; the returning officer, acting
    # for many bodies, sees the full allowance (the service counts per body either way).
    slots = section.nominations_per_body - (len(recorded) if len(bodies) == 1 else 0)
    form = NominationForm(
        request.POST or None,
        bodies=choices,
        slots=max(slots, 0),
        initial={"meeting_date": timezone.localdate()},
    )
    made = submitted(
        request,
        form,
        lambda data: nominations.nominations_record(
            actor=request.user,
            section=section,
            body=data["body_object"],
            nominees=data["nominees"],
            meeting_date=data["meeting_date"],
        ),
        success=lambda made: (
            "Nomination recorded: " + ", ".join(n.candidate.member.name for n in made) + "."
        ),
        errors=_nominee_errors_on_first_field,
    )
    if made is not NOT_DONE:
        return redirect("elections:nominate", slug=slug, pk=pk)
    if form.is_bound and not form.is_valid():
        _add_rule_errors(request, form, section)
    return render(
        request,
        "elections/setup/nominate.html",
        {
            "nav": "elections",
            "election": section.election,
            "section": section,
            "phase": section.election.phase(),
            "Phase": Phase,
            "form": form,
            "recorded": recorded,
            "slots": slots,
            "candidates": selectors.candidates_with_tally(section).order_by("member__name"),
        },
    )


def _add_rule_errors(request: AuthenticatedRequest, form: NominationForm, section: Section) -> None:
    """A form with a mistake of its own (an unknown membership number, no date) is not sent to
    the service; the rules the rest of it breaks are shown beside it all the same, so every
    error comes in one answer, not one per submission."""
    data = form.cleaned_data
    problems = nominations.nomination_problems(
        actor=request.user,
        section=section,
        body=data.get("body_object"),
        nominees=data.get("nominees", []),
        meeting_date=data.get("meeting_date"),
        now=timezone.now(),
    )
    if any(form.has_error(field) for field in form.nominee_fields):
        # Nominees were named but not all found: "name at least one" would mislead.
        problems["nominees"] = [m for m in problems.get("nominees", []) if m != NO_NOMINEES]
    shown = {str(e) for errors in form.errors.values() for e in errors}
    for field, texts in problems.items():
        # The service speaks of "nominees"; the first nominee field shows those messages.
        target = "nominee_1" if field == "nominees" else field
        for text in texts:
            if text not in shown:
                form.add_error(target if target in form.fields else None, text)
                shown.add(text)


def _nominee_errors_on_first_field(error: ValidationError) -> ValidationError:
    """The service speaks of "nominees"; the form's first nominee field shows those messages."""
    if hasattr(error, "error_dict") and "nominees" in error.error_dict:
        error.error_dict["nominee_1"] = error.error_dict.pop("nominees")
    return error


def _withdraw_confirmation(nomination: Nomination) -> Confirmation:
    candidate, section = nomination.candidate, nomination.candidate.section
    nominee, body = candidate.member.name, nomination.body.name
    only_one = not candidate.nominations.exclude(pk=nomination.pk).exists()
    happens = [f"{body}'s nomination of {nominee} for {section.name} is withdrawn."]
    irreversible = [
        f"The nomination is deleted (its withdrawal is recorded in the audit log): to stand "
        f"again with {body}'s support, {nominee} must be nominated afresh, while nominations "
        f"are open and {body} has places left."
    ]
    if only_one:
        happens.append(f"It is {nominee}'s only nomination, so their candidacy is removed.")
        irreversible.append(
            f"{nominee}'s acceptance, candidate's statement and questionnaire answers for this "
            f"section are deleted with the candidacy, and cannot be brought back."
        )
    back = reverse("elections:nominate", kwargs={"slug": section.election.slug, "pk": section.pk})
    return Confirmation(
        title=f"Withdraw {body}'s nomination of {nominee}?",
        happens=happens,
        irreversible=irreversible,
        button="Withdraw the nomination",
        action=reverse("elections:nomination_withdraw", kwargs={"pk": nomination.pk}),
        back=back,
        back_label="Back to the nominations, without withdrawing",
    )


@require_http_methods(["GET", "POST"])
@object_permission_required("elections.withdraw_nomination")
def nomination_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page. POST (from it, with the confirmation): withdraw."""
    nomination = get_object_or_404(
        Nomination.objects.select_related(
            "candidate__section__election", "candidate__member", "unit", "affiliate"
        ),
        pk=pk,
    )
    section = nomination.candidate.section
    require(
        request.user,
        "elections.withdraw_nomination",
        nomination,
        message="Only the body's own officers can withdraw its nomination.",
    )
    back = redirect("elections:nominate", slug=section.election.slug, pk=section.pk)
    if (closed := nominations_not_open(section.election, timezone.now())) is not None:
        messages.error(request, closed)  # no confirmation for what cannot be done
        return back
    if not confirmed(request):
        refused = request.method == "POST"
        return confirmation_page(request, _withdraw_confirmation(nomination), refused=refused)
    acted(
        request,
        lambda: nominations.nomination_withdraw(actor=request.user, nomination=nomination),
        lambda _: f"Nomination of {nomination.candidate.member.name} withdrawn.",
    )
    return back


# --- Members' nominations ------------------------------------------------------------------

PROPOSE_REFUSED = "Only a member can propose a nomination."


def _members_section(request: HttpRequest, slug: str, pk: int) -> Section:
    section = selectors.visible_section_or_404(request.user, slug, pk)
    if section.is_referendum or NominatingKind.MEMBERS not in section.nominating_kinds:
        raise Http404("Members do not nominate in this section.")
    return section


@rule_required("elections.propose_nomination", PROPOSE_REFUSED)
def member_nominate(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """A member proposes a nominee and names their seconder."""
    section = _members_section(request, slug, pk)
    form = MemberNominationForm(request.POST or None)
    made = submitted(
        request,
        form,
        lambda data: nominations.member_nomination_propose(
            actor=request.user,
            section=section,
            nominee=data["nominee_member"],
            seconder=data["seconder_member"],
        ),
        success=lambda made: (
            f"You have proposed {made.nominee.name}. The nomination counts once "
            f"{made.seconder.name} seconds it on their “Nominations to second” page."
        ),
    )
    if made is not NOT_DONE:
        return redirect("elections:member_nominate", slug=slug, pk=pk)
    mine = (
        MemberNomination.objects.filter(section=section, proposer__user=request.user)
        .select_related("nominee", "seconder")
        .order_by("proposed_at")
    )
    return render(
        request,
        "elections/setup/member_nominate.html",
        {
            "nav": "elections",
            "election": section.election,
            "section": section,
            "phase": section.election.phase(),
            "Phase": Phase,
            "form": form,
            "mine": mine,
        },
    )


@login_required
def seconding_list(request: AuthenticatedRequest) -> HttpResponse:
    """The nominations the user was named to second, with the choice to second or refuse."""
    asked = (
        MemberNomination.objects.filter(seconder__user=request.user)
        .select_related("nominee", "proposer", "section__election")
        .order_by("-proposed_at")
    )
    rows = [(n, MEMBER_NOMINATION.allowed(n, request.user)) for n in asked]
    return render(
        request,
        "elections/setup/seconding.html",
        {"nav": "elections", "rows": rows, "Status": MemberNomination.Status},
    )


@require_POST
@object_permission_required("elections.second_nomination")
def member_nomination_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(
        MemberNomination.objects.select_related(
            "nominee", "proposer", "seconder", "section__election"
        ),
        pk=pk,
    )
    require(
        request.user,
        "elections.second_nomination",
        nomination,
        message="You were not named as the seconder of this nomination.",
    )
    decision = request.POST.get("decision")
    if decision not in ("second", "refuse"):
        messages.error(request, "Choose whether you second or refuse the nomination.")
        return redirect("elections:seconding")
    second = decision == "second"
    acted(
        request,
        lambda: nominations.member_nomination_second(
            actor=request.user, nomination=nomination, second=second
        ),
        lambda _: (
            f"You have seconded the nomination of {nomination.nominee.name}."
            if second
            else f"You have refused to second the nomination of {nomination.nominee.name}."
        ),
    )
    return redirect("elections:seconding")


@administers_election
def member_nominations_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The returning officer's list: every members' nomination, with who proposed and who
    seconded (the public tally names neither)."""
    election = administered_election_or_404(request.user, slug)
    rows = (
        MemberNomination.objects.filter(section__election=election)
        .select_related("nominee", "proposer", "seconder", "section")
        .order_by("section__position", "nominee__name", "proposed_at")
    )
    return render(
        request,
        "elections/setup/member_nominations.html",
        {"nav": "elections", "election": election, "rows": rows},
    )


@login_required
def candidacy_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "elections/setup/candidacies.html",
        {
            "nav": "elections",
            "candidacies": selectors.candidacies_of(request.user),
        },
    )


def _own_candidacy(request: HttpRequest, pk: int) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.select_related("section__election", "member"), pk=pk
    )
    require(
        request.user, "elections.answer_candidacy", candidate, message="This is not your candidacy."
    )
    return candidate


@object_permission_required("elections.answer_candidacy")
def candidacy_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidate = _own_candidacy(request, pk)
    form = StatementForm(request.POST or None, initial={"statement": candidate.statement})
    done = submitted(
        request,
        form,
        lambda data: nominations.candidate_statement_save(
            actor=request.user, candidate=candidate, statement=data["statement"]
        ),
        success="Your statement is saved.",
    )
    if done is not NOT_DONE:
        return redirect("elections:candidacy", pk=pk)
    election = candidate.section.election
    phase = election.phase()
    return render(
        request,
        "elections/setup/candidacy.html",
        {
            "nav": "elections",
            "candidate": candidate,
            "election": election,
            "phase": phase,
            "open": phase in (Phase.ANNOUNCED, Phase.NOMINATIONS),
            "form": form,
            "tally": [
                r for r in selectors.section_tally(candidate.section) if r.candidate.pk == pk
            ],
            "questionnaires": election.questionnaires.all(),
        },
    )


@require_POST
@object_permission_required("elections.answer_candidacy")
def candidacy_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidate = _own_candidacy(request, pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, "Choose whether you accept or decline the nomination.")
        return redirect("elections:candidacy", pk=pk)
    accept = decision == "accept"
    acted(
        request,
        lambda: nominations.candidate_decide(
            actor=request.user, candidate=candidate, accept=accept
        ),
        lambda _: f"You have {'accepted' if accept else 'declined'} the nomination.",
    )
    return redirect("elections:candidacy", pk=pk)


@administers_election
def candidacy_accept_on_behalf(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """The returning officer records an acceptance a nominee made on paper or by email."""
    election = selectors.administered_election_or_404(request.user, slug)
    candidate = get_object_or_404(
        Candidate.objects.select_related("section__election", "member__branch", "member__user"),
        pk=pk,
        section__election=election,
    )
    form = AcceptanceOnBehalfForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda data: nominations.candidate_accept_on_behalf(
            actor=request.user,
            candidate=candidate,
            received_on=data["received_on"],
            received_by=data["received_by"],
            note=data["note"],
        ),
        success=f"Acceptance by {candidate.member.name} recorded.",
    )
    if done is not NOT_DONE:
        return redirect(reverse("elections:detail", args=[election.slug]) + "#acceptances")
    phase = election.phase()
    return render(
        request,
        "elections/setup/accept_on_behalf.html",
        {
            "nav": "elections",
            "election": election,
            "candidate": candidate,
            "form": form,
            "open": phase in (Phase.ANNOUNCED, Phase.NOMINATIONS),
            "history": history(candidate),
        },
    )


@object_permission_required("elections.answer_candidacy")
def candidacy_answers(
    request: AuthenticatedRequest, pk: int, questionnaire_pk: int
) -> HttpResponse:
    candidate = _own_candidacy(request, pk)
    questionnaire = get_object_or_404(
        Questionnaire, pk=questionnaire_pk, election=candidate.section.election_id
    )
    questions = list(questionnaire.questions.all())
    given = {a.question_id: a.text for a in candidate.answers.filter(question__in=questions)}
    form = AnswersForm(
        request.POST or None,
        questions=questions,
        initial={f"q{q}": text for q, text in given.items()},
    )
    done = submitted(
        request,
        form,
        lambda data: questionnaires.answers_save(
            actor=request.user,
            candidate=candidate,
            questionnaire=questionnaire,
            answers={q.pk: data[f"q{q.pk}"] for q in questions},
        ),
        success="Your answers are saved.",
    )
    if done is not NOT_DONE:
        return redirect("elections:candidacy", pk=pk)
    return render(
        request,
        "elections/setup/answers.html",
        {
            "nav": "elections",
            "candidate": candidate,
            "questionnaire": questionnaire,
            "form": form,
        },
    )
