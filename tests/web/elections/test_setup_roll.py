"""Freezing the electoral roll and downloading it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Elector
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import Member
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def roll(tree, bob, dave, ro):  # type: ignore[no-untyped-def]
    """Members of both regions in every state, and one who joined after the roll date."""
    people = {
        "north_active": f.make_member("Nora North", tree["northtown"]),
        "north_lapsed": f.make_member("Len Lapsed", tree["northtown"], status=Member.Status.LAPSED),
        "south_active": f.make_member("Sam South", tree["southtown"]),
        "north_late": f.make_member("Lee Late", tree["northtown"]),
    }
    Member.objects.filter(pk=people["north_late"].pk).update(joined_on=date(2026, 1, 10))
    return people


def _numbers(election) -> set[str]:  # type: ignore[no-untyped-def]
    return set(
        Elector.objects.filter(election=election).values_list("membership_number", flat=True)
    )


def test_freezing_writes_the_active_members_of_the_electorate_regions_branches(roll, ro, tree, bob):
    election, _ = build_election(tree, ro, now=NOW, electorate=[tree["north"]])
    count = setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    expected = {bob.member.membership_number, roll["north_active"].membership_number}
    assert _numbers(election) == expected and count == 2
    elector = Elector.objects.get(member=bob.member)
    assert elector.branch_name == "Northtown"
    election.refresh_from_db()
    assert election.roll_frozen_at == NOW
    entry = AuditEntry.objects.get(action="election.roll_freeze")
    assert entry.actor == ro and entry.details["electors"] == 2


def test_no_electorate_units_means_every_active_member(roll, ro, tree):
    election, _ = build_election(tree, ro, now=NOW)
    setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    numbers = _numbers(election)
    assert roll["south_active"].membership_number in numbers
    assert roll["north_lapsed"].membership_number not in numbers
    assert roll["north_late"].membership_number not in numbers  # joined after the roll date
    assert (
        len(numbers)
        == Member.objects.filter(status="active", joined_on__lte=date(2025, 12, 31)).count()
    )


def test_the_roll_is_frozen_once_and_does_not_follow_later_changes(roll, ro, tree):
    election, _ = build_election(tree, ro, now=NOW, electorate=[tree["northtown"]])
    setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    f.make_member("Newcomer", tree["northtown"])
    with pytest.raises(ValidationError, match="already frozen"):
        setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    assert len(_numbers(election)) == 2


def test_the_roll_cannot_be_frozen_before_the_roll_date(ro, tree):
    election, _ = build_election(tree, ro, now=NOW)
    with pytest.raises(ValidationError, match="has not come yet"):
        setup.election_freeze_roll(
            actor=ro, election=election, now=datetime(2025, 12, 30, tzinfo=UTC)
        )


def test_a_draft_election_roll_cannot_be_frozen(ro, tree):
    election, _ = build_election(tree, ro, now=NOW, announce=False)
    with pytest.raises(ValidationError, match="Announce the election"):
        setup.election_freeze_roll(actor=ro, election=election, now=NOW)


def test_the_roll_freezes_itself_when_the_ballot_opens_if_nobody_froze_it(roll, ro, tree):
    election, _ = build_election(tree, ro, now=NOW)
    assert not setup.election_freeze_roll_if_due(election=election, now=NOW)
    assert election.roll_frozen_at is None
    assert setup.election_freeze_roll_if_due(election=election, now=election.ballot_open_at)
    assert election.roll_frozen_at == election.ballot_open_at
    entry = AuditEntry.objects.get(action="election.roll_freeze")
    assert entry.actor is None and entry.actor_label == "system"
    assert not setup.election_freeze_roll_if_due(election=election, now=election.ballot_open_at)


def test_the_returning_officer_freezes_and_downloads_the_roll_as_csv(client, roll, ro, tree, bob):
    election, _ = build_election(tree, ro, electorate=[tree["northtown"]])
    client.force_login(ro)
    response = client.post(reverse("elections:roll", args=[election.slug]), follow=True)
    assert "The roll is frozen with 2 electors." in response.content.decode()
    download = client.get(reverse("elections:roll_csv", args=[election.slug]))
    assert download["Content-Type"].startswith("text/csv")
    assert 'filename="roll-exec-2026.csv"' in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["membership_number", "name", "branch"]
    assert sorted(rows[1:]) == sorted(
        [
            [bob.member.membership_number, "Bob Baker", "Northtown"],
            [roll["north_active"].membership_number, "Nora North", "Northtown"],
        ]
    )
    assert AuditEntry.objects.get(action="election.roll_download").details == {"rows": 2}


@pytest.mark.parametrize("name", ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"])
def test_a_would_be_formula_name_in_the_roll_download_is_neutralised(
    client, roll, ro, tree, bob, name
):
    bob.member.name = name
    bob.member.save()
    election, _ = build_election(tree, ro, electorate=[tree["northtown"]])
    client.force_login(ro)
    client.post(reverse("elections:roll", args=[election.slug]))
    download = client.get(reverse("elections:roll_csv", args=[election.slug]))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert [bob.member.membership_number, f"'{name}", "Northtown"] in rows


def test_the_national_membership_secretary_may_download_the_roll(client, roll, ro, carol, tree):
    election, _ = build_election(tree, ro, now=NOW)
    setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    client.force_login(carol)
    assert client.get(reverse("elections:roll_csv", args=[election.slug])).status_code == 200


def test_members_and_branch_secretaries_cannot_download_or_freeze_the_roll(
    client, roll, ro, alice, bob, tree
):
    election, _ = build_election(tree, ro, now=NOW)
    setup.election_freeze_roll(actor=ro, election=election, now=NOW)
    for user in (bob, alice):
        client.force_login(user)
        assert client.get(reverse("elections:roll_csv", args=[election.slug])).status_code == 403
        assert client.post(reverse("elections:roll", args=[election.slug])).status_code == 403
    assert not AuditEntry.objects.filter(action="election.roll_download").exists()


def test_the_roll_page_says_how_many_would_be_on_it_before_freezing(client, roll, ro, tree):
    election, _ = build_election(tree, ro, electorate=[tree["north"]])
    client.force_login(ro)
    page = client.get(reverse("elections:roll", args=[election.slug])).content.decode()
    assert "it would hold 2 members" in page and "Freeze the roll now" in page
