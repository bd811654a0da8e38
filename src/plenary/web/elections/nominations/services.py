"""Writes for nominations and candidacies: a body records the nominations its meeting decided,
may withdraw them while nominations are open, and the nominee accepts or declines and writes
a statement.

Who may record for which body (see docs/elections.md, "Nominating", and the rule
`records_nominations_for` in elections/permissions.py):
- a branch: an officer of that branch;
- a region: an officer of any body of that region;
- an affiliate or equality group: the returning officer, on the group's behalf, from its
  written notice (affiliates have no accounts in plenary; their contact address is not a login);
- the returning officer may record for any body, e.g. a branch with no officer online.

Where a section allows members to nominate (`NominatingKind.MEMBERS`), a member of the
electorate proposes a nominee and names a seconder, who seconds or refuses on their own page;
a seconded nomination counts as one toward the threshold (docs/elections.md, "Branch
elections").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.audit.log import audit_record
from plenary.web.elections import notifications, selectors
from plenary.web.elections.models import (
    Candidate,
    Election,
    MemberNomination,
    NominatingKind,
    Nomination,
    Phase,
    Section,
)
from plenary.web.elections.nominations.lifecycles import (
    CANDIDACY,
    MAY_NOT_RECORD,
    MEMBER_NOMINATION,
    NOMINATION,
    NOT_YOUR_CANDIDACY,
    RECEIVED_BY,
    TOO_MANY_SIGNED,
    may_be_nominated_problem,
    may_nominate_problem,
    nominations_not_open,
    signed_by,
)
from plenary.web.elections.permissions import records_nominations_for
from plenary.web.members import standing
from plenary.web.members.models import Member, SelfIdentification
from plenary.web.members.standing import Right
from plenary.web.organisation.models import Affiliate, AffiliateType, Unit

KIND_NOT_ALLOWED = "{kinds} may not nominate in this section (only {allowed})."
TOO_MANY = "{body} may nominate at most {limit} in this section; it has already nominated {done}."
NOT_ELIGIBLE = "{name} is not an active member of this election's electorate."
ALREADY_NOMINATED = "{body} has already nominated {name} in this section."
NAMED_TWICE = "{name} is named twice."
OUTSIDE_ELECTORATE = "{body} is outside this election's electorate, so it does not nominate."
MEETING_IN_FUTURE = "The meeting date cannot be in the future."
NOT_A_CANDIDATE_SECTION = "A yes/no ballot has no candidates."
GENDER_BALANCE = (
    "Nominations must be gender-balanced: at least {needed} of {body}'s {total} nominees in "
    "this section must be women; {women} {is_are}."
)
NOT_SELF_IDENTIFIED = (
    "{names} {has_have} not self-identified, so plenary cannot count them as a woman "
    "(members can do so on their account page)."
)

NominatingBody = Unit | Affiliate  # a branch or region, or an affiliate or equality group
SINGULAR = {
    NominatingKind.BRANCH: "branch",
    NominatingKind.REGION: "region",
    NominatingKind.EQUALITY_GROUP: "equality group",
    NominatingKind.AFFILIATE: "affiliate",
}


@dataclass(frozen=True)
class BodyChoice:
    """A body a user may nominate for, with a stable key for forms ("unit:3", "affiliate:7")."""

    body: NominatingBody

    @property
    def key(self) -> str:
        return f"{body_field(self.body)}:{self.body.pk}"

    @property
    def label(self) -> str:
        return f"{self.body.name} ({SINGULAR[body_kind(self.body)]})"


def body_field(body: NominatingBody) -> str:
    """The `Nomination` field that holds a body of this type."""
    return "unit" if isinstance(body, Unit) else "affiliate"


def body_kind(body: NominatingBody) -> NominatingKind:
    if isinstance(body, Affiliate):
        if body.affiliate_type == AffiliateType.EQUALITY_GROUP:
            return NominatingKind.EQUALITY_GROUP
        return NominatingKind.AFFILIATE
    return NominatingKind.BRANCH if body.kind == Unit.Kind.BRANCH else NominatingKind.REGION


def _nominations_by(section: Section, body: NominatingBody) -> QuerySet[Nomination]:
    return Nomination.objects.filter(candidate__section=section, **{body_field(body): body})


def _check_open(election: Election, now: datetime) -> None:
    reason = nominations_not_open(election, now)
    if reason is not None:
        raise ValidationError(reason)


def _women_among(nominees: Sequence[Member]) -> tuple[list[Member], list[Member]]:
    """(women, not self-identified) among the nominees, from their self-identification."""
    records = {r.member_id: r for r in SelfIdentification.objects.filter(member__in=nominees)}
    women = [m for m in nominees if m.pk in records and records[m.pk].counts_as_woman]
    unknown = [m for m in nominees if m.pk not in records]
    return women, unknown


def gender_balance_error(body: NominatingBody, nominees: Sequence[Member]) -> str | None:
    """A body nominating two or more must nominate women for at least half of them."""
    if len(nominees) < 2:
        return None
    needed = math.ceil(len(nominees) / 2)
    women, unknown = _women_among(nominees)
    if len(women) >= needed:
        return None
    message = GENDER_BALANCE.format(
        needed=needed,
        body=body.name,
        total=len(nominees),
        women=len(women) or "none",
        is_are="is" if len(women) == 1 else "are",
    )
    if unknown:
        names = ", ".join(m.name for m in unknown)
        many = len(unknown) > 1
        message += " " + NOT_SELF_IDENTIFIED.format(names=names, has_have="have" if many else "has")
    return message


def nominee_errors(section: Section, nominees: Sequence[Member]) -> dict[str, list[str]]:
    """What is wrong with the nominees themselves, whichever body names them."""
    messages: list[str] = []
    seen: set[int] = set()
    for member in nominees:
        if member.pk in seen:
            messages.append(NAMED_TWICE.format(name=member.name))
            continue
        seen.add(member.pk)
        if not standing.may(member, Right.BE_NOMINATED) or not selectors.is_in_electorate(
            section.election, member
        ):
            messages.append(NOT_ELIGIBLE.format(name=member.name))
    return {"nominees": messages} if messages else {}


def nomination_errors(
    *,
    section: Section,
    body: NominatingBody,
    nominees: Sequence[Member],
    meeting_date: date,
    now: datetime,
) -> dict[str, list[str]]:
    """Every rule a set of new nominations by one body breaks, keyed by form field
    ("nominees", "meeting_date", "body")."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind = body_kind(body)
    if kind not in section.nominating_kinds:
        allowed = ", ".join(NominatingKind(k).label.lower() for k in section.nominating_kinds)
        add("body", KIND_NOT_ALLOWED.format(kinds=kind.label, allowed=allowed or "none"))
    elif not selectors.body_in_electorate(section.election, body):
        add("body", OUTSIDE_ELECTORATE.format(body=body.name))
    if meeting_date > timezone.localdate(now):
        add("meeting_date", MEETING_IN_FUTURE)
    existing = list(_nominations_by(section, body).select_related("candidate__member"))
    already = {n.candidate.member_id for n in existing}
    for member in nominees:
        if member.pk in already:
            add("nominees", ALREADY_NOMINATED.format(body=body.name, name=member.name))
    for field, messages in nominee_errors(section, nominees).items():
        errors.setdefault(field, []).extend(messages)
    if len(existing) + len(nominees) > section.nominations_per_body:
        add(
            "nominees",
            TOO_MANY.format(body=body.name, limit=section.nominations_per_body, done=len(existing)),
        )
    elif section.gender_balanced_nominations:
        everyone = [n.candidate.member for n in existing] + [
            m for m in nominees if m.pk not in already
        ]
        message = gender_balance_error(body, everyone)
        if message:
            add("nominees", message)
    return errors


