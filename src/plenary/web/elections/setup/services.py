"""Writes for setting up an election: the election, its sections, its timeline, announcing it,
and freezing the electoral roll. Each service checks the phase itself (from the server clock,
`now` defaults to `timezone.now()`) and writes the audit log.

Rule failures are `django.core.exceptions.ValidationError`s keyed by the form field they are
about, so a view can show each message beside its field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plenary.counting import RULES
from plenary.web.accounts.models import User
from plenary.web.audit.log import audit_record
from plenary.web.core.csv import csv_text
from plenary.web.elections import selectors
from plenary.web.elections.models import (
    BallotFileAccess,
    BallotList,
    Election,
    Elector,
    Method,
    NominatingKind,
    Phase,
    Section,
)
from plenary.web.elections.schedule import schedule_deadlines
from plenary.web.members.models import Member
from plenary.web.organisation import services as organisation
from plenary.web.organisation.models import Unit
from plenary.web.organisation.permissions import holds_elections_of, runs_elections_of
from plenary.web.organisation.selectors import returning_officer_seat

# Slugs that would collide with the routes under /elections/.
RESERVED_SLUGS = frozenset({"new", "candidacies", "nominations", "ballots", "receipts"})

TIMELINE_FIELDS = (
    "nominations_open_at",
    "nominations_close_at",
    "ballot_open_at",
    "ballot_close_at",
)
TIMELINE_LABELS = {
    "nominations_open_at": "Nominations open",
    "nominations_close_at": "Nominations close",
    "ballot_open_at": "Ballot opens",
    "ballot_close_at": "Ballot closes",
}
# Each pair must be in this order; a ballot may open the moment nominations close.
TIMELINE_ORDER = (
    ("nominations_open_at", "nominations_close_at", False),
    ("nominations_close_at", "ballot_open_at", True),
    ("ballot_open_at", "ballot_close_at", False),
)
EDITABLE_SECTION_PHASES = frozenset({Phase.DRAFT, Phase.ANNOUNCED})

SECTIONS_LOCKED = "Sections cannot be changed once nominations have opened."
ALREADY_ANNOUNCED = "This election has already been announced."
ROLL_ALREADY_FROZEN = "The electoral roll is already frozen."


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _isoformat(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


NOT_YOUR_UNIT = (
    "You are not a returning officer for {unit}: an election is held by a unit whose "
    "elections committee you sit on as returning officer, or a unit below it (or by the "
    "branch whose committee you chair or are secretary of)."
)
NAME_A_RETURNING_OFFICER = (
    "{unit} has no returning officer yet: give the membership number of the member who will "
    "run this election (not your own: nobody appoints themselves to an office)."
)
RETURNING_OFFICER_ONLY_FOR_BRANCHES = (
    "Only a branch election names its returning officer here; {unit}'s returning officers "
    "are appointed on its elections committee's page."
)


# --- The election --------------------------------------------------------------------------


BRANCH_ELECTORATE = "A branch's election is its own members': choose {unit} or nothing."


def _electorate_for(unit: Unit, electorate_units: Iterable[Unit]) -> list[Unit]:
    """The electorate chosen, or for a branch's election its own members: an election held
    by a branch is the branch's, whether or not the branch is ticked."""
    units = list(electorate_units)
    if unit.kind != Unit.Kind.BRANCH:
        return units
    if any(u.pk != unit.pk for u in units):
        raise ValidationError({"electorate_units": BRANCH_ELECTORATE.format(unit=unit.name)})
    return [unit]


