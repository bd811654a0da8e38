"""Affiliation fees and delegate entitlements: the organisation's own tables applied to a size.

Both tables are "from N members upwards": the row with the largest lower bound not above
the size applies. Below the smallest delegate band a unit sends no delegates."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from plenary.web.organisation.models import (
    Affiliate,
    AffiliateType,
    DelegateBand,
    FeeRule,
    Organisation,
)

_Row = TypeVar("_Row", FeeRule, DelegateBand)


def _row_for_size(rows: Iterable[_Row], size: int) -> _Row | None:
    """The row with the largest lower bound not above the size, if any."""
    applicable = [row for row in rows if row.min_members <= size]
    return max(applicable, key=lambda row: row.min_members, default=None)


def annual_fee(
    affiliate_type: str, members: int, rules: Iterable[FeeRule] | None = None
) -> Decimal | None:
    """The yearly fee, or None when the organisation has set no fee for that type and size."""
    candidates = (
        rules if rules is not None else FeeRule.objects.filter(affiliate_type=affiliate_type)
    )
    rule = _row_for_size((r for r in candidates if r.affiliate_type == affiliate_type), members)
    return rule.annual_fee if rule is not None else None


def delegates_for(members: int, bands: Iterable[DelegateBand] | None = None) -> int:
    band = _row_for_size(bands if bands is not None else DelegateBand.objects.all(), members)
    return band.delegates if band is not None else 0


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
