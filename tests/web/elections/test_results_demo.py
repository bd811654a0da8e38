"""The demo elections: one with its ballot open to the member login, one counted and published."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from plenary.counting import count
from plenary.counting.blt import parse_blt
from plenary.web.core.demo import MEMBER
from plenary.web.elections.counts import services as counts
from plenary.web.elections.demo import OPEN_SLUG, PUBLISHED_SLUG
from plenary.web.elections.models import CastBallot, Election, Phase, VoteRecord
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", stdout=StringIO())


def test_the_demo_has_an_election_with_its_ballot_open_to_the_member_login(demo):
    election = Election.objects.get(slug=OPEN_SLUG)
    assert election.phase() == Phase.BALLOT
    member = Member.objects.get(membership_number=MEMBER.membership_number)
    open_to_member = voting.ballots_open_to(member)
    assert {s.name for s in open_to_member} == {"Steering committee", "Monthly meetings"}
    assert len(voting.ballot_paper(open_to_member[0])) == 6


def test_the_demo_has_a_published_result_counted_from_its_ballots(demo, client):
    election = Election.objects.get(slug=PUBLISHED_SLUG)
    assert election.phase() == Phase.PUBLISHED
    for section in election.sections.all():
        ballots = CastBallot.objects.filter(section=section).count()
        assert ballots == VoteRecord.objects.filter(section=section).count() == 200
        run = counts.section_count(section)
        where = {"slug": election.slug, "section_id": section.pk, "filename": "ballots.blt"}
        blt = client.get(reverse("elections:result_download", kwargs=where)).content
        recount = count(parse_blt(blt), section.method, seed=run.seed)
        assert list(recount.elected_names) == run.sheet["elected"]
        assert len(run.sheet["elected"]) == section.seats
    page = client.get(reverse("elections:result", kwargs={"slug": election.slug}))
    assert page.status_code == 200


def test_running_the_demo_again_adds_no_election_or_ballot(demo):
    before = (Election.objects.count(), CastBallot.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Election.objects.count(), CastBallot.objects.count()) == before


def test_the_demo_has_a_closed_box_to_count_and_a_draft_only_its_officer_sees(
    demo, client, settings
):
    from plenary.web.accounts.models import User

    settings.PLENARY_OFFICER_MFA = "off"  # as in make run
    from plenary.web.core.demo import RETURNING_OFFICER
    from plenary.web.elections.demo import CLOSED_SLUG, DRAFT_SLUG

    closed = Election.objects.get(slug=CLOSED_SLUG)
    assert closed.phase() == Phase.BALLOT_CLOSED
    assert CastBallot.objects.filter(section__election=closed).count() == 40
    assert Election.objects.get(slug=DRAFT_SLUG).phase() == Phase.DRAFT
    client.force_login(User.objects.get(email=MEMBER.email))
    assert client.get(reverse("elections:detail", args=[DRAFT_SLUG])).status_code == 404
    client.force_login(User.objects.get(email=RETURNING_OFFICER.email))
    assert client.get(reverse("elections:detail", args=[DRAFT_SLUG])).status_code == 200
    count_page = client.get(reverse("elections:count", args=[CLOSED_SLUG])).content.decode()
    assert reverse("elections:count_close", kwargs={"slug": CLOSED_SLUG}) in count_page