@transaction.atomic
def election_create(
    *,
    actor: User,
    title: str,
    slug: str,
    unit: Unit,
    description: str = "",
    electorate_units: Iterable[Unit] = (),
    roll_date: date | None = None,
    ballot_list: str = BallotList.RECEIPT_CHECK,
    ballot_file_access: str = BallotFileAccess.SCRUTINEERS,
    returning_officer: Member | None = None,
) -> Election:
    """Create a draft election held by `unit`. A returning officer creates it for a unit they
    run; a branch committee's chair or secretary for their branch, naming the branch's
    returning officer (`returning_officer`, appointed on the branch's elections committee)
    if the branch has none yet: from then on the returning officer runs the election."""
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": f"“{slug}” is used by the site; choose another."})
    if Election.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": "Another election already uses this short name."})
    if not holds_elections_of(actor, unit):
        raise ValidationError({"unit": NOT_YOUR_UNIT.format(unit=unit.name)})
    units = _electorate_for(unit, electorate_units)
    if returning_officer is not None:
        if unit.kind != Unit.Kind.BRANCH:
            raise ValidationError(
                {"returning_officer": RETURNING_OFFICER_ONLY_FOR_BRANCHES.format(unit=unit.name)}
            )
        organisation.returning_officer_appoint(
            actor=actor, unit=unit, member=returning_officer, starts_on=timezone.localdate()
        )
    elif not runs_elections_of(actor, unit) and returning_officer_seat(unit) is None:
        raise ValidationError(
            {"returning_officer": NAME_A_RETURNING_OFFICER.format(unit=unit.name)}
        )
    election = Election(
        title=title,
        slug=slug,
        unit=unit,
        description=description,
        roll_date=roll_date,
        ballot_list=ballot_list,
        ballot_file_access=ballot_file_access,
        created_by=actor,
    )
    election.full_clean()
    election.save()
    election.electorate_units.set(units)
    audit_record(
        actor=actor,
        action="election.create",
        target=election,
        title=title,
        unit=unit.slug,
        electorate=sorted(u.slug for u in units),
        roll_date=roll_date.isoformat() if roll_date else None,
        ballot_list=ballot_list,
        ballot_file_access=ballot_file_access,
    )
    return election


# From the opening of the ballot voters have been told what will be published of the ballots.
BALLOT_STARTED = (Phase.BALLOT, Phase.BALLOT_CLOSED, Phase.PUBLISHED)
BALLOTS_PUBLICATION_FIXED = (
    "This cannot change once the ballot has opened: voters were told it before they voted."
)


def section_defaults(election: Election) -> dict[str, object]:
    """What a new section starts with, by the election's scope. An election held by a branch,
    or whose electorate is one branch, is nominated by its members (a proposer and a
    seconder) and one nomination puts a candidate on the ballot; elections wider than that
    are nominated by branches, five of them needed, as DOMAIN.md has it."""
    if is_branch_scoped(election):
        return {
            "nominating_kinds": [NominatingKind.MEMBERS],
            "threshold": 1,
            "nominations_per_body": 1,
        }
    return {
        "nominating_kinds": [NominatingKind.BRANCH],
        "threshold": Section._meta.get_field("threshold").get_default(),
        "nominations_per_body": 1,
    }


def is_branch_scoped(election: Election) -> bool:
    """Held by a branch, or with one branch's members for its electorate."""
    if election.unit.kind == Unit.Kind.BRANCH:
        return True
    return election.pk is not None and selectors.electorate_branches(election).count() == 1


