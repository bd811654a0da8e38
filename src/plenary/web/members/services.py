"""Writes to the roll: a member's own record (self-identification), an officer's edit of a
member's record, and a decision on a member's standing (docs/decisions/0021-roll-editing.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import models, transaction
from django.utils import timezone

from plenary.web.audit.log import audit_record
from plenary.web.members import tasks
from plenary.web.members.models import Member, SelfIdentification, StatusDecision
from plenary.web.members.permissions import keeps_national_roll, keeps_roll_of
from plenary.web.organisation.models import Unit

SELF_IDENTIFICATION_FIELDS = ("gender", "counts_as_woman", "bame", "lgbt", "disabled", "youth")


@transaction.atomic
def self_identification_save(
    *, member: Member, consent: bool, **answers: object
) -> SelfIdentification | None:
    """Store the member's answers with their consent; without consent, store nothing and
    delete anything stored before (withdrawing consent erases the data)."""
    if not consent:
        SelfIdentification.objects.filter(member=member).delete()
        return None
    record, _ = SelfIdentification.objects.update_or_create(
        member=member,
        defaults={
            "consent_given_at": timezone.now(),
            **{field: answers[field] for field in SELF_IDENTIFICATION_FIELDS if field in answers},
        },
    )
    return record


# --- an officer's edit of a member's record --------------------------------------------------

EDITABLE_FIELDS = ("name", "email", "branch", "joined_on", "paid_until", "status")
# The statuses an edit may set, and leave: suspension and expulsion are decisions.
ROLL_EDIT_STATUSES = frozenset({Member.Status.ACTIVE, Member.Status.LAPSED})
DECIDED_ONLY = (
    "Suspension and expulsion are decisions, not roll edits: a national roll keeper records "
    "them, with the reason, under “Standing”."
)
_email_validator = EmailValidator()


@dataclass
class MemberUpdate:
    member: Member
    changed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    email_changed: bool = False


def _max_length(model_field: str) -> int:
    field_ = Member._meta.get_field(model_field)
    assert isinstance(field_, models.Field) and field_.max_length is not None
    return field_.max_length


def _clean(actor: AbstractBaseUser, member: Member, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes as they will be stored, or ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    if "name" in changes:
        name = " ".join(str(changes["name"] or "").split())
        if not name:
            errors["name"] = ["Enter the member's name."]
        elif len(name) > _max_length("name"):
            errors["name"] = [f"A name has at most {_max_length('name')} characters."]
        clean["name"] = name
    if "email" in changes:
        email = str(changes["email"] or "").strip()
        if email:
            try:
                _email_validator(email)
            except ValidationError:
                errors["email"] = ["Enter a whole email address, like name@example.org."]
            if len(email) > _max_length("email"):
                errors["email"] = [f"An address has at most {_max_length('email')} characters."]
        clean["email"] = email
    if "branch" in changes:
        branch = changes["branch"]
        if not isinstance(branch, Unit) or branch.kind != Unit.Kind.BRANCH:
            errors["branch"] = ["Choose a branch."]
        elif not keeps_roll_of(actor, branch):
            errors["branch"] = ["You can move a member only to a branch whose roll you keep."]
        clean["branch"] = branch
    joined_on = changes.get("joined_on", member.joined_on)
    if "joined_on" in changes:
        if not isinstance(joined_on, date):
            errors["joined_on"] = ["Enter the date the member joined."]
        elif joined_on > timezone.localdate():
            errors["joined_on"] = ["The joining date cannot be in the future."]
        clean["joined_on"] = joined_on
    if "paid_until" in changes:
        paid_until = changes["paid_until"]
        if paid_until is not None and not isinstance(paid_until, date):
            errors["paid_until"] = ["Enter a date, or leave this empty."]
        elif paid_until is not None and isinstance(joined_on, date) and paid_until < joined_on:
            errors["paid_until"] = ["The subscription cannot end before the member joined."]
        clean["paid_until"] = paid_until
    if "status" in changes and changes["status"] != member.status:
        status = changes["status"]
        if status not in ROLL_EDIT_STATUSES or member.status not in ROLL_EDIT_STATUSES:
            errors["status"] = [DECIDED_ONLY]
        clean["status"] = status
    if errors:
        raise ValidationError(errors)
    return clean


def member_update_problems(
    actor: AbstractBaseUser, member: Member, changes: dict[str, Any]
) -> dict[str, list[str]]:
    """What `member_update` would refuse in these changes, by field: for a form that found
    problems of its own, so that every problem is shown at once."""
    try:
        _clean(actor, member, {k: v for k, v in changes.items() if k in EDITABLE_FIELDS})
    except ValidationError as error:
        return error.message_dict
    return {}


def _officer_name(actor: AbstractBaseUser) -> str:
    return str(getattr(actor, "name", "") or "An officer of the organisation")


def member_update(
    actor: AbstractBaseUser, member: Member, *, site_root: str = "", **changes: Any
) -> MemberUpdate:
    """Change a member's record as an officer who keeps their roll: validate every field
    (ValidationError, by field), write what changed, and log the names of the fields changed
    (never their values). A change of email is told to the old address, with a link that
    undoes it, and holds sign-up through the new address (members/roll_email.py). The
    member's login, if any, is never touched."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable on the roll: {', '.join(sorted(unknown))}")
    if not keeps_roll_of(actor, member.branch):
        raise PermissionDenied("Only the officers who keep this member's roll can edit it.")
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
        clean = _clean(actor, member, changes)
        result = MemberUpdate(member=member)
        old_email = member.email
        for name, value in clean.items():
            if getattr(member, name) != value:
                setattr(member, name, value)
                result.changed.append(name)
        if not result.changed:
            return result
        update_fields = list(result.changed)
        if "email" in result.changed and old_email.lower() != member.email.lower():
            result.email_changed = True
            member.email_changed_at = timezone.now()
            update_fields.append("email_changed_at")
        member.save(update_fields=update_fields)
        audit_record(
            actor=actor,
            action="members.edit",
            target=f"member:{member.membership_number}",
            fields=sorted(result.changed),
        )
        if result.email_changed and old_email:
            notice = partial(
                tasks.tell_old_roll_address.enqueue,
                member_id=member.pk,
                old_email=old_email,
                changed_by=_officer_name(actor),
                site_root=site_root,
            )
            transaction.on_commit(notice)
    if "email" in result.changed and member.email:
        others = Member.objects.filter(email__iexact=member.email).exclude(pk=member.pk).count()
        if others:
            result.warnings.append(
                f"{others} other member{'s' if others > 1 else ''} on the roll "
                f"{'have' if others > 1 else 'has'} this email address too. Members who share "
                "an address cannot sign up through it until each has one of their own."
            )
    return result


