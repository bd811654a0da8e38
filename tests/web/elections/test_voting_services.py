"""ballot_cast and friends: eligibility, the phase, malformed ballots, double votes, receipts."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from plenary.web.elections.models import CastBallot, Elector, Method, VoteRecord
from plenary.web.elections.setup import services as setup
from plenary.web.elections.voting import services as voting
from plenary.web.elections.voting.services import (
    AlreadyVoted,
    BallotClosed,
    BallotNotOpen,
    InvalidBallot,
    NotEligible,
    ballot_cast,
)
from plenary.web.members.models import Member
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    HOUR,
    close_ballot,
    make_candidates,
    make_election,
    make_section,
)


@pytest.fixture
def voter(bob):
    return bob.member


def ids(section):
    return voting.ballot_paper(section)


def test_a_member_votes_and_gets_a_tracker_code(section, voter):
    ranking = ids(section)[:2]
    code = ballot_cast(section=section, member=voter, ranking=ranking)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}", code)
    ballot = CastBallot.objects.get(tracker=code)
    assert ballot.ranking == ranking and ballot.section == section
    assert VoteRecord.objects.filter(section=section, member=voter).count() == 1


def test_the_roll_is_frozen_when_the_first_vote_is_cast(section, voter, dave):
    assert section.election.roll_frozen_at is None
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    section.election.refresh_from_db()
    assert section.election.roll_frozen_at is not None
    assert Elector.objects.filter(election=section.election, member=dave.member).exists()


def test_a_second_vote_is_refused(section, voter):
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    with pytest.raises(AlreadyVoted):
        ballot_cast(section=section, member=voter, ranking=ids(section)[1:2])
    assert CastBallot.objects.filter(section=section).count() == 1


def test_a_tracker_code_already_taken_is_drawn_again_and_nothing_half_written(
    section, voter, dave, monkeypatch
):
    taken = ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    codes = iter([taken, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"])
    monkeypatch.setattr(voting, "new_tracker", lambda: next(codes))
    assert ballot_cast(section=section, member=dave.member, ranking=ids(section)[:2]) == (
        "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    )
    assert CastBallot.objects.filter(section=section).count() == 2
    assert VoteRecord.objects.filter(section=section).count() == 2


def test_a_second_vote_writes_neither_record_nor_ballot(section, voter):
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    with pytest.raises(AlreadyVoted):
        ballot_cast(section=section, member=voter, ranking=ids(section)[1:2])
    assert CastBallot.objects.filter(section=section).count() == 1
    assert VoteRecord.objects.filter(section=section).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_votes_by_one_member_store_one_ballot(tree, bob):
    if connection.vendor != "postgresql":
        pytest.skip("true concurrency needs PostgreSQL (scripts/with-postgres.sh)")
    section = make_section(make_election(tree["national"]), seats=1)
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    setup.election_freeze_roll_if_due(election=section.election)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def vote(candidate: int) -> None:
        try:
            barrier.wait()
            ballot_cast(section=section, member=bob.member, ranking=[candidate])
            outcomes.append("voted")
        except AlreadyVoted:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(c,)) for c in ids(section)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "voted"]
    assert CastBallot.objects.filter(section=section).count() == 1
    assert VoteRecord.objects.filter(section=section).count() == 1


def test_a_vote_after_the_ballot_closes_is_refused(section, voter):
    close_ballot(section.election)
    with pytest.raises(BallotClosed):
        ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    assert not CastBallot.objects.exists() and not VoteRecord.objects.exists()


def test_a_vote_before_the_ballot_opens_is_refused(section, voter):
    early = section.election.ballot_open_at - HOUR
    with pytest.raises(BallotNotOpen):
        ballot_cast(section=section, member=voter, ranking=ids(section)[:1], now=early)


def test_the_server_clock_decides_not_the_caller(section, voter):
    """`now` defaults to the server's clock: a closed ballot stays closed."""
    close_ballot(section.election)
    with pytest.raises(BallotClosed):
        ballot_cast(section=section, member=voter, ranking=ids(section)[:1])


def test_a_member_outside_the_electorate_is_not_eligible(tree, voter):
    election = make_election(tree["national"], slug="south-only")
    election.electorate_units.set([tree["south"]])
    section = make_section(election)
    make_candidates(section, tree["southtown"], "Sue South")
    with pytest.raises(NotEligible, match="not on the roll"):
        ballot_cast(section=section, member=voter, ranking=ids(section))


def test_without_a_roll_date_the_roll_cannot_be_frozen_and_nobody_votes(section, voter):
    section.election.roll_date = None
    section.election.save()
    with pytest.raises(BallotNotOpen, match="roll of electors is not ready"):
        ballot_cast(section=section, member=voter, ranking=ids(section)[:1])


