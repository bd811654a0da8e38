"""Who reaches the ballot paper: accepted candidates nominated by at least `threshold` bodies."""

from __future__ import annotations

from datetime import date

import pytest

from plenary.web.elections.models import Candidate, Election, Nomination, Section
from plenary.web.elections.selectors import ballot_candidates
from plenary.web.organisation.models import Unit
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _candidate(
    section: Section, name: str, branch: Unit, status: str, bodies: list[Unit]
) -> Candidate:
    candidate = Candidate.objects.create(
        section=section, member=f.make_member(name, branch), status=status
    )
    for body in bodies:
        Nomination.objects.create(candidate=candidate, unit=body, meeting_date=date(2026, 1, 5))
    return candidate


def test_only_accepted_candidates_with_enough_nominating_bodies_are_on_the_ballot_by_name(tree):
    election = Election.objects.create(title="Executive", slug="exec", unit=tree["national"])
    section = Section.objects.create(election=election, name="Members", seats=2, threshold=2)
    two_bodies = [tree["northtown"], tree["southtown"]]
    zoe = _candidate(section, "Zoe Young", tree["northtown"], Candidate.Status.ACCEPTED, two_bodies)
    amy = _candidate(section, "Amy Ash", tree["southtown"], Candidate.Status.ACCEPTED, two_bodies)
    _candidate(section, "Ben Short", tree["northtown"], Candidate.Status.ACCEPTED, two_bodies[:1])
    _candidate(section, "Cat Declined", tree["northtown"], Candidate.Status.DECLINED, two_bodies)
    _candidate(section, "Dan Silent", tree["northtown"], Candidate.Status.NOMINATED, two_bodies)

    assert ballot_candidates(section) == [amy, zoe]
