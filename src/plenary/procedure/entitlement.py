"""Delegate entitlement: how many delegates a group sends to conference (pure, no Django).

The membership-band rule: the organisation's bands are "from N members upwards", and the
band with the largest lower bound not above the group's size applies; below the smallest
band a group sends none. The domain's default bands (10-100 members 2 delegates, 100-500
3, 500-2000 4, over 2000 5) read their shared edges upwards: 100 members is in the band of
3, 2000 in the band of 4, and 2001 in the band of 5. The conference-day rules (a fixed
number for national unions, supporters per delegate, a formula) are added beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Band(Protocol):
    """A row of a "from N members upwards" table (a delegate band, a fee rule)."""

    @property
    def min_members(self) -> int: ...


class DelegateBand(Band, Protocol):
    @property
    def delegates(self) -> int: ...


@dataclass(frozen=True)
class MembershipBand:
    min_members: int
    delegates: int


DEFAULT_BANDS: tuple[MembershipBand, ...] = (
    MembershipBand(10, 2),
    MembershipBand(100, 3),
    MembershipBand(500, 4),
    MembershipBand(2001, 5),
)

_Row = TypeVar("_Row", bound=Band)


def band_for_size(rows: Iterable[_Row], size: int) -> _Row | None:
    """The row with the largest lower bound not above `size`, if any."""
    applicable = [row for row in rows if row.min_members <= size]
    return max(applicable, key=lambda row: row.min_members, default=None)


def delegates_by_band(members: int, bands: Iterable[DelegateBand] = DEFAULT_BANDS) -> int:
    """Delegates for a group of `members`: its band's number, or 0 below every band."""
    if members < 0:
        raise ValueError(f"a group cannot have {members} members")
    band = band_for_size(bands, members)
    return band.delegates if band is not None else 0