NO_NOMINEES = "Name at least one nominee."


def nomination_problems(
    *,
    actor: User,
    section: Section,
    body: NominatingBody | None,
    nominees: Sequence[Member],
    meeting_date: date | None,
    now: datetime,
) -> dict[str, list[str]]:
    """Every reason, at once, that these nominations cannot be recorded, keyed by form field
    ("body", "nominees", "meeting_date", or NON_FIELD_ERRORS). A form that is itself
    incomplete passes what it could read (no body, no date), so its officer sees the rules
    the rest breaks in the same answer rather than one submission at a time."""
    if section.is_referendum:
        return {NON_FIELD_ERRORS: [NOT_A_CANDIDATE_SECTION]}
    closed = nominations_not_open(section.election, now)
    if closed is not None:
        return {NON_FIELD_ERRORS: [closed]}  # nothing else is worth fixing
    errors: dict[str, list[str]] = {}
    if body is not None and not records_nominations_for(actor, section, body):
        errors["body"] = [MAY_NOT_RECORD.format(body=body.name)]
        body = None  # its allowance and balance are not this officer's to check
    if not nominees:
        errors.setdefault("nominees", []).append(NO_NOMINEES)
    if body is not None:
        found = nomination_errors(
            section=section,
            body=body,
            nominees=nominees,
            meeting_date=meeting_date or timezone.localdate(now),
            now=now,
        )
        for field, messages in found.items():
            errors.setdefault(field, []).extend(messages)
    else:
        for field, messages in nominee_errors(section, nominees).items():
            errors.setdefault(field, []).extend(messages)
    if meeting_date is not None and meeting_date > timezone.localdate(now):
        if MEETING_IN_FUTURE not in errors.get("meeting_date", []):
            errors.setdefault("meeting_date", []).append(MEETING_IN_FUTURE)
    return errors


