"""The nominee's side: seeing candidacies, accepting or declining, writing a statement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Candidate
from plenary.web.elections.nominations import services as nominations
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs_candidacy(alice, bob, tree, ro):  # type: ignore[no-untyped-def]
    _, section = build_election(tree, ro)
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=[bob.member],
        meeting_date=timezone.localdate(),
    )
    return Candidate.objects.get(member=bob.member)


def test_bob_sees_his_candidacy_on_the_elections_pages(client, bob, bobs_candidacy):
    client.force_login(bob)
    assert "your candidacies" in client.get(reverse("elections:list")).content.decode()
    page = client.get(reverse("elections:candidacies")).content.decode()
    assert "National executive 2026: Branch representatives" in page and "1 nomination)" in page


def test_bob_accepts_and_the_decision_is_audited(client, bob, bobs_candidacy):
    client.force_login(bob)
    response = client.post(
        reverse("elections:candidacy_decide", args=[bobs_candidacy.pk]),
        {"decision": "accept"},
        follow=True,
    )
    assert "You have accepted the nomination." in response.content.decode()
    bobs_candidacy.refresh_from_db()
    assert (
        bobs_candidacy.status == Candidate.Status.ACCEPTED
        and bobs_candidacy.accepted_at is not None
    )
    assert AuditEntry.objects.filter(action="candidate.accept", actor=bob).exists()


def test_bob_may_change_his_mind_and_decline_before_nominations_close(bob, bobs_candidacy):
    nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=True)
    nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=False)
    bobs_candidacy.refresh_from_db()
    assert bobs_candidacy.status == Candidate.Status.DECLINED and bobs_candidacy.accepted_at is None


def test_the_decision_is_final_once_nominations_close(bob, bobs_candidacy):
    closed = bobs_candidacy.section.election.nominations_close_at
    with pytest.raises(ValidationError, match="Nominations have closed"):
        nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=True, now=closed)


def test_bob_writes_a_statement_shown_on_the_election_page_once_he_is_on_the_ballot(
    client, bob, ro, tree, bobs_candidacy
):
    client.force_login(bob)
    client.post(
        reverse("elections:candidacy", args=[bobs_candidacy.pk]), {"statement": "I will listen."}
    )
    client.post(
        reverse("elections:candidacy_decide", args=[bobs_candidacy.pk]), {"decision": "accept"}
    )
    election_page = reverse("elections:detail", args=["exec-2026"])
    assert "I will listen." not in client.get(election_page).content.decode()  # 1 of 2 bodies
    # A second body (the returning officer records Southtown's) brings him to the threshold.
    nominations.nominations_record(
        actor=ro,
        section=bobs_candidacy.section,
        body=tree["southtown"],
        nominees=[bob.member],
        meeting_date=timezone.localdate(),
    )
    client.logout()
    page = client.get(election_page).content.decode()
    assert "Bob Baker" in page and "I will listen." in page


def test_statements_cannot_change_after_nominations_close(bob, bobs_candidacy):
    closed = bobs_candidacy.section.election.nominations_close_at + timedelta(hours=1)
    with pytest.raises(ValidationError, match="until nominations close"):
        nominations.candidate_statement_save(
            actor=bob, candidate=bobs_candidacy, statement="Late", now=closed
        )


def test_nobody_else_can_accept_or_write_for_bob(client, alice, dave, bobs_candidacy):
    for user in (alice, dave):
        client.force_login(user)
        assert (
            client.get(reverse("elections:candidacy", args=[bobs_candidacy.pk])).status_code == 403
        )
        assert (
            client.post(
                reverse("elections:candidacy_decide", args=[bobs_candidacy.pk]),
                {"decision": "accept"},
            ).status_code
            == 403
        )
    with pytest.raises(ValidationError, match="not your candidacy"):
        nominations.candidate_decide(actor=dave, candidate=bobs_candidacy, accept=True)
    bobs_candidacy.refresh_from_db()
    assert bobs_candidacy.status == Candidate.Status.NOMINATED


def test_the_election_page_points_bob_to_his_candidacy(client, bob, bobs_candidacy):
    client.force_login(bob)
    page = client.get(reverse("elections:detail", args=["exec-2026"])).content.decode()
    assert reverse("elections:candidacy", args=[bobs_candidacy.pk]) in page
    assert "You have been nominated for Branch representatives" in page


def test_the_site_admin_sees_elections_read_only(client, admin, bobs_candidacy):
    client.force_login(admin)
    election = bobs_candidacy.section.election
    assert client.get(reverse("admin:elections_election_changelist")).status_code == 200
    assert client.get(reverse("admin:elections_election_add")).status_code == 403
    change = client.post(
        reverse("admin:elections_election_change", args=[election.pk]), {"title": "Changed"}
    )
    assert change.status_code == 403
    election.refresh_from_db()
    assert election.title == "National executive 2026"


def test_sending_the_decision_without_choosing_changes_nothing(client, bob, bobs_candidacy):
    client.force_login(bob)
    url = reverse("elections:candidacy_decide", args=[bobs_candidacy.pk])
    response = client.post(url, {}, follow=True)
    assert "Choose whether you accept or decline" in response.content.decode()
    bobs_candidacy.refresh_from_db()
    assert bobs_candidacy.status == Candidate.Status.NOMINATED


def test_a_statement_is_at_most_five_thousand_characters(bob, bobs_candidacy):
    with pytest.raises(ValidationError, match="at most 5,000 characters"):
        nominations.candidate_statement_save(
            actor=bob, candidate=bobs_candidacy, statement="x" * 5001
        )
    nominations.candidate_statement_save(actor=bob, candidate=bobs_candidacy, statement="x" * 5000)
    bobs_candidacy.refresh_from_db()
    assert len(bobs_candidacy.statement) == 5000


def test_a_nominee_in_a_constrained_section_is_told_their_group_will_be_public(
    client, bob, bobs_candidacy
):
    client.force_login(bob)
    url = reverse("elections:candidacy", args=[bobs_candidacy.pk])
    assert "published count sheet shows that you are in it" not in client.get(url).content.decode()
    section = bobs_candidacy.section
    section.minimum_women = 1
    section.save()
    page = client.get(url).content.decode()
    assert "at least 1 woman elected" in page
    assert "published count sheet shows that you are in it" in page
