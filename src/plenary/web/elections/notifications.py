"""What elections tell members (docs/notifications.md): the kinds it registers in its
`ready()`, and the calls its services make. Nothing on the voting path notifies anyone."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from plenary.web.accounts.models import User
from plenary.web.elections import selectors
from plenary.web.elections.models import Candidate, Election, Nomination
from plenary.web.members.models import Member
from plenary.web.notifications.kinds import Kind, register_kind
from plenary.web.notifications.models import Notification
from plenary.web.notifications.services import notify

RESULT_PUBLISHED = "election.result_published"
NOMINATION_TO_ACCEPT = "nomination.to_accept"
BATCH = 500  # members notified per transaction when a result is published


def register() -> None:
    register_kind(
        Kind(
            key=RESULT_PUBLISHED,
            label="The result of an election you can vote in is published",
            subject_template="elections/notifications/result_published_subject.txt",
            text_template="elections/notifications/result_published.txt",
            digestible=True,
        )
    )
    register_kind(
        Kind(
            key=NOMINATION_TO_ACCEPT,
            label="You are nominated and have a nomination to accept",
            subject_template="elections/notifications/nomination_to_accept_subject.txt",
            text_template="elections/notifications/nomination_to_accept.txt",
            html_template="elections/notifications/nomination_to_accept.html",
            digestible=False,  # it has a deadline: not a day late in a digest
        )
    )


# --- a result is published ---------------------------------------------------------------


def result_published(election: Election) -> None:
    """Called by `election_publish` inside its transaction: once it commits, a background
    task tells the electorate (there may be thousands: not in the request)."""
    from plenary.web.elections import tasks  # the task module imports the services

    transaction.on_commit(lambda: tasks.notify_result_published.enqueue(election.pk))


def _electorate_users(election: Election) -> QuerySet[User]:
    if election.roll_frozen_at is not None:
        members = Member.objects.filter(pk__in=election.electors.values("member_id"))
    else:
        members = selectors.eligible_members(election)
    return User.objects.filter(is_active=True, member__in=members)


def result_notify_electorate(election_id: int) -> int:
    """Tell every member of the electorate who has an account that the result is out, in
    batches, each in its own transaction. Run again (a retried task), it tells only those not
    yet told. Returns how many were told."""
    election = Election.objects.get(pk=election_id)
    if election.published_at is None:
        return 0
    url = reverse("elections:result", kwargs={"slug": election.slug})
    already = Notification.objects.filter(
        user=OuterRef("pk"),
        kind=RESULT_PUBLISHED,
        content_type=ContentType.objects.get_for_model(Election),
        object_id=str(election.pk),
    )
    told = 0
    after = 0
    while True:
        batch = list(
            _electorate_users(election)
            .filter(pk__gt=after)
            .exclude(Exists(already))
            .order_by("pk")[:BATCH]
        )
        if not batch:
            return told
        with transaction.atomic():
            told += len(
                notify(RESULT_PUBLISHED, batch, {"election": election}, obj=election, url=url)
            )
        after = batch[-1].pk


# --- a member is nominated ---------------------------------------------------------------


def nominees_notify(nominations: Sequence[Nomination]) -> None:
    """Tell each nominee who has an account that they have a nomination to accept. Called by
    `nominations_record` inside its transaction."""
    for nomination in nominations:
        candidate = nomination.candidate
        user = candidate.member.user
        if user is None or candidate.status != Candidate.Status.NOMINATED:
            continue  # no account to tell, or already accepted (or declined)
        notify(
            NOMINATION_TO_ACCEPT,
            [user],
            {
                "candidate": candidate,
                "section": candidate.section,
                "election": candidate.section.election,
                "body": nomination.body,
            },
            obj=candidate,
            url=reverse("elections:candidacy", kwargs={"pk": candidate.pk}),
        )