@transaction.atomic
def nominations_record(
    *,
    actor: User,
    section: Section,
    body: NominatingBody,
    nominees: Sequence[Member],
    meeting_date: date,
    now: datetime | None = None,
) -> list[Nomination]:
    """Record the nominations a body's meeting decided for one section, all or none."""
    now = now or timezone.now()
    election = section.election
    if section.is_referendum:
        raise ValidationError(NOT_A_CANDIDATE_SECTION)
    _check_open(election, now)
    # Serialise a body's nominations in a section: two officers recording at once must not
    # both pass the per-body limit.
    Section.objects.select_for_update().get(pk=section.pk)
    errors = nomination_problems(
        actor=actor,
        section=section,
        body=body,
        nominees=nominees,
        meeting_date=meeting_date,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    made = []
    for member in nominees:
        candidate, _ = Candidate.objects.get_or_create(section=section, member=member)
        try:
            with transaction.atomic():
                made.append(
                    Nomination.objects.create(
                        candidate=candidate,
                        meeting_date=meeting_date,
                        recorded_by=actor,
                        **{body_field(body): body},
                    )
                )
        except IntegrityError as error:
            raise ValidationError(
                {"nominees": ALREADY_NOMINATED.format(body=body.name, name=member.name)}
            ) from error
    audit_record(
        actor=actor,
        action="nomination.record",
        target=election,
        section=section.pk,
        body=BodyChoice(body).key,
        meeting_date=meeting_date.isoformat(),
        nominees=[m.membership_number for m in nominees],
    )
    notifications.nominees_notify(made)
    return made


@transaction.atomic
def nomination_withdraw(
    *, actor: User, nomination: Nomination, now: datetime | None = None
) -> None:
    """A body withdraws one of its nominations while nominations are open (the rules are the
    guards of `NOMINATION`). A candidate left with no nominations is removed (their statement
    and answers with them)."""
    candidate = nomination.candidate
    NOMINATION.apply(
        nomination,
        "withdraw",
        actor=actor,
        at=now,
        details={
            "section": candidate.section_id,
            "body": BodyChoice(nomination.body).key,
            "nominee": candidate.member.membership_number,
        },
    )
    if not candidate.nominations.exists() and not candidate.member_nominations.exists():
        candidate.delete()


# --- Members' nominations ------------------------------------------------------------------

MEMBERS_MAY_NOT_NOMINATE = "Members do not nominate in this section: bodies do."
NO_MEMBERSHIP = "Only a member can propose a nomination."
SELF_NOMINATION = "A member cannot propose or second their own nomination."
SECONDER_IS_PROPOSER = "Name another member as seconder: you are the proposer."
ALREADY_PROPOSED = "You have already proposed {name} in this section."
NUMBER_MAY_NOT_BE_NOMINATED = (
    "The member numbered {number} may not be nominated: only an active member of this "
    "election's electorate may."
)
NUMBER_MAY_NOT_NOMINATE = (
    "The member numbered {number} may not second: a seconder must be a member of this "
    "election's electorate in good standing."
)


def member_nomination_errors(
    *, section: Section, proposer: Member, nominee: Member, seconder: Member
) -> dict[str, list[str]]:
    """Every rule a proposed members' nomination breaks, by form field ("nominee",
    "seconder", "__all__"), all at once."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str | None) -> None:
        if message:
            errors.setdefault(field, []).append(message)

    election = section.election
    if NominatingKind.MEMBERS not in section.nominating_kinds:
        add("__all__", MEMBERS_MAY_NOT_NOMINATE)
        return errors
    add("__all__", may_nominate_problem(election, proposer))
    limit = section.nominations_per_body
    many = "" if limit == 1 else "s"
    if signed_by(section.pk, proposer) >= limit:
        add("__all__", TOO_MANY_SIGNED.format(name=proposer.name, limit=limit, s=many))
    # A member names others by membership number: what is said of a number outside the
    # electorate does not give the name it belongs to.
    if nominee.pk in (proposer.pk, seconder.pk):
        add("nominee", SELF_NOMINATION)
    elif may_be_nominated_problem(election, nominee):
        add("nominee", NUMBER_MAY_NOT_BE_NOMINATED.format(number=nominee.membership_number))
    elif (
        MemberNomination.objects.filter(section=section, nominee=nominee, proposer=proposer)
        .exclude(status=MemberNomination.Status.REFUSED)
        .exists()
    ):
        add("nominee", ALREADY_PROPOSED.format(name=nominee.name))
    if seconder.pk == proposer.pk:
        add("seconder", SECONDER_IS_PROPOSER)
    elif seconder.pk == nominee.pk:
        pass  # said beside the nominee
    elif may_nominate_problem(election, seconder):
        add("seconder", NUMBER_MAY_NOT_NOMINATE.format(number=seconder.membership_number))
    elif signed_by(section.pk, seconder) >= limit:
        add("seconder", TOO_MANY_SIGNED.format(name=seconder.name, limit=limit, s=many))
    return errors


@transaction.atomic
def member_nomination_propose(
    *,
    actor: User,
    section: Section,
    nominee: Member,
    seconder: Member,
    now: datetime | None = None,
) -> MemberNomination:
    """The actor, a member of the electorate, proposes `nominee` and names `seconder`, who
    must second it on their own page before it counts."""
    now = now or timezone.now()
    if section.is_referendum:
        raise ValidationError(NOT_A_CANDIDATE_SECTION)
    _check_open(section.election, now)
    proposer = Member.objects.filter(user=actor).first() if actor.is_authenticated else None
    if proposer is None:
        raise ValidationError(NO_MEMBERSHIP)
    # Serialise signatures in a section, as bodies' nominations are: one member proposing
    # twice at once must not pass the limit twice.
    Section.objects.select_for_update().get(pk=section.pk)
    errors = member_nomination_errors(
        section=section, proposer=proposer, nominee=nominee, seconder=seconder
    )
    if errors:
        raise ValidationError(errors)
    nomination = MemberNomination.objects.create(
        section=section, nominee=nominee, proposer=proposer, seconder=seconder, proposed_at=now
    )
    audit_record(
        actor=actor,
        action="nomination.propose",
        target=f"election:{section.election.slug}",
        section=section.pk,
        nominee=nominee.membership_number,
        proposer=proposer.membership_number,
        seconder=seconder.membership_number,
    )
    return nomination


@transaction.atomic
def member_nomination_second(
    *, actor: User, nomination: MemberNomination, second: bool, now: datetime | None = None
) -> MemberNomination:
    """The named seconder seconds the nomination (from then it counts, and the nominee is a
    candidate who may accept) or refuses it (the rules are the guards of
    `MEMBER_NOMINATION`)."""
    if second:
        # Serialise with proposals in the section (the seconder's limit).
        Section.objects.select_for_update().get(pk=nomination.section_id)
    MEMBER_NOMINATION.apply(nomination, "second" if second else "refuse", actor=actor, at=now)
    return nomination


# --- The candidate's side ------------------------------------------------------------------

STATEMENT_MAX_LENGTH = 5000
STATEMENT_CLOSED = "Statements can be written until nominations close."


def _check_own(actor: User, candidate: Candidate) -> None:
    if candidate.member.user_id != actor.pk:
        raise ValidationError(NOT_YOUR_CANDIDACY)


def _check_before_close(candidate: Candidate, now: datetime, message: str) -> None:
    if candidate.section.election.phase(now) not in (Phase.ANNOUNCED, Phase.NOMINATIONS):
        raise ValidationError(message)


@transaction.atomic
def candidate_decide(
    *, actor: User, candidate: Candidate, accept: bool, now: datetime | None = None
) -> Candidate:
    """The nominee accepts or declines; they may change their mind until nominations close
    (the rules are the guards of `CANDIDACY`)."""
    CANDIDACY.apply(candidate, "accept" if accept else "decline", actor=actor, at=now)
    return candidate


@transaction.atomic
def candidate_accept_on_behalf(
    *,
    actor: User,
    candidate: Candidate,
    received_on: date,
    received_by: str,
    note: str = "",
    now: datetime | None = None,
) -> Candidate:
    """The returning officer records an acceptance the nominee made outside the site (a
    signed form, a letter, an email), with the date it was received and how, before
    nominations close (the rules are the guards of `CANDIDACY.accept_on_behalf`). The date
    and the means are kept in the transition's note and the audit entry's details."""
    note = note.strip()
    means = RECEIVED_BY.get(received_by, received_by)
    said = f"Acceptance received {means} on {received_on:%-d %B %Y}."
    CANDIDACY.apply(
        candidate,
        "accept_on_behalf",
        actor=actor,
        at=now,
        note=f"{said} {note}" if note else said,
        data={"received_on": received_on, "received_by": received_by},
        details={"received_on": received_on.isoformat(), "received_by": received_by},
    )
    return candidate


@transaction.atomic
def candidate_statement_save(
    *, actor: User, candidate: Candidate, statement: str, now: datetime | None = None
) -> Candidate:
    now = now or timezone.now()
    _check_own(actor, candidate)
    _check_before_close(candidate, now, STATEMENT_CLOSED)
    if len(statement.strip()) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {"statement": f"A statement can be at most {STATEMENT_MAX_LENGTH:,} characters."}
        )
    candidate.statement = statement.strip()
    candidate.save(update_fields=["statement"])
    return candidate