# --- decisions on a member's standing ----------------------------------------------------


def member_set_standing(
    *, actor: AbstractBaseUser, member: Member, status: str, reason: str
) -> StatusDecision:
    """Record a decision that sets a member's status (a suspension, an expulsion, or lifting
    one), with its reason. Only a national roll keeper, until casework makes these. The
    audit entry names the status and the decision, not the reason (kept in the decision)."""
    if not keeps_national_roll(actor):
        raise PermissionDenied("Only a national roll keeper can record a decision on standing.")
    errors: dict[str, list[str]] = {}
    reason = reason.strip()
    if status not in Member.Status.values:
        errors["status"] = ["Choose a status."]
    if not reason:
        errors["reason"] = ["Give the reason for the decision: it is kept with it."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        decision = StatusDecision.objects.create(
            member=member,
            status=status,
            reason=reason,
            # The stubs type the key as accounts' User, which this app (below accounts)
            # knows only as AbstractBaseUser (decision 0008).
            decided_by=actor,  # type: ignore[misc]
            decided_by_label=_officer_name(actor),
        )
        if member.status != status:
            member.status = status
            member.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="members.set_standing",
            target=f"member:{member.membership_number}",
            status=status,
            decision=decision.pk,
        )
    return decision


def latest_decisions() -> dict[int, tuple[str, datetime]]:
    """Each member's latest decision on standing: the status it set and when. A member's
    status was set by a decision when it is still that status. Decisions are few (one per
    suspension, expulsion or reinstatement), so this reads them all in one query."""
    latest: dict[int, tuple[str, datetime]] = {}
    for member_id, status, decided_at in StatusDecision.objects.order_by(
        "member_id", "decided_at", "pk"
    ).values_list("member_id", "status", "decided_at"):
        latest[member_id] = (status, decided_at)
    return latest