@transaction.atomic
def election_update(
    *,
    actor: User,
    election: Election,
    title: str,
    description: str,
    unit: Unit,
    electorate_units: Iterable[Unit],
    roll_date: date | None,
    ballot_list: str | None = None,
    ballot_file_access: str | None = None,
    now: datetime | None = None,
) -> Election:
    """Change the election's particulars. Once announced the holding unit is fixed; once the
    roll is frozen the electorate and roll date are fixed (the roll was written from them);
    once the ballot opens what is published of the ballots is fixed (voters were told it
    before they voted). `ballot_list` and `ballot_file_access` left None are kept."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    units = sorted(_electorate_for(unit, electorate_units), key=lambda u: u.pk)
    current_units = sorted(election.electorate_units.all(), key=lambda u: u.pk)
    errors: dict[str, str] = {}
    if election.announced_at is not None and unit != election.unit:
        errors["unit"] = "The holding unit cannot change once the election is announced."
    elif not runs_elections_of(actor, unit):
        errors["unit"] = NOT_YOUR_UNIT.format(unit=unit.name)
    if election.roll_frozen_at is not None:
        if units != current_units:
            errors["electorate_units"] = "The electorate cannot change: the roll is frozen."
        if roll_date != election.roll_date:
            errors["roll_date"] = "The roll date cannot change: the roll is frozen."
    ballot_list = election.ballot_list if ballot_list is None else ballot_list
    if ballot_file_access is None:
        ballot_file_access = election.ballot_file_access
    if election.phase(_now(now)) in BALLOT_STARTED:
        for name, new in (("ballot_list", ballot_list), ("ballot_file_access", ballot_file_access)):
            if getattr(election, name) != new:
                errors[name] = BALLOTS_PUBLICATION_FIXED
    if election.phase(_now(now)) == Phase.PUBLISHED:
        errors["title"] = "A published election cannot be changed."
    if errors:
        raise ValidationError(errors)
    changes = {
        name: str(new)
        for name, old, new in (
            ("title", election.title, title),
            ("description", election.description, description),
            ("unit", election.unit.slug, unit.slug),
            ("roll_date", election.roll_date, roll_date),
            ("ballot_list", election.ballot_list, ballot_list),
            ("ballot_file_access", election.ballot_file_access, ballot_file_access),
        )
        if old != new
    }
    if units != current_units:
        changes["electorate"] = ",".join(sorted(u.slug for u in units))
    election.title, election.description, election.unit = title, description, unit
    election.roll_date = roll_date
    election.ballot_list, election.ballot_file_access = ballot_list, ballot_file_access
    election.full_clean()
    election.save()
    election.electorate_units.set(units)
    audit_record(actor=actor, action="election.update", target=election, **changes)
    return election


# --- Sections ------------------------------------------------------------------------------

SECTION_FIELDS = (
    "name",
    "position",
    "seats",
    "method",
    "question",
    "reserved_category",
    "reserved_seats",
    "minimum_women",
    "nominating_kinds",
    "nominations_per_body",
    "gender_balanced_nominations",
    "threshold",
)


def _check_sections_editable(election: Election, now: datetime | None) -> None:
    if election.phase(_now(now)) not in EDITABLE_SECTION_PHASES:
        raise ValidationError(SECTIONS_LOCKED)


def section_rule_errors(fields: Mapping[str, Any]) -> dict[str, str]:
    """The section's own consistency rules, keyed by field."""
    errors: dict[str, str] = {}
    seats = int(fields.get("seats") or 0)
    method = fields.get("method")
    if method == Method.REFERENDUM:
        if not str(fields.get("question") or "").strip():
            errors["question"] = "A yes/no ballot needs the question put to members."
        if seats != 1:
            errors["seats"] = "A yes/no ballot decides one question: set seats to 1."
        return errors
    if method in (Method.IRV, Method.FPTP) and seats != 1:
        errors["seats"] = "This counting rule fills one seat; choose STV or block vote for more."
    if int(fields.get("reserved_seats") or 0) > seats:
        errors["reserved_seats"] = "Cannot reserve more seats than the section has."
    if fields.get("reserved_seats") and not fields.get("reserved_category"):
        errors["reserved_category"] = "Say which category the reserved seats are for."
    if fields.get("reserved_category") and not fields.get("reserved_seats"):
        errors["reserved_seats"] = "Say how many seats are reserved for this category."
    if int(fields.get("minimum_women") or 0) > seats:
        errors["minimum_women"] = "Cannot require more women than the section has seats."
    if (fields.get("reserved_seats") or fields.get("minimum_women")) and not _takes_constraints(
        method
    ):
        errors["method"] = (
            "This counting rule cannot apply reserved seats or a minimum of women; "
            "choose Scottish STV or weighted inclusive Gregory."
        )
    if not fields.get("nominating_kinds"):
        errors["nominating_kinds"] = "Choose at least one kind of body that may nominate."
    if int(fields.get("threshold") or 0) < 1:
        errors["threshold"] = "A candidate needs at least one nominating body."
    if int(fields.get("nominations_per_body") or 0) < 1:
        errors["nominations_per_body"] = "Each body must be able to nominate at least one."
    return errors


def _takes_constraints(method: object) -> bool:
    info = RULES.get(str(method))
    return bool(info and info.supports_constraints)


def _section_save(section: Section, fields: dict[str, object]) -> Section:
    errors = section_rule_errors(fields)
    if errors:
        raise ValidationError(errors)
    for name in SECTION_FIELDS:
        if name in fields:
            setattr(section, name, fields[name])
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_create(
    *, actor: User, election: Election, now: datetime | None = None, **fields: object
) -> Section:
    _check_sections_editable(election, now)
    fields = {**section_defaults(election), **fields}
    section = _section_save(Section(election=election), fields)
    audit_record(
        actor=actor,
        action="section.create",
        target=election,
        section=section.pk,
        **{k: fields[k] for k in SECTION_FIELDS if k in fields},
    )
    return section


@transaction.atomic
def section_update(
    *, actor: User, section: Section, now: datetime | None = None, **fields: object
) -> Section:
    _check_sections_editable(section.election, now)
    section = _section_save(section, fields)
    audit_record(
        actor=actor,
        action="section.update",
        target=section.election,
        section=section.pk,
        **{k: fields[k] for k in SECTION_FIELDS if k in fields},
    )
    return section


