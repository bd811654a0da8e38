"""While a ballot is open, nothing stored pairs the n-th voter with the n-th ballot: neither
the keys nor (on SQLite) the order the rows are kept and dumped in
(docs/elections-threat-model.md)."""

from __future__ import annotations

import pytest
from django.db import connection

from plenary.web.elections.models import CastBallot, VoteRecord
from plenary.web.elections.voting import services as voting
from tests.web import factories as f

VOTERS = 40  # the chance that a random order is the voting order is 1 in 40! (about 1e-48)


@pytest.fixture
def votes_in_order(section, tree):
    """VOTERS members vote one after another; their member ids and tracker codes, in that order."""
    voters = [f.make_member(f"Voter {n:02}", tree["northtown"]) for n in range(VOTERS)]
    paper = voting.ballot_paper(section)  # the roll freezes at the first vote, with them all on it
    trackers = [
        voting.ballot_cast(section=section, member=member, ranking=paper[:1]) for member in voters
    ]
    return [member.pk for member in voters], trackers


def _in_key_order(model, column):
    return list(model.objects.order_by("pk").values_list(column, flat=True))


def test_sorting_by_key_does_not_give_the_voting_order(votes_in_order):
    members, trackers = votes_in_order
    assert _in_key_order(VoteRecord, "member_id") != members
    assert _in_key_order(CastBallot, "tracker") != trackers


def _in_storage_order(model, column):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]


def test_the_rows_are_not_stored_in_voting_order(votes_in_order):
    if connection.vendor != "sqlite":
        pytest.skip(
            "PostgreSQL's heap order is not addressable from SQL in a stable way; what it "
            "keeps until the close is in docs/elections-threat-model.md"
        )
    members, trackers = votes_in_order
    stored_members = _in_storage_order(VoteRecord, "member_id")
    stored_trackers = _in_storage_order(CastBallot, "tracker")
    assert sorted(stored_members) == sorted(members) and stored_members != members
    assert sorted(stored_trackers) == sorted(trackers) and stored_trackers != trackers
