from dataclasses import dataclass

import pytest

from plenary.procedure.entitlement import (
    DEFAULT_BANDS,
    MembershipBand,
    band_for_size,
    delegates_by_band,
)


@pytest.mark.parametrize(
    ("members", "delegates"),
    [(0, 0), (9, 0), (10, 2), (99, 2), (100, 3), (499, 3), (500, 4), (2000, 4), (2001, 5)],
)
def test_the_default_bands_read_their_shared_edges_upwards(members, delegates):
    assert delegates_by_band(members) == delegates


def test_an_organisations_own_bands_in_any_order():
    bands = [MembershipBand(1001, 3), MembershipBand(1, 1)]
    assert [delegates_by_band(n, bands) for n in (0, 1, 1000, 1001)] == [0, 1, 1, 3]


def test_no_bands_no_delegates():
    assert delegates_by_band(5000, []) == 0


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError, match="-1 members"):
        delegates_by_band(-1)


def test_any_row_with_a_lower_bound_will_do():
    @dataclass
    class Fee:
        min_members: int
        fee: str

    rows = [Fee(0, "20"), Fee(201, "200")]
    assert band_for_size(rows, 200) == Fee(0, "20")
    assert band_for_size(rows, 201) == Fee(201, "200")
    assert band_for_size(DEFAULT_BANDS, 5) is None
