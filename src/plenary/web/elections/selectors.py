"""Reads for elections: who is on the ballot, the public running tally, what a user may see.

Nothing here writes; every function takes what it reads from as keyword or positional data
and returns querysets or plain dataclasses the templates and the voting code can use."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.http import Http404

from plenary.web.core.permissions import require
from plenary.web.core.sql import JoinedSelect
from plenary.web.elections.models import (
    Answer,
    Candidate,
    Election,
    MemberNomination,
    Nomination,
    Question,
    Questionnaire,
    Section,
)
from plenary.web.members.models import Member
from plenary.web.members.standing import Right, members_with
from plenary.web.organisation import roles
from plenary.web.organisation.models import Affiliate, AffiliateType, Unit
from plenary.web.organisation.permissions import (
    election_scope,
    managed_branches,
    runs_elections_of,
)
from plenary.web.organisation.roles import AnyUser

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class NominationTally(TypedDict):
    nominating_bodies: int


@functools.cache
def _announced_section_lookup() -> JoinedSelect:
    # Every vote through the API starts here: written once, not built per call (core/sql.py).
    return JoinedSelect(
        {"s": Section, "e": Election},
        "FROM {s} JOIN {e} ON e.id = s.election_id WHERE s.id = %s AND e.announced_at IS NOT NULL",
    )


def announced_section(pk: int) -> Section | None:
    """The section with its election, if the election has been announced (a draft's sections
    do not exist for anyone but its officers)."""
    if not 0 < pk < 2**63:  # no such id, and a larger one would overflow the database's
        return None
    found = _announced_section_lookup().fetch_one([pk])
    if found is None:
        return None
    section = cast(Section, found["s"])  # the aliases name the models in the lookup
    section.election = cast(Election, found["e"])
    return section


def _nominations_count() -> CombinedExpression:
    """How many nominations a candidate has: by bodies, and by members (a seconded proposal
    counts as one)."""
    return Count("nominations", distinct=True) + Count(
        "member_nominations",
        filter=Q(member_nominations__status=MemberNomination.Status.SECONDED),
        distinct=True,
    )


def candidates_with_tally(
    section: Section,
) -> QuerySet[WithAnnotations[Candidate, NominationTally]]:
    """Every candidate of the section, annotated with `nominating_bodies` (how many
    nominations they have: bodies', and members' seconded ones)."""
    return (
        Candidate.objects.filter(section=section)
        .select_related("member__branch")
        .annotate(nominating_bodies=_nominations_count())
    )


def ballot_candidates(section: Section) -> list[Candidate]:
    """The candidates on the section's ballot paper, in ballot-paper order (by name).

    A candidate is on the ballot when they have accepted nomination and have at least
    `section.threshold` nominations (bodies', and members' seconded ones). Until nominations
    close the list is provisional; once the paper is fixed (`setup.section_fix_ballot_paper`)
    it is the fixed list, in its order, whatever has happened to a candidacy since."""
    tallied = candidates_with_tally(section)
    if section.ballot_paper is not None:
        by_id = {c.id: c for c in tallied.filter(pk__in=section.ballot_paper)}
        return [by_id[pk] for pk in section.ballot_paper]
    return list(
        _on_ballot_paper(tallied, section).order_by("member__name", "member__membership_number")
    )


def _on_ballot_paper(
    tallied: QuerySet[WithAnnotations[Candidate, NominationTally]], section: Section
) -> QuerySet[WithAnnotations[Candidate, NominationTally]]:
    return tallied.filter(
        status=Candidate.Status.ACCEPTED, nominating_bodies__gte=section.threshold
    )


# --- The electorate ------------------------------------------------------------------------


def electorate_branches(election: Election) -> QuerySet[Unit]:
    """The branches whose members make up the electorate: the chosen branches, the branches of
    the chosen regions, or every branch when none is chosen."""
    chosen = list(election.electorate_units.all())
    branches = Unit.objects.filter(kind=Unit.Kind.BRANCH)
    if not chosen:
        return branches
    return branches.filter(Q(pk__in=[u.pk for u in chosen]) | Q(parent__in=chosen)).distinct()


def eligible_members(election: Election) -> QuerySet[Member]:
    """Members of the electorate as at the roll date. Without membership history, a member
    counts when they joined on or before the roll date and may vote now (members/standing.py)."""
    members = members_with(Right.VOTE).filter(branch__in=electorate_branches(election))
    if election.roll_date is not None:
        members = members.filter(joined_on__lte=election.roll_date)
    return members


def body_in_electorate(election: Election, body: Unit | Affiliate) -> bool:
    """Branches and regions nominate only where they hold part of the electorate; affiliates
    and equality groups may nominate in any election whose sections allow them."""
    if isinstance(body, Affiliate):
        return True
    branches = electorate_branches(election)
    if body.kind == Unit.Kind.BRANCH:
        return branches.filter(pk=body.pk).exists()
    return branches.filter(parent=body).exists()


def is_in_electorate(election: Election, member: Member) -> bool:
    """Once the roll is frozen, the frozen roll decides; before, the live rule does."""
    if election.roll_frozen_at is not None:
        return election.electors.filter(member=member).exists()
    return eligible_members(election).filter(pk=member.pk).exists()


# --- What a user may see -------------------------------------------------------------------


def visible_elections(user: AnyUser) -> QuerySet[Election]:
    """Announced elections for everyone; drafts too for the returning officers who run them."""
    elections = Election.objects.select_related("unit").prefetch_related("sections")
    if roles.is_site_admin(user):
        return elections
    return elections.filter(Q(announced_at__isnull=False) | Q(unit_id__in=election_scope(user)))


def is_public(election: Election) -> bool:
    return election.announced_at is not None


def visible_election(user: AnyUser, slug: str) -> Election | None:
    """The election if this user may see it (see `visible_elections`), else None: every page
    a member can reach looks an election up here, so no page shows a draft's title or
    sections to someone who may not manage it."""
    return visible_elections(user).filter(slug=slug).first()


def visible_section(user: AnyUser, slug: str, section_id: int) -> Section | None:
    """The election's section, with its election, under the same rule as `visible_election`."""
    election = visible_election(user, slug)
    if election is None or not 0 < section_id < 2**63:
        return None
    section = Section.objects.filter(election=election, pk=section_id).first()
    if section is not None:
        section.election = election
    return section


