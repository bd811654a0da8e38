"""Who sees self-identification is said one way everywhere (decision 0006): private, except
that accepting a nomination in a constrained section puts the group on the count sheet."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXCEPTION = "that section's published count sheet shows that you are in the group the rule covers"


@pytest.mark.parametrize("name", ["accounts:profile", "accounts:self_identification"])
def test_the_account_pages_state_the_count_sheet_exception(client, bob, name):
    client.force_login(bob)
    page = " ".join(client.get(reverse(name)).content.decode().split())
    assert EXCEPTION in page
    assert "never shown" not in page and "not even to officers" not in page
