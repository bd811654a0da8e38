"""Issue 11, item 5: closing the box and counting, and publishing, cannot be undone, so each
is a confirmation page (a GET, no JavaScript needed) saying what will happen and what cannot
be undone, then a POST with the confirmation and the CSRF token; a POST without it is refused.
(The withdrawal of a nomination: test_nominations_pages.py.)"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import CountRun
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

CLOSE_BUTTON = "Close the ballot box and count"


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


@pytest.fixture
def closed(tree):
    election = make_election(tree["national"])
    section = make_section(election)
    ann, _ = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(3)]
    for voter in voters:  # all on the roll before the first vote freezes it
        voting.ballot_cast(section=section, member=voter, ranking=[ann.id])
    close_ballot(election)
    return election, section


def _url(name, election):
    return reverse(f"elections:{name}", kwargs={"slug": election.slug})


def test_closing_and_counting_asks_first(client, closed, officer):
    election, _ = closed
    client.force_login(officer)
    dashboard = client.get(_url("count", election)).content.decode()
    assert f'href="{_url("count_close", election)}">{CLOSE_BUTTON}</a>' in dashboard
    page = client.get(_url("count_close", election)).content.decode()
    assert "What will happen" in page and "What cannot be undone" in page
    assert "A section once counted is never counted again" in page
    assert f'action="{_url("count", election)}"' in page
    assert 'name="confirm" value="yes"' in page and "csrfmiddlewaretoken" in page
    assert not CountRun.objects.exists()  # the page did nothing


def test_closing_without_the_confirmation_is_refused(client, closed, officer):
    election, _ = closed
    client.force_login(officer)
    refused = client.post(_url("count", election))
    assert refused.status_code == 400
    assert "Nothing has been done" in refused.content.decode()
    assert not CountRun.objects.exists()
    client.post(_url("count", election), {"confirm": "yes"})
    assert CountRun.objects.get().status == CountRun.Status.DONE


def test_the_close_button_goes_once_every_section_is_counted(client, closed, officer):
    election, section = closed
    client.force_login(officer)
    client.post(_url("count", election), {"confirm": "yes"})
    page = client.get(_url("count", election)).content.decode()
    assert CLOSE_BUTTON not in page and "every section is counted" in page
    assert "Publish the result" in page


def test_the_close_button_comes_back_for_a_failed_count(client, closed, officer):
    election, section = closed
    CountRun.objects.create(section=section, seed=1, status=CountRun.Status.FAILED, error="x")
    client.force_login(officer)
    assert CLOSE_BUTTON in client.get(_url("count", election)).content.decode()


def test_publishing_asks_first_and_says_what_cannot_be_undone(client, closed, officer):
    election, _ = closed
    counts.election_count_start(election=election, actor=officer)
    client.force_login(officer)
    dashboard = client.get(_url("count", election)).content.decode()
    assert f'<a class="button" href="{_url("publish", election)}">Publish the result</a>' in (
        dashboard
    )
    page = client.get(_url("publish", election)).content.decode()
    assert "Publish the result of National executive 2026?" in page
    assert "A published result cannot be withdrawn or changed" in page
    assert "The ballot list stays unpublished" in page  # the election's choice, said
    assert "scrutineers" in page
    election.refresh_from_db()
    assert election.published_at is None  # the page did nothing


def test_publishing_without_the_confirmation_is_refused(client, closed, officer):
    election, _ = closed
    counts.election_count_start(election=election, actor=officer)
    client.force_login(officer)
    refused = client.post(_url("publish", election))
    assert refused.status_code == 400
    election.refresh_from_db()
    assert election.published_at is None
    done = client.post(_url("publish", election), {"confirm": "yes"}, follow=True)
    assert done.redirect_chain[-1][0] == _url("result", election)
    election.refresh_from_db()
    assert election.published_at is not None
    # Once published, the confirmation page sends to the result instead.
    again = client.get(_url("publish", election), follow=True)
    assert again.redirect_chain[-1][0] == _url("result", election)
    assert "already been published" in again.content.decode()


def test_no_confirmation_page_for_a_result_that_cannot_be_published(client, closed, officer):
    election, _ = closed
    client.force_login(officer)
    response = client.get(_url("publish", election), follow=True)
    assert response.redirect_chain[-1][0] == _url("count", election)
    assert "Every section must be counted" in response.content.decode()


def test_the_confirmation_needs_the_csrf_token(closed, officer):
    election, _ = closed
    counts.election_count_start(election=election, actor=officer)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert strict.post(_url("publish", election), {"confirm": "yes"}).status_code == 403
    election.refresh_from_db()
    assert election.published_at is None


def test_only_the_returning_officer_sees_the_confirmations(client, closed, bob):
    election, _ = closed
    client.force_login(bob)
    assert client.get(_url("count_close", election)).status_code == 403
    assert client.get(_url("publish", election)).status_code == 403
