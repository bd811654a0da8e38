"""Writes to the organisation: seats on bodies and affiliates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from plenary.web.organisation.models import Affiliate, Body, BodySeat
from plenary.web.organisation.roll import roll


@transaction.atomic
def body_seat_add(
    *, body: Body, member: Model, office: str = "", co_opted: bool = False, starts_on: date
) -> BodySeat:
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
    return seat


@transaction.atomic
def body_seat_end(*, seat: BodySeat, ends_on: date) -> BodySeat:
    if ends_on < seat.starts_on:
        raise ValidationError({"ends_on": "A term cannot end before it starts."})
    seat.ends_on = ends_on
    seat.save(update_fields=["ends_on"])
    return seat


@transaction.atomic
def affiliate_save(*, affiliate: Affiliate) -> Affiliate:
    affiliate.full_clean()
    affiliate.save()
    return affiliate