def test_a_ballot_without_a_roll_is_open_to_nobody(section, voter):
    section.election.roll_date = None
    section.election.save()
    assert voting.ballots_open_to(voter) == []


def test_a_member_who_joins_after_the_roll_is_frozen_is_not_eligible(section, tree, voter):
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    newcomer = f.make_member("Nina New", tree["northtown"])
    with pytest.raises(NotEligible):
        ballot_cast(section=section, member=newcomer, ranking=ids(section)[:1])


def test_a_member_suspended_after_the_roll_was_frozen_cannot_vote(section, tree, voter, dave):
    setup.election_freeze_roll_if_due(election=section.election)
    Member.objects.filter(pk=dave.member.pk).update(status=Member.Status.SUSPENDED)
    dave.member.refresh_from_db()
    with pytest.raises(NotEligible, match="not active"):
        ballot_cast(section=section, member=dave.member, ranking=ids(section)[:1])


@pytest.mark.parametrize(
    ("make_ranking", "message"),
    [
        (lambda paper: [], "at least one"),
        (lambda paper: [paper[0], paper[0]], "more than once"),
        (lambda paper: [paper[0], 999999], "not on this ballot"),
        (lambda paper: ["1"], "not on this ballot"),
        (lambda paper: [True], "not on this ballot"),
    ],
    ids=["empty", "repeated", "unknown", "string", "boolean"],
)
def test_a_malformed_ranking_is_refused_with_a_reason(section, voter, make_ranking, message):
    with pytest.raises(InvalidBallot, match=message):
        ballot_cast(section=section, member=voter, ranking=make_ranking(ids(section)))
    assert not VoteRecord.objects.exists()


def test_a_candidate_of_another_section_is_unknown(section, voter, election, tree):
    other = make_section(election, "Treasurer")
    (stranger,) = make_candidates(other, tree["southtown"], "Sid Other")
    with pytest.raises(InvalidBallot, match="not on this ballot"):
        ballot_cast(section=section, member=voter, ranking=[stranger.id])


def test_a_choice_on_a_ranked_ballot_is_refused(section, voter):
    with pytest.raises(InvalidBallot, match="ranked ballot"):
        ballot_cast(section=section, member=voter, choice="yes")


def test_a_yes_no_ballot_takes_a_choice(election, voter):
    section = make_section(election, "Rule change", method=Method.REFERENDUM, question="Adopt it?")
    code = ballot_cast(section=section, member=voter, choice="abstain")
    assert CastBallot.objects.get(tracker=code).choice == "abstain"


@pytest.mark.parametrize("kwargs", [{"choice": "maybe"}, {"ranking": [1]}, {}])
def test_a_yes_no_ballot_refuses_anything_else(election, voter, kwargs):
    section = make_section(election, "Rule change", method=Method.REFERENDUM)
    with pytest.raises(InvalidBallot):
        ballot_cast(section=section, member=voter, **kwargs)


def test_a_receipt_says_only_whether_the_ballot_is_in_the_box(section, voter):
    code = ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    assert voting.receipt_lookup(code) is True
    assert voting.receipt_lookup(code.lower().replace("-", " ")) is True
    assert voting.receipt_lookup("0000-0000-0000-0000") is False
    assert voting.receipt_lookup("nonsense") is False


def test_tracker_codes_are_unique_and_random():
    codes = {voting.new_tracker() for _ in range(2000)}
    assert len(codes) == 2000


def test_ballots_open_to_a_member_are_those_not_yet_voted(section, election, voter, tree):
    other = make_section(election, "Treasurer")
    make_candidates(other, tree["northtown"], "Tom Till")
    assert {s.pk for s in voting.ballots_open_to(voter)} == {section.pk, other.pk}
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    assert [s.pk for s in voting.ballots_open_to(voter)] == [other.pk]


def test_no_ballot_is_open_to_a_member_outside_the_electorate_or_after_close(section, tree, voter):
    stranger = f.make_member("Out Sider", tree["southtown"], status=Member.Status.LAPSED)
    assert voting.ballots_open_to(stranger) == []
    assert voting.ballots_open_to(voter, now=timezone.now() + 5 * HOUR) == []


def test_the_member_sees_which_sections_they_voted_in(section, election, voter, tree):
    other = make_section(election, "Treasurer")
    make_candidates(other, tree["northtown"], "Tom Till")
    ballot_cast(section=section, member=voter, ranking=ids(section)[:1])
    ballots = voting.member_ballots(election=election, member=voter)
    statuses = {s.section.name: s.voted for s in ballots}
    assert statuses == {"Steering committee": True, "Treasurer": False}