@transaction.atomic
def section_delete(*, actor: User, section: Section, now: datetime | None = None) -> None:
    election = section.election
    _check_sections_editable(election, now)
    audit_record(
        actor=actor,
        action="section.delete",
        target=election,
        section=section.pk,
        name=section.name,
    )
    section.delete()


# --- Timeline ------------------------------------------------------------------------------


def _order_errors(moments: dict[str, datetime | None]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for earlier, later, may_be_equal in TIMELINE_ORDER:
        first, second = moments.get(earlier), moments.get(later)
        if first is None or second is None:
            continue
        if second < first or (second == first and not may_be_equal):
            word = "at or after" if may_be_equal else "after"
            errors.setdefault(
                later, f"{TIMELINE_LABELS[later]} must be {word} “{TIMELINE_LABELS[earlier]}”."
            )
    return errors


def _announced_change_errors(
    election: Election, moments: dict[str, datetime | None], now: datetime
) -> dict[str, str]:
    """After announcement, members rely on the dates: a date that has passed stays as it was,
    and a date may only be moved to a moment still to come."""
    errors: dict[str, str] = {}
    for name in TIMELINE_FIELDS:
        old, new = getattr(election, name), moments.get(name)
        if old == new:
            continue
        if old is not None and old <= now:
            errors[name] = f"{TIMELINE_LABELS[name]} has already passed and cannot be moved."
        elif new is None:
            errors[name] = "An announced election needs every date."
        elif new <= now:
            errors[name] = "An announced election's dates can only be moved to the future."
    return errors


def _unchanged_kept(
    election: Election, moments: dict[str, datetime | None]
) -> dict[str, datetime | None]:
    """The form shows and returns times to the minute: a date given back in the same minute
    is the stored date unchanged (not a move of a few seconds, which would count as moving a
    date that has passed)."""
    kept = dict(moments)
    for name in TIMELINE_FIELDS:
        old, new = getattr(election, name), moments.get(name)
        if old is not None and new is not None and old.replace(second=0, microsecond=0) == new:
            kept[name] = old
    return kept


@transaction.atomic
def election_set_timeline(
    *,
    actor: User,
    election: Election,
    now: datetime | None = None,
    **moments: datetime | None,
) -> Election:
    """Set the four dates (aware datetimes; forms read them in the organisation's time zone)."""
    now = _now(now)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.phase(now) == Phase.PUBLISHED:
        raise ValidationError("A published election's timeline cannot change.")
    moments = _unchanged_kept(election, moments)
    errors = _order_errors(moments)
    if election.announced_at is not None:
        for name, message in _announced_change_errors(election, moments, now).items():
            errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)
    changes = {
        name: _isoformat(moments.get(name))
        for name in TIMELINE_FIELDS
        if getattr(election, name) != moments.get(name)
    }
    for name in TIMELINE_FIELDS:
        setattr(election, name, moments.get(name))
    election.save(update_fields=list(TIMELINE_FIELDS))
    audit_record(actor=actor, action="election.timeline", target=election, **changes)
    schedule_deadlines(election)
    return election


# --- Announcing ----------------------------------------------------------------------------


def announcement_problems(election: Election, now: datetime) -> list[str]:
    """What stops the election being announced, in words for the returning officer."""
    problems = []
    if election.announced_at is not None:
        problems.append(ALREADY_ANNOUNCED)
    missing = [TIMELINE_LABELS[n] for n in TIMELINE_FIELDS if getattr(election, n) is None]
    if missing:
        problems.append("Set the whole timeline first (missing: " + ", ".join(missing) + ").")
    elif election.nominations_open_at is not None and election.nominations_open_at <= now:
        problems.append("Nominations must open after the announcement: move the date forward.")
    if not election.sections.exists():
        problems.append("Add at least one section (ballot paper).")
    if election.roll_date is None:
        problems.append("Set the roll date: the electorate is the active members on that date.")
    return problems


@transaction.atomic
def election_announce(*, actor: User, election: Election, now: datetime | None = None) -> Election:
    now = _now(now)
    election = Election.objects.select_for_update().get(pk=election.pk)
    problems = announcement_problems(election, now)
    if problems:
        raise ValidationError(problems)
    election.announced_at = now
    election.save(update_fields=["announced_at"])
    audit_record(
        actor=actor,
        action="election.announce",
        target=election,
        **{name: getattr(election, name).isoformat() for name in TIMELINE_FIELDS},
    )
    schedule_deadlines(election)
    return election


# --- The electoral roll ----------------------------------------------------------------------


