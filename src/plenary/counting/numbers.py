"""Fixed-point helpers: every rule counts in integers scaled by ``10**places``.

A value ``v`` at ``places`` decimal places stands for ``v / 10**places``. Every operation
that can lose a fraction names its rounding (``_down`` or ``_up``), as the rules do
("any remainder being ignored" is rounding down).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np


def scale(places: int) -> int:
    """The integer that stands for one whole vote at ``places`` decimal places."""
    return int(10**places)


def to_decimal(value: int | np.integer, places: int) -> Decimal:
    """The exact decimal that the scaled integer ``value`` stands for."""
    return Decimal(int(value)).scaleb(-places)


def decimals(values: Sequence[int], places: int) -> tuple[Decimal, ...]:
    """``to_decimal`` of each of ``values`` (Python ints)."""
    exponent = -places
    return tuple(Decimal(v).scaleb(exponent) for v in values)


def muldiv_down(a: int, b: int, c: int) -> int:
    """``a * b / c`` rounded down (towards minus infinity), exactly."""
    return (a * b) // c


def muldiv_up(a: int, b: int, c: int) -> int:
    """``a * b / c`` rounded up (towards plus infinity), exactly."""
    return -((-a * b) // c)


def div_up(a: int, c: int) -> int:
    """``a / c`` rounded up."""
    return -(-a // c)


def array_muldiv_down(values: np.ndarray, b: int, c: int) -> np.ndarray:
    """Element-wise ``values * b / c`` rounded down, in int64 (no floats).

    The caller keeps ``max(values) * b`` below 2**63; Scottish STV at 5 places stays
    far below it for any electorate under about ninety million.
    """
    if values.size and int(values.max()) * b >= 2**63:
        raise OverflowError("fixed-point product too large for int64")
    return (values * np.int64(b)) // np.int64(c)
