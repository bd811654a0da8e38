"""The lifecycles of a candidacy and a nomination (nominations/lifecycles.py): each decision
and withdrawal is a recorded transition with one audit entry, and what a nominee may do
now is offered with the reasons for what they may not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Candidate, Nomination
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.nominations.lifecycles import (
    CANDIDACY,
    DECISION_CLOSED,
    NOMINATION,
    NOT_YOUR_CANDIDACY,
)
from plenary.web.lifecycles.models import TransitionRecord
from plenary.web.lifecycles.selectors import history, history_of
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def section(tree, ro):  # type: ignore[no-untyped-def]
    return build_election(tree, ro, now=NOW)[1]


@pytest.fixture
def bobs_candidacy(alice, bob, tree, section):  # type: ignore[no-untyped-def]
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=[bob.member],
        meeting_date=date(2026, 2, 26),
        now=NOW,
    )
    return Candidate.objects.select_related("section__election", "member").get(member=bob.member)


def test_each_decision_is_a_dated_attributed_transition_with_one_audit_entry(bob, bobs_candidacy):
    nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=True, now=NOW)
    later = NOW + timedelta(hours=1)
    nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=False, now=later)
    steps = [
        (r.transition, r.from_state, r.to_state, r.at, r.actor) for r in history(bobs_candidacy)
    ]
    assert steps == [
        ("accept", "nominated", "accepted", NOW, bob),
        ("decline", "accepted", "declined", later, bob),
    ]
    decisions = AuditEntry.objects.filter(action__startswith="candidate.").order_by("sequence")
    assert [(e.action, e.target, e.actor) for e in decisions] == [
        ("candidate.accept", "election:exec-2026", bob),
        ("candidate.decline", "election:exec-2026", bob),
    ]
    assert decisions[0].details == {
        "section": bobs_candidacy.section_id,
        "candidate": bobs_candidacy.member.membership_number,
        "transition": {"from": "nominated", "to": "accepted"},
    }


def test_a_refused_decision_records_nothing(dave, bob, bobs_candidacy):
    closed = bobs_candidacy.section.election.nominations_close_at
    with pytest.raises(ValidationError, match="not your candidacy"):
        nominations.candidate_decide(actor=dave, candidate=bobs_candidacy, accept=True, now=NOW)
    with pytest.raises(ValidationError, match="Nominations have closed"):
        nominations.candidate_decide(actor=bob, candidate=bobs_candidacy, accept=True, now=closed)
    assert not TransitionRecord.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="candidate.").exists()


def test_the_nominee_is_offered_accept_and_decline_until_nominations_close(
    bob, dave, bobs_candidacy
):
    def offered(actor, at):  # type: ignore[no-untyped-def]
        # (Recording an acceptance on paper is the returning officer's, tested with it.)
        options = CANDIDACY.allowed(bobs_candidacy, actor, at=at)
        return [(o.name, o.reason) for o in options if o.name != "accept_on_behalf"]

    assert offered(bob, NOW) == [("accept", None), ("decline", None)]
    assert offered(dave, NOW) == [("accept", NOT_YOUR_CANDIDACY), ("decline", NOT_YOUR_CANDIDACY)]
    closed = bobs_candidacy.section.election.nominations_close_at
    assert offered(bob, closed) == [("accept", DECISION_CLOSED), ("decline", DECISION_CLOSED)]


def test_a_withdrawn_nomination_leaves_its_record_and_one_audit_entry(
    alice, bob, tree, bobs_candidacy
):
    nomination = Nomination.objects.get(candidate=bobs_candidacy)
    pk = nomination.pk
    assert [o.name for o in NOMINATION.allowed(nomination, alice, at=NOW) if o.allowed] == [
        "withdraw"
    ]
    nominations.nomination_withdraw(actor=alice, nomination=nomination, now=NOW)
    (record,) = history_of(Nomination, pk)
    assert (record.transition, record.from_state, record.to_state, record.actor) == (
        "withdraw",
        "standing",
        "withdrawn",
        alice,
    )
    (entry,) = AuditEntry.objects.filter(action="nomination.withdraw")
    assert entry.details == {
        "section": bobs_candidacy.section_id,
        "body": f"unit:{tree['northtown'].pk}",
        "nominee": bob.member.membership_number,
        "transition": {"from": "standing", "to": "withdrawn"},
    }


def test_a_refused_withdrawal_gives_the_guards_reason(bob, tree, ro, bobs_candidacy):
    nomination = Nomination.objects.get(candidate=bobs_candidacy)
    officer = f.make_member_with_login("Sam Southtown", tree["southtown"]).user
    (option,) = NOMINATION.allowed(nomination, officer, at=NOW)
    assert option.reason == "You may not record nominations for Northtown."
    with pytest.raises(ValidationError, match="may not record nominations for Northtown"):
        nominations.nomination_withdraw(actor=officer, nomination=nomination, now=NOW)
    assert Nomination.objects.filter(pk=nomination.pk).exists()
    assert not TransitionRecord.objects.exists()


def test_a_nominee_without_an_account_is_not_decided_for_by_someone_logged_out(tree, section):
    from django.contrib.auth.models import AnonymousUser

    member = f.make_member("Nia Nologin", tree["northtown"])
    candidate = Candidate.objects.create(section=section, member=member)
    assert CANDIDACY.refusal(candidate, "accept", AnonymousUser(), at=NOW) == NOT_YOUR_CANDIDACY  # type: ignore[arg-type]
    assert CANDIDACY.refusal(candidate, "accept", None, at=NOW) == NOT_YOUR_CANDIDACY
