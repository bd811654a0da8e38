"""The ballot paper is fixed once nominations have closed: voters, the count and the result
read the fixed list, and fixing it is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from plenary.web.audit.models import AuditEntry
from plenary.web.elections import selectors
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import Candidate, Section
from plenary.web.elections.setup import services as setup
from plenary.web.elections.voting import services as voting
from plenary.web.elections.voting.services import InvalidBallot, ballot_cast
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)


def test_the_first_vote_fixes_the_paper_in_ballot_paper_order_and_logs_it(section, bob):
    assert section.ballot_paper is None
    ann, ben, cat = (c.id for c in selectors.ballot_candidates(section))
    ballot_cast(section=section, member=bob.member, ranking=[ben])
    stored = Section.objects.get(pk=section.pk).ballot_paper
    assert stored == [ann, ben, cat]
    (entry,) = AuditEntry.objects.filter(action="section.ballot_paper_fix")
    assert entry.actor is None and entry.details["candidates"] == [ann, ben, cat]


def test_fixing_a_fixed_paper_changes_nothing_and_logs_nothing_more(section, tree):
    first = setup.section_fix_ballot_paper(section=section)
    make_candidates(section, tree["northtown"], "Abe Late")  # by hand, past every check
    again = Section.objects.get(pk=section.pk)
    assert setup.section_fix_ballot_paper(section=again) == first
    assert AuditEntry.objects.filter(action="section.ballot_paper_fix").count() == 1


def test_the_paper_is_not_fixed_while_nominations_are_open(tree):
    election = make_election(tree["national"])
    election.nominations_close_at = election.ballot_open_at = election.ballot_close_at = None
    election.save()
    section = make_section(election)
    with pytest.raises(ValidationError, match="once nominations have closed"):
        setup.section_fix_ballot_paper(section=section)
    assert Section.objects.get(pk=section.pk).ballot_paper is None


def test_a_candidacy_changed_after_fixing_leaves_the_voters_paper_as_it_was(section, bob):
    paper = voting.ballot_paper(section)
    setup.section_fix_ballot_paper(section=section)
    Candidate.objects.filter(pk=paper[0]).update(status=Candidate.Status.WITHDRAWN)
    section = Section.objects.get(pk=section.pk)
    assert [c.id for c in selectors.ballot_candidates(section)] == paper
    assert voting.ballot_paper(section) == paper
    ballot_cast(section=section, member=bob.member, ranking=[paper[0], paper[1]])


def test_a_candidate_not_on_the_fixed_paper_cannot_be_ranked(section, bob, tree):
    setup.section_fix_ballot_paper(section=section)
    (late,) = make_candidates(section, tree["northtown"], "Abe Late")
    with pytest.raises(InvalidBallot, match="not on this ballot paper"):
        ballot_cast(
            section=Section.objects.get(pk=section.pk), member=bob.member, ranking=[late.id]
        )


def test_the_count_treats_a_candidate_who_withdrew_after_fixing_as_withdrawn(tree):
    election = make_election(tree["national"])
    section = make_section(election, "Chair", seats=1)
    ann, ben, cat = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(5)]
    for voter, ranking in zip(voters, [[ann.id, ben.id]] * 3 + [[ben.id]] * 2, strict=True):
        ballot_cast(section=section, member=voter, ranking=ranking)
    Candidate.objects.filter(pk=ann.pk).update(status=Candidate.Status.WITHDRAWN)
    close_ballot(election)
    paper = counts.CountPaper.of(Section.objects.get(pk=section.pk))
    assert [c.id for c in paper.candidates] == [ann.id, ben.id, cat.id]
    assert paper.withdrawn == frozenset({0})
    (run,) = counts.election_count_start(
        election=election, actor=make_returning_officer(tree["national"])
    )
    run.refresh_from_db()
    assert run.sheet["elected"] == ["Ben Bold"]  # Ann's three ballots pass to Ben


def test_a_section_nobody_voted_on_has_its_paper_fixed_by_the_count(tree):
    election = make_election(tree["national"], ballot_open=False)
    section = make_section(election, "Chair", seats=1)
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    counts.election_count_start(election=election, actor=make_returning_officer(tree["national"]))
    assert len(Section.objects.get(pk=section.pk).ballot_paper) == 2
