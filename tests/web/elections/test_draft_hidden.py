"""A draft election is seen by no member page but by those who may manage it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


def _member_pages(slug: str, section_id: int) -> list[str]:
    return [
        reverse("elections:detail", args=[slug]),
        reverse("elections:tally", args=[slug]),
        reverse("elections:voting", args=[slug]),
        reverse("elections:ballot", args=[slug, section_id]),
        reverse("elections:ballot_list", args=[slug, section_id]),
        reverse("elections:result", args=[slug]),
        reverse("elections:result_download", args=[slug, section_id, "count.json"]),
    ]


def test_a_member_gets_404_on_every_page_of_a_draft(client, bob, ro, tree):
    _, section = build_election(tree, ro, slug="draft", announce=False)
    client.force_login(bob)
    for url in _member_pages("draft", section.pk):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"National executive 2026" not in response.content, url


def test_the_returning_officer_still_sees_the_draft(client, ro, tree):
    _, section = build_election(tree, ro, slug="draft", announce=False)
    client.force_login(ro)
    assert client.get(reverse("elections:detail", args=["draft"])).status_code == 200
    assert client.get(reverse("elections:tally", args=["draft"])).status_code == 200
