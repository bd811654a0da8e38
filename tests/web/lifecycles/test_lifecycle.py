"""The lifecycle mechanism, on a lifecycle of the tests' own over a candidacy's status: states
and transitions, guards and their reasons, what a page is offered, and that every transition
is locked, dated, attributed, recorded and audited in one transaction, or not at all."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Candidate
from plenary.web.lifecycles.lifecycle import Context, Lifecycle, Transition
from plenary.web.lifecycles.models import TransitionRecord, TransitionRecordIsAppendOnly
from plenary.web.lifecycles.selectors import history, history_of
from plenary.web.organisation.models import Unit
from tests.web import factories as f
from tests.web.elections.voting_helpers import make_election, make_section

Status = Candidate.Status
HELD = "Only a chair may do that."


def not_on_hold(candidate: Candidate, actor: object, context: Context) -> str | None:
    return HELD if context.data.get("hold") else None


def not_after(candidate: Candidate, actor: object, context: Context) -> str | None:
    deadline = context.data.get("deadline")
    return "Too late." if deadline is not None and context.at > deadline else None


def stamp(candidate: Candidate, context: Context) -> list[str]:
    candidate.accepted_at = context.at
    return ["accepted_at"]


def make_lifecycle(**overrides: object) -> Lifecycle[Candidate]:
    fields: dict[str, object] = {
        "model": Candidate,
        "states": Status,
        "noun": "candidacy",
        "transitions": [
            Transition(
                "accept",
                source={Status.NOMINATED},
                target=Status.ACCEPTED,
                guards=[not_on_hold, not_after],
                effect=stamp,
            ),
            Transition("decline", source={Status.NOMINATED}, target=Status.DECLINED),
            Transition(
                "withdraw", source={Status.ACCEPTED}, target=Status.WITHDRAWN, label="Stand down"
            ),
        ],
        "audit_details": lambda c: {"member": c.member.membership_number},
    }
    return Lifecycle("test_candidacy", **{**fields, **overrides})  # type: ignore[arg-type]


LIFECYCLE = make_lifecycle()


def make_candidate() -> Candidate:
    branch = f.make_unit("Northtown", Unit.Kind.BRANCH)
    section = make_section(make_election(branch))
    return Candidate.objects.create(section=section, member=f.make_member("Ann Able", branch))


@pytest.fixture
def candidate(db) -> Candidate:  # type: ignore[no-untyped-def]
    return make_candidate()


@pytest.fixture
def user(db):  # type: ignore[no-untyped-def]
    return f.make_user("chair@example.org", name="Cat Chair")


def _stored_status(candidate: Candidate) -> str:
    return Candidate.objects.values_list("status", flat=True).get(pk=candidate.pk)


# --- Declaring -----------------------------------------------------------------------------


def test_a_transition_to_or_from_an_unknown_state_is_refused_when_declared():
    with pytest.raises(ValueError, match="unknown states"):
        make_lifecycle(transitions=[Transition("elect", source={"nominated"}, target="elected")])


def test_a_transition_name_is_declared_once():
    twice = [Transition("decline", source={Status.NOMINATED}, target=Status.DECLINED)] * 2
    with pytest.raises(ValueError, match="declared twice"):
        make_lifecycle(transitions=twice)


def test_without_a_state_field_every_transition_ends_the_object():
    with pytest.raises(ValueError, match="must end"):
        make_lifecycle(
            field=None,
            initial=Status.NOMINATED,
            transitions=[Transition("decline", source={Status.NOMINATED}, target=Status.DECLINED)],
        )
    with pytest.raises(ValueError, match="needs `initial`"):
        make_lifecycle(field=None, transitions=[])


def test_an_unknown_transition_is_a_programming_error(candidate, user):
    with pytest.raises(ValueError, match="no transition 'elect'"):
        LIFECYCLE.apply(candidate, "elect", actor=user)


# --- Applying ------------------------------------------------------------------------------


def test_a_transition_sets_the_state_and_is_dated_attributed_recorded_and_audited(candidate, user):
    at = timezone.now() - timedelta(minutes=5)
    record = LIFECYCLE.apply(candidate, "accept", actor=user, at=at, note="Glad to.")
    candidate.refresh_from_db()
    assert candidate.status == Status.ACCEPTED and candidate.accepted_at == at  # and the effect
    assert (record.lifecycle, record.transition) == ("test_candidacy", "accept")
    assert (record.from_state, record.to_state) == (Status.NOMINATED, Status.ACCEPTED)
    assert record.at == at and record.actor == user and record.note == "Glad to."
    assert record.actor_label == "Cat Chair <chair@example.org>"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target, entry.actor) == (
        "test_candidacy.accept",
        f"candidate:{candidate.pk}",
        user,
    )
    assert entry.details == {
        "member": candidate.member.membership_number,
        "transition": {"from": "nominated", "to": "accepted"},
        "note": "Glad to.",
    }


def test_every_transition_is_in_the_objects_history_in_order(candidate, user):
    LIFECYCLE.apply(candidate, "accept", actor=user)
    LIFECYCLE.apply(candidate, "withdraw", actor=None)
    steps = [(r.transition, r.from_state, r.to_state, r.actor_label) for r in history(candidate)]
    assert steps == [
        ("accept", "nominated", "accepted", "Cat Chair <chair@example.org>"),
        ("withdraw", "accepted", "withdrawn", "system"),
    ]
    assert list(history(candidate, "another")) == []
    assert AuditEntry.objects.count() == 2


def test_a_command_is_recorded_by_its_own_description(candidate):
    record = LIFECYCLE.apply(candidate, "decline", actor="plenary import (bulk)")
    assert record.actor is None and record.actor_label == "plenary import (bulk)"


def test_a_transition_from_the_wrong_state_is_refused_with_a_readable_reason(candidate, user):
    LIFECYCLE.apply(candidate, "decline", actor=user)
    with pytest.raises(ValidationError) as refused:
        LIFECYCLE.apply(candidate, "withdraw", actor=user)
    assert refused.value.messages == [
        "Stand down is not possible: the candidacy's state is “Declined nomination”."
    ]


def test_the_first_guard_that_refuses_gives_the_reason_and_nothing_is_written(candidate, user):
    with pytest.raises(ValidationError) as refused:
        LIFECYCLE.apply(
            candidate,
            "accept",
            actor=user,
            data={"hold": True, "deadline": timezone.now() - timedelta(days=1)},
        )
    assert refused.value.messages == [HELD]
    assert _stored_status(candidate) == Status.NOMINATED
    assert not TransitionRecord.objects.exists() and not AuditEntry.objects.exists()


def test_a_guard_judges_the_moment_given(candidate, user):
    deadline = timezone.now()
    assert LIFECYCLE.refusal(
        candidate, "accept", user, at=deadline + timedelta(seconds=1), data={"deadline": deadline}
    ) == ("Too late.")
    assert (
        LIFECYCLE.refusal(candidate, "accept", user, at=deadline, data={"deadline": deadline})
        is None
    )


def test_a_failure_after_the_save_undoes_the_whole_transition(candidate, user):
    def broken(candidate: Candidate) -> dict[str, object]:
        raise RuntimeError("the audit target could not be named")

    lifecycle = make_lifecycle(audit_details=broken)
    with pytest.raises(RuntimeError):
        lifecycle.apply(candidate, "decline", actor=user)
    assert _stored_status(candidate) == Status.NOMINATED
    assert not TransitionRecord.objects.exists() and not AuditEntry.objects.exists()


def test_the_state_is_read_again_from_the_row_not_from_a_stale_object(candidate, user):
    stale = Candidate.objects.get(pk=candidate.pk)
    LIFECYCLE.apply(candidate, "decline", actor=user)
    with pytest.raises(ValidationError, match="Declined nomination"):
        LIFECYCLE.apply(stale, "accept", actor=user)
    assert TransitionRecord.objects.count() == 1


def test_a_transition_record_cannot_be_changed(candidate, user):
    record = LIFECYCLE.apply(candidate, "decline", actor=user)
    record.note = "rewritten"
    with pytest.raises(TransitionRecordIsAppendOnly):
        record.save()


# --- What a page is offered ----------------------------------------------------------------


def test_allowed_lists_the_transitions_from_the_current_state_with_reasons(candidate, user):
    options = LIFECYCLE.allowed(candidate, user, data={"hold": True})
    assert [(o.name, o.allowed, o.reason) for o in options] == [
        ("accept", False, HELD),
        ("decline", True, None),
    ]
    LIFECYCLE.apply(candidate, "accept", actor=user)
    assert [(o.name, o.label, o.allowed) for o in LIFECYCLE.allowed(candidate, user)] == [
        ("withdraw", "Stand down", True)
    ]


# --- A transition that ends the object -----------------------------------------------------


def test_an_ending_transition_deletes_the_object_and_keeps_its_record(candidate, user):
    ending = make_lifecycle(
        field=None,
        initial=Status.NOMINATED,
        transitions=[
            Transition(
                "withdraw",
                source={Status.NOMINATED},
                target=Status.WITHDRAWN,
                ends=True,
                audit_action="candidate.gone",
            )
        ],
    )
    pk = candidate.pk
    ending.apply(candidate, "withdraw", actor=user)
    assert not Candidate.objects.filter(pk=pk).exists()
    (record,) = history_of(Candidate, pk)
    assert (record.from_state, record.to_state) == ("nominated", "withdrawn")
    assert AuditEntry.objects.get().action == "candidate.gone"


def test_an_object_already_gone_cannot_transition(candidate, user):
    Candidate.objects.filter(pk=candidate.pk).delete()
    with pytest.raises(ValidationError, match="This candidacy no longer exists."):
        LIFECYCLE.apply(candidate, "decline", actor=user)


# --- Two at once ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transitions_cannot_both_pass():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is one in-memory connection; threads need PostgreSQL")
    candidate = make_candidate()
    first_holds_the_lock = threading.Event()

    def hold_the_lock(candidate: Candidate, actor: object, context: Context) -> str | None:
        if context.data.get("first"):
            first_holds_the_lock.set()
            time.sleep(0.5)  # the second arrives while the first still holds the row
        return None

    lifecycle = make_lifecycle(
        transitions=[
            Transition(
                "accept", source={Status.NOMINATED}, target=Status.ACCEPTED, guards=[hold_the_lock]
            ),
            Transition(
                "decline", source={Status.NOMINATED}, target=Status.DECLINED, guards=[hold_the_lock]
            ),
        ]
    )
    outcomes: dict[str, str] = {}

    def take(name: str, first: bool) -> None:
        try:
            mine = Candidate.objects.select_related("member").get(pk=candidate.pk)
            if not first:
                first_holds_the_lock.wait(timeout=10)
            lifecycle.apply(mine, name, actor=None, data={"first": first})
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = error.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=take, args=("accept", True)),
        threading.Thread(target=take, args=("decline", False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == {
        "accept": "done",
        "decline": "Decline is not possible: the candidacy's state is “Accepted nomination”.",
    }
    assert _stored_status(candidate) == Status.ACCEPTED
    assert TransitionRecord.objects.count() == 1 and AuditEntry.objects.count() == 1
