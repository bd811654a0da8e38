"""Turnout: ballots cast against the electorate, per section, for the returning officer during
the ballot and for everyone on the published result; never who voted, never when."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.web.elections.counts import selectors as results
from plenary.web.elections.counts import services as counts
from plenary.web.elections.voting import services as voting
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


@pytest.fixture
def ballot(tree):
    """Ten members on the roll of a two-section election; three vote on the first section,
    one on the second."""
    election = make_election(tree["national"])
    first = make_section(election, "Chair")
    second = make_section(election, "Treasurer", position=1)
    make_candidates(first, tree["northtown"], "Ann Able", "Ben Bold")
    make_candidates(second, tree["northtown"], "Cat Cole")
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(10)]
    for voter in voters[:3]:
        voting.ballot_cast(section=first, member=voter, ranking=voting.ballot_paper(first))
    voting.ballot_cast(section=second, member=voters[0], ranking=voting.ballot_paper(second))
    election.refresh_from_db()
    return election, first, second, voters


def test_turnout_counts_vote_records_against_the_frozen_roll(ballot):
    election, first, second, _ = ballot
    electorate = election.electors.count()
    rows = results.turnout(election)
    assert [(r.section, r.voted, r.electorate) for r in rows] == [
        (first, 3, electorate),
        (second, 1, electorate),
    ]
    assert rows[0].percent == (Decimal(300) / electorate).quantize(Decimal("0.1"))


def test_turnout_reads_counts_and_no_member(ballot):
    election, *_ = ballot
    with CaptureQueriesContext(connection) as queries:
        results.turnout(election)
    assert len(queries) <= 3  # the roll, the vote records by section, the sections
    reads = " ".join(q["sql"] for q in queries).lower()
    assert "count(" in reads and "member_id" not in reads


def test_before_the_roll_is_frozen_turnout_says_so(tree):
    election = make_election(tree["national"])
    make_section(election)
    (row,) = results.turnout(election)
    assert (row.voted, row.electorate, row.percent) == (0, None, None)


def test_the_returning_officer_watches_turnout_during_the_ballot(client, ballot, officer):
    election, first, _, voters = ballot
    client.force_login(officer)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "Turnout so far" in page
    electorate = election.electors.count()
    assert '<th scope="row">Chair</th>\n      <td class="num">3</td>' in page
    assert f'<td class="num">{electorate}</td>' in page
    for voter in voters:
        assert voter.name not in page  # no names of who voted, or did not
    dashboard = client.get(reverse("elections:count", kwargs={"slug": election.slug}))
    assert "Turnout" in dashboard.content.decode()


def test_members_do_not_see_turnout_during_the_ballot(client, ballot, bob):
    election, *_ = ballot
    client.force_login(bob)
    assert "Turnout" not in client.get(election.get_absolute_url()).content.decode()
    assert client.get(reverse("elections:count", kwargs={"slug": election.slug})).status_code == 403


def test_the_published_result_shows_turnout(client, ballot, officer):
    election, first, second, _ = ballot
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    page = client.get(reverse("elections:result", kwargs={"slug": election.slug})).content
    page = page.decode()
    electorate = election.electors.count()
    assert "<h2>Turnout</h2>" in page
    percent = (Decimal(300) / electorate).quantize(Decimal("0.1"))
    assert f'<td class="num">{percent}%</td>' in page
