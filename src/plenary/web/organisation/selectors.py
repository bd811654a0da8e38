"""Reads of the organisation, shaped for its pages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When

from plenary.web.organisation.entitlements import affiliate_delegates, annual_fee, delegates_for
from plenary.web.organisation.models import (
    Affiliate,
    Body,
    BodySeat,
    DelegateBand,
    FeeRule,
    Office,
    Organisation,
    Unit,
)
from plenary.web.organisation.roll import roll

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ActiveCount(TypedDict):
    active_members: int


def units_with_active_counts() -> QuerySet[WithAnnotations[Unit, ActiveCount]]:
    return Unit.objects.annotate(
        active_members=Count("members", filter=roll().current_members_q("members"))
    )


@dataclass(frozen=True)
class BranchRow:
    unit: Unit
    active_members: int
    delegates: int


@dataclass(frozen=True)
class RegionRow:
    unit: Unit
    branches: list[BranchRow]

    @property
    def active_members(self) -> int:
        return sum(branch.active_members for branch in self.branches)


def organisation_tree() -> tuple[Unit | None, list[RegionRow]]:
    """The national unit and its regions, each with its branches, counts and delegates."""
    bands = list(DelegateBand.objects.all())
    units = list(units_with_active_counts().order_by("name"))
    national = next((unit for unit in units if unit.kind == Unit.Kind.NATIONAL), None)
    regions = [
        RegionRow(
            unit=region,
            branches=[
                BranchRow(
                    branch, branch.active_members, delegates_for(branch.active_members, bands)
                )
                for branch in units
                if branch.parent_id == region.id and branch.kind == Unit.Kind.BRANCH
            ],
        )
        for region in units
        if region.kind == Unit.Kind.REGION
    ]
    return national, regions


def branch_delegates(branch: Unit) -> tuple[int, int]:
    """(active members, delegates) for a branch."""
    active = branch.members.filter(roll().current_members_q("")).count()
    return active, delegates_for(active)


@dataclass(frozen=True)
class AffiliateRow:
    affiliate: Affiliate
    annual_fee: Decimal | None
    delegates: int
    annual_fee_display: str = ""  # the fee in the organisation's currency, "£120.00"


def affiliate_rows(queryset: QuerySet[Affiliate] | None = None) -> list[AffiliateRow]:
    fees = list(FeeRule.objects.all())
    bands = list(DelegateBand.objects.all())
    organisation = Organisation.current()
    affiliates = (queryset if queryset is not None else Affiliate.objects.all()).select_related(
        "parent", "unit"
    )
    return [
        AffiliateRow(
            affiliate,
            fee,
            affiliate_delegates(affiliate, bands=bands, organisation=organisation),
            annual_fee_display=organisation.money(fee) if fee is not None else "",
        )
        for affiliate in affiliates
        for fee in [annual_fee(affiliate.affiliate_type, affiliate.declared_members, fees)]
    ]


# Seats listed by office, in the order Office names them (chair first), ordinary seats last.
OFFICE_RANK = Case(
    *(When(office=office, then=Value(rank)) for rank, office in enumerate(Office.values)),
    default=Value(len(Office.values)),
    output_field=IntegerField(),
)


def bodies_with_seats(queryset: QuerySet[Body] | None = None) -> QuerySet[Body]:
    seats = (
        BodySeat.objects.current().select_related("member").order_by(OFFICE_RANK, "member__name")
    )
    return (
        (queryset if queryset is not None else Body.objects.all())
        .select_related("unit")
        .prefetch_related(Prefetch("seats", queryset=seats, to_attr="current_seats"))
    )


def elections_committee_of(unit: Unit) -> Body | None:
    """The unit's own elections committee (the first, should it have several), or None."""
    return Body.objects.filter(unit=unit, kind=Body.Kind.ELECTIONS).order_by("pk").first()


def returning_officer_seat(unit: Unit) -> BodySeat | None:
    """The current returning officer seat on the unit's own elections committees: who runs
    its elections besides those above it. None when the unit has not named one."""
    return (
        BodySeat.objects.current()
        .filter(body__unit=unit, body__kind=Body.Kind.ELECTIONS, office=Office.RETURNING_OFFICER)
        .select_related("member", "body")
        .order_by("starts_on", "pk")
        .first()
    )