# --- The public running tally --------------------------------------------------------------


@dataclass(frozen=True)
class Nominator:
    """A body that nominated a candidate, and whom else it nominated in the same section."""

    name: str
    meeting_date: date
    also_nominated: tuple[str, ...]


@dataclass(frozen=True)
class TallyRow:
    candidate: Candidate
    nominators: tuple[Nominator, ...]
    threshold: int

    @property
    def count(self) -> int:
        return len(self.nominators)

    @property
    def reached(self) -> bool:
        return self.count >= self.threshold

    @property
    def out(self) -> bool:
        """The nominee declined (or withdrew): whatever their nominations, not on the ballot."""
        return self.candidate.status in (Candidate.Status.DECLINED, Candidate.Status.WITHDRAWN)


MEMBERS_NOMINATOR = "Two members (a proposer and a seconder)"


def section_tally(section: Section) -> list[TallyRow]:
    """Per candidate: the nominating bodies (each with whom else it nominated) and the
    members' seconded nominations, most nominations first, then by name. Three queries
    whatever the number of candidates."""
    nominations = list(
        Nomination.objects.filter(candidate__section=section)
        .select_related("candidate__member", "unit", "affiliate")
        .order_by("meeting_date", "recorded_at")
    )
    by_body: dict[tuple[str, int], list[Nomination]] = defaultdict(list)
    for nomination in nominations:
        by_body[_body_key(nomination)].append(nomination)
    by_candidate: dict[int, list[Nominator]] = defaultdict(list)
    for nomination in nominations:
        others = tuple(
            n.candidate.member.name
            for n in by_body[_body_key(nomination)]
            if n.candidate_id != nomination.candidate_id
        )
        by_candidate[nomination.candidate_id].append(
            Nominator(nomination.body.name, nomination.meeting_date, others)
        )
    # Members' nominations are shown without the members' names: the tally is public, and
    # the returning officer sees who proposed and seconded on the nominations page.
    for member_nomination in MemberNomination.objects.filter(
        section=section, status=MemberNomination.Status.SECONDED
    ).order_by("seconded_at", "pk"):
        assert member_nomination.candidate_id is not None  # a seconded one has its candidacy
        assert member_nomination.seconded_at is not None
        by_candidate[member_nomination.candidate_id].append(
            Nominator(MEMBERS_NOMINATOR, member_nomination.seconded_at.date(), ())
        )
    candidates = Candidate.objects.filter(section=section).select_related("member")
    rows = [TallyRow(c, tuple(by_candidate[c.pk]), section.threshold) for c in candidates]
    return sorted(rows, key=lambda row: (-row.count, row.candidate.member.name))


def _body_key(nomination: Nomination) -> tuple[str, int]:
    if nomination.unit_id is not None:
        return ("unit", nomination.unit_id)
    return ("affiliate", nomination.affiliate_id)  # type: ignore[return-value]


# --- Candidates and nominating bodies ------------------------------------------------------


def candidacies_of(user: AnyUser) -> QuerySet[Candidate]:
    """The user's own candidacies, in elections announced (a candidacy implies that)."""
    if not user.is_authenticated:
        return Candidate.objects.none()
    return (
        Candidate.objects.filter(member__user=user)
        .select_related("section__election")
        .annotate(nominating_bodies=_nominations_count())
        .order_by("-section__election__nominations_open_at", "section__position")
    )


def not_yet_accepted(section: Section) -> list[Candidate]:
    """The section's nominees who have neither accepted nor declined: at the close they do not
    reach the ballot, so the returning officer sees them while there is time to record an
    acceptance made on paper or by email."""
    return list(
        Candidate.objects.filter(section=section, status=Candidate.Status.NOMINATED)
        .select_related("member__branch")
        .annotate(nominating_bodies=Count("nominations", distinct=True))
        .order_by("member__name", "member__membership_number")
    )


