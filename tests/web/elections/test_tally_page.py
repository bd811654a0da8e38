"""The public running tally: per candidate, the nominating bodies (and whom else each body
nominated), the threshold and whether it is reached. Public once announced, even logged out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.selectors import section_tally
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def tallied(alice, bob, dave, tree, ro):  # type: ignore[no-untyped-def]
    """Northtown nominates Bob and Dave; Southtown nominates Bob alone. Threshold 2."""
    _, section = build_election(tree, ro)
    today = timezone.localdate()
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=[bob.member, dave.member],
        meeting_date=today,
    )
    nominations.nominations_record(
        actor=ro, section=section, body=tree["southtown"], nominees=[bob.member], meeting_date=today
    )
    return section


def test_the_tally_lists_bodies_and_whom_else_each_nominated(tallied, bob, dave):
    rows = section_tally(tallied)
    assert [(r.candidate.member, r.count, r.reached) for r in rows] == [
        (bob.member, 2, True),
        (dave.member, 1, False),
    ]
    bob_row = rows[0]
    assert [(n.name, n.also_nominated) for n in bob_row.nominators] == [
        ("Northtown", ("Dave Dunn",)),
        ("Southtown", ()),
    ]


def test_anyone_logged_out_sees_the_tally_page(client, tallied):
    page = client.get(reverse("elections:tally", args=["exec-2026"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "needs nominations from 2 bodies" in body
    assert "also nominated Dave Dunn" in body and "also nominated Bob Baker" in body
    assert "reached" in body and "(1 of 2)" in body


def test_a_drafts_tally_is_not_public(client, ro, tree):
    build_election(tree, ro, announce=False, slug="secret-draft")
    assert client.get(reverse("elections:tally", args=["secret-draft"])).status_code == 404
    client.force_login(ro)
    assert client.get(reverse("elections:tally", args=["secret-draft"])).status_code == 200


def _queries_for_tally_page(client) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("elections:tally", args=["big"])).status_code == 200
    return len(queries)


def test_the_tally_page_reads_a_fixed_number_of_queries_whatever_the_number_of_nominees(
    client, tree, ro
):
    _, section = build_election(tree, ro, slug="big", nominations_per_body=8)
    record = nominations.nominations_record
    record(
        actor=ro,
        section=section,
        body=tree["northtown"],
        meeting_date=timezone.localdate(),
        nominees=[f.make_member("First One", tree["northtown"])],
    )
    _queries_for_tally_page(client)  # warm the caches that fill on the first request
    few = _queries_for_tally_page(client)
    record(
        actor=ro,
        section=section,
        body=tree["southtown"],
        meeting_date=timezone.localdate(),
        nominees=[f.make_member(f"Extra {i}", tree["southtown"]) for i in range(7)],
    )
    assert _queries_for_tally_page(client) == few


def test_a_nominee_who_declined_is_not_shown_as_reaching_the_ballot(client, tallied, bob):
    from plenary.web.elections.models import Candidate

    candidate = Candidate.objects.get(section=tallied, member=bob.member)
    nominations.candidate_decide(actor=bob, candidate=candidate, accept=False)
    body = client.get(reverse("elections:tally", args=["exec-2026"])).content.decode()
    row = body[body.index('<th scope="row">Bob Baker</th>') :].split("</tr>")[0]
    assert '<span class="tag ok">reached</span>' not in row
    assert "declined nomination</span>" in row and "not on the ballot; 2 of 2" in row
