"""The demo's election in its nominations phase (src/plenary/web/elections/nominations/demo.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.web.audit.models import AuditEntry
from plenary.web.core.demo import BRANCH_SECRETARY, MEMBER, build_demo
from plenary.web.elections.models import Candidate, Election, MemberNomination, Phase
from plenary.web.elections.nominations.demo import BRANCH_SLUG, SLUG
from plenary.web.elections.selectors import ballot_candidates, section_tally
from plenary.web.organisation.selectors import returning_officer_seat
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    return build_demo()


def test_the_demo_has_an_announced_election_with_nominations_open(demo):
    election = Election.objects.get(slug=SLUG)
    assert election.phase() == Phase.NOMINATIONS
    assert [s.name for s in election.sections.all()] == ["Steering committee members", "Chair"]
    assert AuditEntry.objects.filter(target=f"election:{SLUG}", action="election.announce").exists()


def test_the_demo_tally_has_candidates_on_both_sides_of_the_threshold(demo):
    section = Election.objects.get(slug=SLUG).sections.get(position=1)
    rows = section_tally(section)
    assert any(r.reached for r in rows) and any(not r.reached for r in rows)
    assert ballot_candidates(section)  # some accepted and reached it
    assert Candidate.objects.filter(section=section, status=Candidate.Status.DECLINED).exists()


def test_the_demo_member_login_is_nominated_and_has_not_decided(demo, client):
    member = demo.login_member(MEMBER)
    candidacy = Candidate.objects.get(member=member, section__election__slug=SLUG)
    assert candidacy.status == Candidate.Status.NOMINATED
    client.force_login(member.user)
    assert client.get(reverse("elections:candidacy", args=[candidacy.pk])).status_code == 200


def test_the_demo_election_pages_render_for_the_public(demo, client):
    assert client.get(reverse("elections:detail", args=[SLUG])).status_code == 200
    tally = client.get(reverse("elections:tally", args=[SLUG])).content.decode()
    assert "also nominated" in tally
    questionnaire = Election.objects.get(slug=SLUG).questionnaires.get()
    page = client.get(
        reverse("elections:questionnaire", args=[SLUG, questionnaire.pk])
    ).content.decode()
    assert "No reply" in page and "Yes. I will put it" in page


def test_building_the_demo_twice_adds_no_second_election(demo):
    again = build_demo()
    assert "elections" not in again.created
    assert Election.objects.filter(slug=SLUG).count() == 1


def test_the_demo_branch_secretary_can_still_nominate_for_the_committee(demo, client):
    secretary = demo.login_member(BRANCH_SECRETARY)
    section = Election.objects.get(slug=SLUG).sections.get(position=1)
    assert not section.candidates.filter(nominations__unit=secretary.branch).exists()
    f.enable_totp(secretary.user)  # officers must use an authenticator app outside `make run`
    client.force_login(secretary.user)
    page = client.get(reverse("elections:nominate", args=[SLUG, section.pk])).content.decode()
    assert "Membership number of nominee 1" in page and secretary.branch.name in page


def test_the_demo_branch_election_is_nominated_by_members_and_waits_for_the_member_login(
    demo, client
):
    election = Election.objects.get(slug=BRANCH_SLUG)
    secretary = demo.login_member(BRANCH_SECRETARY)
    assert election.unit == secretary.branch and election.phase() == Phase.NOMINATIONS
    assert returning_officer_seat(secretary.branch) is not None
    section = election.sections.get()
    assert section.threshold == 1 and section.nominating_kinds == ["members"]
    assert len(ballot_candidates(section)) == 1
    member = demo.login_member(MEMBER)
    waiting = MemberNomination.objects.get(seconder=member)
    client.force_login(member.user)
    response = client.post(
        reverse("elections:member_nomination_decide", args=[waiting.pk]),
        {"decision": "second"},
        follow=True,
    )
    assert "You have seconded" in response.content.decode()
    assert len(section_tally(section)) == 2
