"""What awaits a member: ballots, nominations and new results on the home page, "Your ballots"
in the navigation and on the elections list, and the day-kept "results seen" marker."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from plenary.web.elections import home, selectors
from plenary.web.elections.models import Candidate, Election, ResultsSeen, VoteRecord
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member
from tests.web import factories as f
from tests.web.elections.voting_helpers import HOUR, make_election, make_section

HOME = "/"


def ballot_url(section):
    return reverse(
        "elections:ballot", kwargs={"slug": section.election.slug, "section_id": section.pk}
    )


def test_the_home_page_links_each_open_ballot_until_the_member_has_voted(client, bob, section):
    client.force_login(bob)
    page = client.get(HOME).content.decode()
    assert "Waiting for you" in page and "Ballots to cast" in page
    assert f'href="{ballot_url(section)}"' in page
    assert "National executive 2026, Steering committee" in page
    voting.ballot_cast(section=section, member=bob.member, ranking=voting.ballot_paper(section))
    page = client.get(HOME).content.decode()
    assert f'href="{ballot_url(section)}"' not in page
    assert "Ballots to cast" not in page


def test_the_home_page_writes_nothing_for_the_ballot(client, bob, section):
    """Reading only: no roll frozen, no paper fixed, no vote record, by a visit."""
    client.force_login(bob)
    client.get(HOME)
    section.refresh_from_db()
    section.election.refresh_from_db()
    assert section.election.roll_frozen_at is None
    assert section.ballot_paper is None
    assert not VoteRecord.objects.exists()


def test_a_ballot_outside_the_members_electorate_is_not_offered(client, bob, tree):
    election = make_election(tree["national"], slug="south-only")
    election.electorate_units.set([tree["southtown"]])
    section = make_section(election)
    client.force_login(bob)  # of Northtown
    assert f'href="{ballot_url(section)}"' not in client.get(HOME).content.decode()
    assert home.ballots_awaiting(bob.member) == []


def test_a_suspended_member_is_offered_no_ballot(bob, section):
    Member.objects.filter(pk=bob.member.pk).update(status=Member.Status.SUSPENDED)
    bob.member.refresh_from_db()
    assert home.ballots_awaiting(bob.member) == []


def test_the_frozen_roll_decides_once_frozen(bob, tree, section):
    voting.ballot_problem(section=section, member=bob.member)  # the first voter freezes it
    section.election.refresh_from_db()
    assert section.election.roll_frozen_at is not None
    latecomer = f.make_member("Lena Late", tree["northtown"])
    assert selectors.eligible_members(section.election).filter(pk=latecomer.pk).exists()
    assert home.ballots_awaiting(latecomer) == []
    assert [b.election for b in home.ballots_awaiting(bob.member)] == [section.election]


def test_a_nomination_waiting_for_an_answer_is_on_the_home_page(client, bob, tree):
    now = timezone.now()
    election = Election.objects.create(
        title="Branch officers",
        slug="branch-officers",
        unit=tree["national"],
        announced_at=now - HOUR,
        nominations_open_at=now - HOUR,
        nominations_close_at=now + 24 * HOUR,
    )
    section = make_section(election, "Treasurer")
    candidacy = Candidate.objects.create(section=section, member=bob.member)
    client.force_login(bob)
    page = client.get(HOME).content.decode()
    assert "Nominations to accept or decline" in page
    assert f'href="{reverse("elections:candidacy", args=[candidacy.pk])}"' in page
    candidacy.status = Candidate.Status.ACCEPTED
    candidacy.save()
    assert "Nominations to accept or decline" not in client.get(HOME).content.decode()


def test_nothing_waiting_leaves_the_panel_out(client, dave, tree):
    client.force_login(dave)
    page = client.get(HOME).content.decode()
    assert "Waiting for you" not in page


def test_an_account_without_a_member_sees_no_panel_and_no_ballots_link(client, section):
    admin = f.make_user("nobody@example.org", name="No Member")
    client.force_login(admin)
    page = client.get(HOME).content.decode()
    assert "Waiting for you" not in page
    assert f'href="{reverse("elections:my_ballots")}"' not in page


def test_your_ballots_is_in_the_navigation_and_marked_current(client, bob, section):
    client.force_login(bob)
    nav_link = f'<li><a href="{reverse("elections:my_ballots")}"'
    assert nav_link + ">Your ballots</a></li>" in client.get(HOME).content.decode()
    page = client.get(reverse("elections:my_ballots")).content.decode()
    assert nav_link + ' aria-current="page">Your ballots</a></li>' in page
    assert f'href="{ballot_url(section)}"' in page


def test_the_elections_list_shows_the_ballots_open_to_the_member(client, bob, section):
    client.force_login(bob)
    page = client.get(reverse("elections:list")).content.decode()
    assert "Ballots open to you" in page and f'href="{ballot_url(section)}"' in page
    assert f'href="{reverse("elections:my_ballots")}"' in page


# --- new results and the marker --------------------------------------------------------


@pytest.fixture
def published(tree, bob):
    election = make_election(tree["national"], slug="done-2026", ballot_open=False)
    make_section(election)
    election.electors.create(
        member=bob.member, membership_number=bob.member.membership_number, branch_name="N"
    )
    election.published_at = timezone.now()
    election.save()
    return election


def test_a_new_result_of_an_election_the_member_was_on_the_roll_of_is_shown(
    client, bob, dave, published
):
    client.force_login(bob)
    page = client.get(HOME).content.decode()
    assert "New results" in page
    assert f'href="{reverse("elections:result", kwargs={"slug": published.slug})}"' in page
    client.force_login(dave)  # not on its roll, not a candidate
    assert "New results" not in client.get(HOME).content.decode()


def test_the_marker_keeps_days_and_nothing_finer():
    fields = [field for field in ResultsSeen._meta.get_fields() if isinstance(field, models.Field)]
    dated = [field for field in fields if isinstance(field, models.DateField)]
    assert dated and all(type(field) is models.DateField for field in dated)  # not DateTime
    assert not any(isinstance(field, models.DateTimeField) for field in fields)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_results_are_new_from_the_day_of_the_visit_before_todays(bob):
    monday = date(2026, 3, 2)
    first = home.results_new_since(bob, at(monday, 9))
    assert first == monday - timedelta(days=home.FIRST_VISIT_DAYS)
    # Later the same day: the same answer, and no change to the marker.
    assert home.results_new_since(bob, at(monday, 18)) == first
    seen = ResultsSeen.objects.get(user=bob)
    assert (seen.seen_on, seen.new_since) == (monday, first)
    # Thursday's visit: new since Monday (a result published on Monday after that visit
    # is not missed), and Thursday is the day of the latest visit.
    thursday = monday + timedelta(days=3)
    assert home.results_new_since(bob, at(thursday, 8)) == monday
    assert home.results_new_since(bob, at(thursday, 20)) == monday
    friday = thursday + timedelta(days=1)
    assert home.results_new_since(bob, at(friday)) == thursday


def test_a_result_seen_on_an_earlier_visit_day_is_no_longer_new(bob, published):
    published.published_at = timezone.now() - timedelta(days=5)
    published.save()
    today = timezone.now().astimezone(UTC).date()
    ResultsSeen.objects.create(user=bob, seen_on=today - timedelta(days=2), new_since=today)
    # The previous visit was two days ago, after the publication: not new any more.
    assert home.new_results(bob.member, home.results_new_since(bob)) == []
    ResultsSeen.objects.filter(user=bob).update(seen_on=today - timedelta(days=6))
    assert home.new_results(bob.member, date(2000, 1, 1)) == [published]
