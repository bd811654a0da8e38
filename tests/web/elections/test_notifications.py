"""The first uses of notifications: a nominee is told they have a nomination to accept, and
the electorate is told a result is published (in the background, in batches). Casting a
ballot notifies no one."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from plenary.web.elections import notifications as election_notifications
from plenary.web.elections.counts import services as counts
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member
from plenary.web.notifications.models import Notification
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_a_nominee_with_an_account_is_told_to_accept(
    alice, tree, ro, django_capture_on_commit_callbacks
):
    _, section = build_election(tree, ro, now=NOW)
    nell = f.make_member_with_login("Nell Nominee", tree["northtown"])
    nobody = f.make_member("Ned Nologin", tree["northtown"])
    with django_capture_on_commit_callbacks(execute=True):
        (made, _) = nominations.nominations_record(
            actor=alice,
            section=section,
            body=tree["northtown"],
            nominees=[nell, nobody],
            meeting_date=date(2026, 2, 26),
            now=NOW,
        )
    (notice,) = Notification.objects.all()
    assert notice.user == nell.user and notice.kind == "nomination.to_accept"
    assert notice.url == reverse("elections:candidacy", kwargs={"pk": made.candidate.pk})
    assert notice.about == made.candidate
    assert "Northtown has nominated you for" in notice.text
    (message,) = mail.outbox
    assert message.to == [nell.email]
    assert f"http://localhost:8000{notice.url}" in message.body
    assert "List-Unsubscribe" in message.extra_headers


@pytest.fixture
def published_election(tree, bob, dave):
    """An election with one ballot cast, which froze its roll: the returning officer and a
    lapsed member with an account were on the roll then, and voters' accounts."""
    officer = make_returning_officer(tree["national"])
    f.make_member_with_login("Lou Lapsed", tree["southtown"], status="lapsed")
    f.make_member("Nia Nologin", tree["northtown"])
    election = make_election(tree["national"])
    section = make_section(election)
    (ann,) = make_candidates(section, tree["northtown"], "Ann Able")
    voter = Member.objects.get(user=bob)
    voting.ballot_cast(section=section, member=voter, ranking=[ann.pk])
    return election, officer


def test_the_electorate_with_accounts_is_told_the_result(
    tree, bob, dave, published_election, django_capture_on_commit_callbacks
):
    election, officer = published_election
    f.make_member_with_login("Lea Late", tree["northtown"])  # joined after the roll froze
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        counts.election_publish(election=election, actor=officer)
    told = set(Notification.objects.values_list("user__email", flat=True))
    # Not the lapsed member, the late joiner, or members without an account.
    assert told == {bob.email, dave.email, officer.email}
    assert {m.to[0] for m in mail.outbox} == told
    assert all(m.subject == "Result published: National executive 2026" for m in mail.outbox)
    # Run again (a retried task), it tells no one twice.
    assert election_notifications.result_notify_electorate(election.pk) == 0
    assert Notification.objects.count() == 3


def test_the_electorate_is_told_in_batches(tree, bob, dave, monkeypatch):
    election = make_election(tree["national"])
    for n in range(3):
        f.make_member_with_login(f"Extra Member{n}", tree["northtown"])
    election.published_at = election.ballot_close_at
    election.save()
    monkeypatch.setattr(election_notifications, "BATCH", 2)
    assert election_notifications.result_notify_electorate(election.pk) == 5
    assert Notification.objects.count() == 5


def test_an_unpublished_election_tells_no_one(tree, bob):
    election = make_election(tree["national"])
    assert election_notifications.result_notify_electorate(election.pk) == 0


def test_casting_a_ballot_notifies_no_one_and_queues_nothing(
    tree, bob, django_capture_on_commit_callbacks
):
    election = make_election(tree["national"])
    section = make_section(election)
    (ann,) = make_candidates(section, tree["northtown"], "Ann Able")
    with django_capture_on_commit_callbacks() as callbacks:
        voting.ballot_cast(section=section, member=Member.objects.get(user=bob), ranking=[ann.pk])
    assert callbacks == []
    assert not Notification.objects.exists()


def test_the_voting_code_never_imports_notifications():
    voting_dir = Path(voting.__file__).parent
    for path in voting_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any("notifications" in name for name in names), path
