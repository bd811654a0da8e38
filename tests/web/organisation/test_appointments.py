"""Who may appoint to which office is one rule (organisation/permissions.py), every seat added
or ended is in the audit log, and an office counts only for the business of its body."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from plenary.web.audit.models import AuditEntry
from plenary.web.organisation.models import Body, BodySeat, Office
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(alice):
    return Body.objects.get(slug="northtown-committee")


def _appoint(client, body, member, office):
    return client.post(
        body.get_absolute_url(),
        {
            "membership_number": member.membership_number,
            "office": office,
            "starts_on": "2026-01-10",
        },
    )


def test_a_branch_secretary_cannot_make_a_returning_officer(client, alice, bob, committee):
    """The review's finding: a returning-officer seat on a branch committee used to make its
    holder the returning officer of every national election."""
    client.force_login(alice)
    response = _appoint(client, committee, bob.member, Office.RETURNING_OFFICER)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_office_error"' in page and "elections committee" in page
    assert not BodySeat.objects.filter(member=bob.member).exists()
    assert not AuditEntry.objects.filter(action="seat.add").exists()


def test_a_returning_officer_seat_held_outside_an_elections_committee_gives_no_rights(
    client, bob, committee, tree
):
    f.give_seat(bob.member, committee, Office.RETURNING_OFFICER)  # as an old install may hold
    f.enable_totp(bob)
    client.force_login(bob)
    assert not bob.has_perm("elections.create")
    assert client.get(reverse("elections:create")).status_code == 403
    assert client.get(reverse("audit:log")).status_code == 403


def test_every_seat_added_and_ended_is_in_the_audit_log(client, alice, bob, committee):
    client.force_login(alice)
    assert _appoint(client, committee, bob.member, Office.TREASURER).status_code == 302
    seat = BodySeat.objects.get(member=bob.member, body=committee)
    added = AuditEntry.objects.get(action="seat.add")
    assert added.actor == alice
    assert added.target == f"body:{committee.slug}/seat:{seat.pk}"
    assert added.details == {
        "member": bob.member.membership_number,
        "office": Office.TREASURER,
        "co_opted": False,
        "starts_on": "2026-01-10",
    }
    response = client.post(
        reverse("organisation:seat_end", args=[committee.slug, seat.pk]), {"ends_on": "2026-06-30"}
    )
    assert response.status_code == 302
    ended = AuditEntry.objects.get(action="seat.end")
    assert ended.details["ends_on"] == "2026-06-30" and ended.actor == alice
    seat.refresh_from_db()
    assert seat.ends_on == date(2026, 6, 30)


def test_someone_who_may_not_manage_the_body_cannot_end_a_seat(client, alice, bob, committee):
    seat = BodySeat.objects.get(member=alice.member, body=committee)
    client.force_login(bob)
    response = client.post(
        reverse("organisation:seat_end", args=[committee.slug, seat.pk]), {"ends_on": "2026-06-30"}
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="seat.end").exists()
