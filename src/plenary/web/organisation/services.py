"""Writes to the organisation: seats on bodies (and a unit's elections committee, made when
its first returning officer is appointed) and affiliates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from plenary.web.audit.log import Actor, audit_record
from plenary.web.organisation import roles
from plenary.web.organisation.models import Affiliate, Body, BodySeat, Office, Unit
from plenary.web.organisation.permissions import appointment_refusal, manages_body
from plenary.web.organisation.roll import roll
from plenary.web.organisation.selectors import elections_committee_of, returning_officer_seat


@transaction.atomic
def body_seat_add(
    *,
    actor: Any,
    body: Body,
    member: Model,
    office: str = "",
    co_opted: bool = False,
    starts_on: date,
) -> BodySeat:
    """Appoint a member to a seat (with an office, or none), if the actor may appoint to
    that office on that body (organisation/permissions.py) and the member may hold it."""
    refused = appointment_refusal(actor, body, office, member)
    if refused:
        raise ValidationError(refused)
    refusal = roll().seat_refusal(member, starts_on)
    if refusal:
        raise ValidationError({"member": refusal})
    if office and BodySeat.objects.current(starts_on).filter(body=body, office=office).exists():
        raise ValidationError(
            {"office": "Someone already holds this office on this body; end their term first."}
        )
    # The stubs type the foreign key as members' Member, which this app (below members) knows
    # only as a Model (decision 0008).
    seat = BodySeat(  # type: ignore[misc]
        body=body, member=member, office=office, co_opted=co_opted, starts_on=starts_on
    )
    seat.full_clean()
    seat.save()
    roles.forget_seats(actor)
    audit_record(
        actor=actor,
        action="seat.add",
        target=seat,
        member=seat.member.membership_number,
        office=office,
        co_opted=co_opted,
        starts_on=starts_on,
    )
    return seat


@transaction.atomic
def body_seat_end(*, actor: Any, seat: BodySeat, ends_on: date) -> BodySeat:
    refused = appointment_refusal(actor, seat.body, seat.office)
    if "__all__" in refused:
        raise ValidationError(refused["__all__"])
    if ends_on < seat.starts_on:
        raise ValidationError({"ends_on": "A term cannot end before it starts."})
    seat.ends_on = ends_on
    seat.save(update_fields=["ends_on"])
    roles.forget_seats(actor)
    audit_record(
        actor=actor,
        action="seat.end",
        target=seat,
        member=seat.member.membership_number,
        office=seat.office,
        ends_on=ends_on,
    )
    return seat


ALREADY_HAS_RO = (
    "{unit} already has a returning officer, {name}: end their term on the {body} page first."
)
MAY_NOT_APPOINT_RO = "Only {unit}'s committee chair or secretary can name its returning officer."


def _free_slug(base: str) -> str:
    slug, n = base[:80], 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:75]}-{n}"
    return slug


@transaction.atomic
def returning_officer_appoint(
    *, actor: Any, unit: Unit, member: Model, starts_on: date
) -> BodySeat:
    """Appoint the unit's returning officer: a returning officer seat on the unit's elections
    committee, which is created (and its creation logged) if the unit has none yet. Who may
    is who appoints to the committee (`manages_body`: for a branch, its committee's chair or
    secretary). A unit has one returning officer at a time."""
    committee = elections_committee_of(unit)
    if not manages_body(actor, committee or Body(unit=unit, kind=Body.Kind.ELECTIONS)):
        raise ValidationError({"returning_officer": MAY_NOT_APPOINT_RO.format(unit=unit.name)})
    current = returning_officer_seat(unit)
    if current is not None:
        raise ValidationError(
            {
                "returning_officer": ALREADY_HAS_RO.format(
                    unit=unit.name, name=current.member, body=current.body.name
                )
            }
        )
    if committee is None:
        committee = Body.objects.create(
            name=f"{unit.name} elections committee",
            kind=Body.Kind.ELECTIONS,
            unit=unit,
            slug=_free_slug(f"{unit.slug}-elections"),
        )
        audit_record(
            actor=actor,
            action="body.create",
            target=f"body:{committee.slug}",
            name=committee.name,
            kind=committee.kind,
            unit=unit.slug,
        )
    try:
        return body_seat_add(
            actor=actor,
            body=committee,
            member=member,
            office=Office.RETURNING_OFFICER,
            starts_on=starts_on,
        )
    except ValidationError as error:
        # The seat's own refusals (the member may not hold a seat) are about the person named.
        raise ValidationError({"returning_officer": error.messages}) from error


# Written to the audit log by value. The contact's name and email are personal data and the
# log keeps everything for ever, so for those only the fact of a change is logged.
_AFFILIATE_LOGGED = ["name", "affiliate_type", "parent", "unit", "declared_members"]
_AFFILIATE_LOGGED += ["affiliated_on", "paid_until"]
_AFFILIATE_CONTACT = ["contact_name", "contact_email"]


def _affiliate_state(affiliate: Affiliate) -> dict[str, object]:
    state: dict[str, object] = {
        name: getattr(affiliate, name)
        for name in _AFFILIATE_LOGGED
        if name not in {"parent", "unit"}
    }
    state["parent"] = f"affiliate:{affiliate.parent_id}" if affiliate.parent_id else None
    state["unit"] = affiliate.unit.slug if affiliate.unit is not None else None
    state.update((name, getattr(affiliate, name)) for name in _AFFILIATE_CONTACT)
    return state


@transaction.atomic
def affiliate_save(*, affiliate: Affiliate, actor: Actor) -> Affiliate:
    """Create or change an affiliate, and log it: every field's new value on creation, the
    changed fields' new values on a change (the contact only by name of the field)."""
    affiliate.full_clean()
    creating = affiliate._state.adding
    before = None if creating else _affiliate_state(Affiliate.objects.get(pk=affiliate.pk))
    affiliate.save()
    after = _affiliate_state(affiliate)
    changed = [name for name in after if before is None or before[name] != after[name]]
    details = {name: after[name] for name in changed if name not in _AFFILIATE_CONTACT}
    # On creation, the contact fields given; on a change, those changed (or cleared).
    contact = [n for n in changed if n in _AFFILIATE_CONTACT and (not creating or after[n])]
    if contact:
        details["contact_changed"] = contact
    audit_record(
        actor=actor,
        action="affiliate.create" if creating else "affiliate.update",
        target=affiliate,
        **details,
    )
    return affiliate
