"""Closing the box, counting (a task; run at once in tests), publishing, the audit trail."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.counts import services as counts
from plenary.web.elections.counts.services import CountError
from plenary.web.elections.models import CastBallot, CountRun, Method, VoteRecord
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    identify,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)


def cast(section, rankings_by_letter, candidates, branch):
    """Cast ballots such as {"AB": 4} (4 voters ranking A then B), each by a new member."""
    letters = {c.member.name[0]: c.id for c in candidates}
    ballots = [
        (f.make_member(f"Voter {pattern} {i}", branch), [letters[x] for x in pattern])
        for pattern, times in rankings_by_letter.items()
        for i in range(times)
    ]  # every voter joins before the first vote freezes the roll
    for voter, ranking in ballots:
        voting.ballot_cast(section=section, member=voter, ranking=ranking)


@pytest.fixture
def officer(tree):
    return make_returning_officer(tree["national"])


@pytest.fixture
def hand_counted(tree):
    """1 seat, 9 ballots: A>B x4, B>C x3, C>B x2. Quota floor(9/2)+1 = 5. Stage 1: A 4, B 3,
    C 2; C is excluded and both C ballots go to B, who reaches 5 and is elected."""
    election = make_election(tree["national"])
    section = make_section(election, "Chair", seats=1)
    candidates = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    cast(section, {"AB": 4, "BC": 3, "CB": 2}, candidates, tree["northtown"])
    return election, section


def test_a_count_cannot_start_before_the_ballot_closes(hand_counted, officer):
    election, section = hand_counted
    with pytest.raises(CountError, match="not closed"):
        counts.election_count_start(election=election, actor=officer)
    assert not CountRun.objects.exists()


def test_a_small_election_is_counted_as_counted_by_hand(hand_counted, officer):
    election, section = hand_counted
    close_ballot(election)
    (run,) = counts.election_count_start(election=election, actor=officer)
    run.refresh_from_db()
    assert run.status == CountRun.Status.DONE and run.progress == 100
    assert run.ballots_counted == 9
    sheet = run.sheet
    assert Decimal(sheet["quota"]) == 5
    assert [c["name"] for c in sheet["candidates"]] == ["Ann Able", "Ben Bold", "Cat Cole"]
    assert [Decimal(t) for t in sheet["stages"][0]["totals"]] == [4, 3, 2]
    assert sheet["elected"] == ["Ben Bold"]
    assert sheet["seed"] == run.seed or sheet["seed"] is None


def test_the_count_is_given_a_minimum_of_women_from_self_identification(tree, officer):
    election = make_election(tree["national"])
    section = make_section(election, "Chair", seats=1, minimum_women=1)
    candidates = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    identify(candidates[2].member, counts_as_woman=True)
    identify(candidates[1].member, bame=True)
    (constraint,) = counts.CountPaper.of(section).constraints()
    assert (constraint.members, constraint.minimum) == (frozenset({2}), 1)
    cast(section, {"AB": 4, "BC": 3, "CB": 2}, candidates, tree["northtown"])
    close_ballot(election)
    (run,) = counts.election_count_start(election=election, actor=officer)
    run.refresh_from_db()
    assert run.status == CountRun.Status.DONE, run.error
    assert run.sheet["constraints"] == ["Women: at least 1 of Cat Cole"]
    # Unconstrained, Ben Bold wins on Cat Cole's transfers; the one seat must go to a woman.
    assert run.sheet["elected"] == ["Cat Cole"]


def test_a_reserved_seat_constraint_names_the_candidates_of_the_category(tree):
    election = make_election(tree["national"])
    section = make_section(
        election, "Committee", seats=2, reserved_category="bame", reserved_seats=1
    )
    candidates = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    identify(candidates[2].member, bame=True)
    identify(candidates[0].member, counts_as_woman=True)
    (constraint,) = counts.CountPaper.of(section).constraints()
    assert constraint.name == "Reserved for BAME"
    assert (constraint.members, constraint.minimum) == (frozenset({2}), 1)


def test_a_yes_no_section_is_decided_by_simple_majority_of_those_voting(tree, officer):
    election = make_election(tree["national"])
    section = make_section(election, "Rule 4", method=Method.REFERENDUM, question="Amend rule 4?")
    choices = ["yes"] * 3 + ["no"] * 2 + ["abstain"] * 4
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(len(choices))]
    for voter, choice in zip(voters, choices, strict=True):
        voting.ballot_cast(section=section, member=voter, choice=choice)
    close_ballot(election)
    (run,) = counts.election_count_start(election=election, actor=officer)
    run.refresh_from_db()
    assert (run.sheet["yes"], run.sheet["no"], run.sheet["abstain"]) == (3, 2, 4)
    assert run.sheet["outcome"] == "carried"


def test_a_counted_section_is_not_counted_again(hand_counted, officer):
    election, _ = hand_counted
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    with pytest.raises(CountError, match="under way or done"):
        counts.election_count_start(election=election, actor=officer)
    assert CountRun.objects.count() == 1


def test_a_failed_count_is_recorded_with_its_reason_and_may_be_retried(tree, officer):
    election = make_election(tree["national"])
    section = make_section(election, "Chair", seats=1, method=Method.FPTP, minimum_women=1)
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    close_ballot(election)
    (run,) = counts.election_count_start(election=election, actor=officer)
    run.refresh_from_db()
    assert run.status == CountRun.Status.FAILED and "constraints" in run.error
    assert AuditEntry.objects.filter(action="count.fail").exists()
    section.minimum_women = 0
    section.save()
    (again,) = counts.election_count_start(election=election, actor=officer)
    again.refresh_from_db()
    assert again.status == CountRun.Status.DONE


def test_closing_shuffles_the_box_without_changing_its_contents(hand_counted, officer):
    election, section = hand_counted
    before = sorted(CastBallot.objects.filter(section=section).values_list("tracker", "ranking"))
    ids_before = set(CastBallot.objects.values_list("id", flat=True))
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    after = sorted(CastBallot.objects.filter(section=section).values_list("tracker", "ranking"))
    assert after == before
    assert ids_before.isdisjoint(CastBallot.objects.values_list("id", flat=True))
    assert VoteRecord.objects.filter(section=section).count() == len(after)


@pytest.mark.django_db(transaction=True)
def test_two_officers_starting_the_count_at_once_queue_it_once(tree):
    if connection.vendor != "postgresql":
        pytest.skip("true concurrency needs PostgreSQL (scripts/with-postgres.sh)")
    officer = make_returning_officer(tree["national"])
    election = make_election(tree["national"])
    section = make_section(election, "Chair", seats=1)
    candidates = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    cast(section, {"AB": 2, "BA": 1}, candidates, tree["northtown"])
    close_ballot(election)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def start() -> None:
        try:
            barrier.wait()
            counts.election_count_start(election=election, actor=officer)
            outcomes.append("started")
        except CountError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "started"]
    assert CountRun.objects.filter(section=section).count() == 1


def test_publishing_needs_every_section_counted(hand_counted, officer, tree):
    election, _ = hand_counted
    close_ballot(election)
    with pytest.raises(CountError, match="must be counted"):
        counts.election_publish(election=election, actor=officer)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    election.refresh_from_db()
    assert election.published_at is not None
    with pytest.raises(CountError, match="already been published"):
        counts.election_publish(election=election, actor=officer)


def test_every_step_is_in_the_audit_log_and_votes_are_not(hand_counted, officer):
    election, _ = hand_counted
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [
        "election.roll_freeze",  # by the system, as the first voter arrived
        "section.ballot_paper_fix",  # likewise: who is on the paper the voters saw
        "count.start",
        "election.ballot_close",
        "count.finish",
        "election.publish",
    ]
    publish = AuditEntry.objects.get(action="election.publish")
    assert publish.actor == officer and publish.target == f"election:{election.slug}"
    voters = Member.objects.exclude(name__startswith="Rita")
    logged = " ".join(str(e.details) + e.target for e in AuditEntry.objects.all())
    assert not any(m.membership_number in logged for m in voters)


def test_a_count_interrupted_and_run_again_stores_the_same_result(hand_counted, officer):
    """A worker killed mid-count leaves its run running; requeued (core/stale_work.py), the
    count runs again from the run's stored seed and ballots, to the same sheet."""
    election, section = hand_counted
    close_ballot(election)
    (run,) = counts.election_count_start(election=election, actor=officer)
    run.refresh_from_db()
    first = run.sheet
    CountRun.objects.filter(pk=run.pk).update(status=CountRun.Status.RUNNING, sheet=None)
    again = counts.count_run_execute(run_id=run.pk)
    assert again.status == CountRun.Status.DONE and again.sheet == first
