"""Writes to the organisation: seats on bodies and affiliates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from plenary.web.audit.log import audit_record
from plenary.web.organisation.models import Affiliate, Body, BodySeat
from plenary.web.organisation.permissions import appointment_refusal
from plenary.web.organisation.roll import roll


def _seat_target(seat: BodySeat) -> str:
    return f"body:{seat.body.slug}/seat:{seat.pk}"


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
    refused = appointment_refusal(actor, body, office)
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
    audit_record(
        actor=actor,
        action="seat.add",
        target=_seat_target(seat),
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
    audit_record(
        actor=actor,
        action="seat.end",
        target=_seat_target(seat),
        member=seat.member.membership_number,
        office=seat.office,
        ends_on=ends_on,
    )
    return seat


@transaction.atomic
def affiliate_save(*, affiliate: Affiliate) -> Affiliate:
    affiliate.full_clean()
    affiliate.save()
    return affiliate
