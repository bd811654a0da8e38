"""Affiliation fees and delegate entitlements: the organisation's own tables applied to a size.

Both tables are "from N members upwards": the row with the largest lower bound not above
the size applies. Below the smallest delegate band a unit sends no delegates."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from plenary.web.organisation.models import (
    Affiliate,
    AffiliateType,
    DelegateBand,
    FeeRule,
    Organisation,
)


def annual_fee(
    affiliate_type: str, members: int, rules: Iterable[FeeRule] | None = None
) -> Decimal | None:
    """The yearly fee, or None when the organisation has set no fee for that type and size."""
    candidates = (
        rules if rules is not None else FeeRule.objects.filter(affiliate_type=affiliate_type)
    )
    applicable = [
        rule
        for rule in candidates
        if rule.affiliate_type == affiliate_type and rule.min_members <= members
    ]
    if not applicable:
        return None
    return max(applicable, key=lambda rule: rule.min_members).annual_fee


def delegates_for(members: int, bands: Iterable[DelegateBand] | None = None) -> int:
    applicable = [
        band
        for band in (bands if bands is not None else DelegateBand.objects.all())
        if band.min_members <= members
    ]
    if not applicable:
        return 0
    return max(applicable, key=lambda band: band.min_members).delegates


def affiliate_delegates(
    affiliate: Affiliate,
    *,
    bands: Iterable[DelegateBand] | None = None,
    organisation: Organisation | None = None,
) -> int:
    if not affiliate.sends_representatives:
        return 0
    if affiliate.affiliate_type == AffiliateType.NATIONAL_UNION:
        return (organisation or Organisation.current()).national_union_delegates
    return delegates_for(affiliate.declared_members, bands)
