"""Affiliation fees and delegate entitlements: the organisation's own tables applied to a size.

Both tables are "from N members upwards": the row with the largest lower bound not above
the size applies. Below the smallest delegate band a unit sends no delegates. The rule
itself is `plenary.procedure.entitlement`; this module feeds it the organisation's rows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from plenary.procedure.entitlement import band_for_size, delegates_by_band
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
    rule = band_for_size((r for r in candidates if r.affiliate_type == affiliate_type), members)
    return rule.annual_fee if rule is not None else None


def delegates_for(members: int, bands: Iterable[DelegateBand] | None = None) -> int:
    return delegates_by_band(members, bands if bands is not None else DelegateBand.objects.all())


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