@dataclass(frozen=True)
class ShortSection:
    """A section with fewer candidates on its ballot paper than seats."""

    section: Section
    candidates: int

    @property
    def vacancies(self) -> int:
        return self.section.seats - self.candidates


def short_sections(election: Election) -> list[ShortSection]:
    """The election's candidate sections whose ballot paper (so far, or as fixed) has fewer
    candidates than seats: once nominations close, seats there will be left vacant."""
    found = []
    for section in election.sections.all():
        if section.is_referendum:
            continue
        on_ballot = len(ballot_candidates(section))
        if on_ballot < section.seats:
            found.append(ShortSection(section, on_ballot))
    return found


def nominations_by_bodies(
    section: Section, bodies: Sequence[Unit | Affiliate]
) -> QuerySet[Nomination]:
    """The nominations these bodies have made in the section (for their officers' page)."""
    units = [b.pk for b in bodies if isinstance(b, Unit)]
    affiliates = [b.pk for b in bodies if isinstance(b, Affiliate)]
    return (
        Nomination.objects.filter(candidate__section=section)
        .filter(Q(unit__in=units) | Q(affiliate__in=affiliates))
        .select_related("candidate__member", "unit", "affiliate")
    )


def nominating_bodies_for(user: AnyUser, section: Section) -> list[Unit | Affiliate]:
    """Bodies of the kinds the section allows that this user may record nominations for.
    Returning officers may record for every such body; officers for their own."""
    kinds = set(section.nominating_kinds)
    bodies: list[Unit | Affiliate] = []
    branches = electorate_branches(section.election)
    regions = Unit.objects.filter(kind=Unit.Kind.REGION, children__in=branches).distinct()
    is_ro = runs_elections_of(user, section.election.unit)
    if "branch" in kinds:
        bodies += list(branches if is_ro else branches.filter(pk__in=roles.officer_branches(user)))
    if "region" in kinds:
        bodies += [r for r in regions if is_ro or roles.holds_office_in_unit(user, r)]
    if is_ro:
        types: list[str] = []
        if "equality_group" in kinds:
            types.append(AffiliateType.EQUALITY_GROUP)
        if "affiliate" in kinds:
            types += [t for t in AffiliateType.values if t != AffiliateType.EQUALITY_GROUP]
        bodies += list(Affiliate.objects.filter(affiliate_type__in=types))
    return bodies


# --- Questionnaires ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    question: Question
    answer: str | None  # None: the candidate gave no reply


def questionnaire_replies(questionnaire: Questionnaire) -> list[tuple[Candidate, list[Reply]]]:
    """Every candidate still standing in the election (not declined or withdrawn), with their
    answer or no reply to each question. Three queries in all."""
    questions = list(questionnaire.questions.all())
    candidates = (
        Candidate.objects.filter(section__election=questionnaire.election_id)
        .exclude(status__in=[Candidate.Status.DECLINED, Candidate.Status.WITHDRAWN])
        .select_related("member", "section")
        .order_by("section__position", "member__name")
    )
    answers = {
        (a.candidate_id, a.question_id): a.text
        for a in Answer.objects.filter(question__questionnaire=questionnaire)
    }
    return [(c, [Reply(q, answers.get((c.pk, q.pk))) for q in questions]) for c in candidates]


def visible_election_or_404(user: AnyUser, slug: str) -> Election:
    """An announced election for anyone; a draft only for returning officers (404 otherwise,
    so drafts do not leak their existence)."""
    election = visible_election(user, slug)
    if election is None:
        raise Http404("No such election.")
    return election


def units_run_by(user: AnyUser) -> QuerySet[Unit]:
    """The units whose elections this user runs (every unit for the site admin)."""
    if roles.is_site_admin(user):
        return Unit.objects.all()
    return Unit.objects.filter(id__in=election_scope(user))


def units_holding_for(user: AnyUser) -> QuerySet[Unit]:
    """The units for which this user may set up an election: those whose elections they run,
    and the branches whose committee they chair or are secretary of (which own their
    branch's elections, docs/decisions/0020-branch-elections.md)."""
    if roles.is_site_admin(user):
        return Unit.objects.all()
    return Unit.objects.filter(id__in=election_scope(user) | managed_branches(user))


NOT_YOUR_ELECTION = "Only this election's returning officer can do this."


def administered_election_or_404(user: AnyUser, slug: str) -> Election:
    """An election this user runs; 404 when they may not even see it, 403 when they may see
    it but do not run it."""
    election = visible_election_or_404(user, slug)
    require(user, "elections.administer", election, message=NOT_YOUR_ELECTION)
    return election


def visible_section_or_404(user: AnyUser, slug: str, section_id: int) -> Section:
    """A section of an election this user may see (404 otherwise, as `visible_election_or_404`)."""
    section = visible_section(user, slug, section_id)
    if section is None:
        raise Http404("No such ballot.")
    return section
