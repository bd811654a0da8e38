"""What the organisation asks of the membership roll.

The roll (the members app) sits above the organisation in the app order (decision 0008): a
member belongs to a branch, so members know units, and units must not know members. The few
questions the organisation's own pages ask of the roll go through this interface, which the
members app fills in from its `ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q


@dataclass(frozen=True)
class Roll:
    # The member with this membership number, or None.
    member_by_number: Callable[[str], Model | None]
    # Why this member may not hold a seat from that date ("X is not an active member."), or None.
    seat_refusal: Callable[[Model, date], str | None]
    # The filter over a relation path to members ("members" from a unit) that keeps the
    # current members, for counts of members.
    current_members_q: Callable[[str], Q]


_roll: Roll | None = None


def provide(roll: Roll) -> None:
    global _roll
    _roll = roll


def roll() -> Roll:
    if _roll is None:
        raise ImproperlyConfigured("The members app is not installed: nothing provides the roll.")
    return _roll