@transaction.atomic
def election_freeze_roll(
    *, election: Election, actor: User | None = None, now: datetime | None = None
) -> int:
    """Write the frozen roll (one `Elector` per member of the electorate as at the roll date)
    and return how many. `actor` is None when the system freezes it as the ballot opens.

    There is no membership history yet, so "active on the roll date" is read as: joined on or
    before the roll date and active now (see docs/elections.md)."""
    now = _now(now)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.roll_frozen_at is not None:
        raise ValidationError(ROLL_ALREADY_FROZEN)
    if election.announced_at is None:
        raise ValidationError("Announce the election before freezing its roll.")
    if election.roll_date is None:
        raise ValidationError("Set the roll date before freezing the roll.")
    if election.roll_date > timezone.localdate(now):
        raise ValidationError(
            f"The roll date ({election.roll_date:%-d %B %Y}) has not come yet: the roll can be "
            "frozen on or after it."
        )
    members = selectors.eligible_members(election).select_related("branch")
    electors = [
        Elector(
            election=election,
            member=member,
            membership_number=member.membership_number,
            branch_name=member.branch.name,
        )
        for member in members.iterator(chunk_size=2000)
    ]
    Elector.objects.bulk_create(electors, batch_size=2000)
    election.roll_frozen_at = now
    election.save(update_fields=["roll_frozen_at"])
    audit_record(
        actor=actor,
        action="election.roll_freeze",
        target=election,
        electors=len(electors),
        roll_date=election.roll_date.isoformat(),
    )
    return len(electors)


def election_freeze_roll_if_due(*, election: Election, now: datetime | None = None) -> bool:
    """Freeze the roll if the ballot has opened and nobody froze it: the voting code calls this
    before it reads the roll. Returns whether it froze it now."""
    now = _now(now)
    if election.roll_frozen_at is not None or election.ballot_open_at is None:
        return False
    if election.announced_at is None or now < election.ballot_open_at:
        return False
    try:
        election_freeze_roll(election=election, actor=None, now=now)
    except ValidationError:
        # Another request froze it first (the lock serialised us): nothing left to do.
        election.refresh_from_db(fields=["roll_frozen_at"])
        if election.roll_frozen_at is None:
            raise
        return False
    election.refresh_from_db(fields=["roll_frozen_at"])
    return True


# --- The ballot paper ---------------------------------------------------------------------

# Phases in which candidacies and nominations can still change, so the paper is not final.
PAPER_OPEN_PHASES = frozenset({Phase.DRAFT, Phase.ANNOUNCED, Phase.NOMINATIONS})


def section_fix_ballot_paper(*, section: Section, now: datetime | None = None) -> list[int]:
    """Fix the section's ballot paper (candidate ids in ballot-paper order) and return it.

    Once nominations close nothing can change who is on the paper, so it is fixed then, at
    the latest when the first voter or the count needs it; from then on the ballot, the
    count and the result read the fixed list. Fixing it is audited: the log shows who was on
    each paper. Fixing an already fixed paper returns it unchanged."""
    if section.ballot_paper is not None:
        return section.ballot_paper
    if section.election.phase(_now(now)) in PAPER_OPEN_PHASES:
        raise ValidationError("The ballot paper is fixed only once nominations have closed.")
    with transaction.atomic():
        locked = Section.objects.select_for_update().get(pk=section.pk)
        if locked.ballot_paper is None:  # else another request fixed it while we waited
            locked.ballot_paper = [c.id for c in selectors.ballot_candidates(locked)]
            locked.save(update_fields=["ballot_paper"])
            audit_record(
                actor=None,
                action="section.ballot_paper_fix",
                target=section.election,
                section=section.pk,
                candidates=locked.ballot_paper,
            )
    section.ballot_paper = locked.ballot_paper
    return section.ballot_paper


ROLL_CSV_HEADER = ("membership_number", "name", "branch")


def election_roll_csv(*, actor: User, election: Election) -> str:
    """The frozen roll as CSV, for officers; the download is itself audited (personal data)."""
    if election.roll_frozen_at is None:
        raise ValidationError("The roll has not been frozen yet.")
    electors = election.electors.select_related("member").order_by("branch_name", "member__name")
    rows = [
        (elector.membership_number, elector.member.name, elector.branch_name)
        for elector in electors.iterator(chunk_size=2000)
    ]
    audit_record(actor=actor, action="election.roll_download", target=election, rows=len(rows))
    return csv_text([ROLL_CSV_HEADER, *rows])
