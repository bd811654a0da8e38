"""The audit log: entries chain by hash, the chain verifies, and tampering is found."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from plenary.web.audit.log import audit_record, audit_verify
from plenary.web.audit.models import GENESIS_HASH, AuditEntry, AuditLogIsAppendOnly


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def _trigger_disabled():
    """Tampering as a database superuser could: on PostgreSQL the append-only trigger is
    bypassed by replica mode (ordinary triggers do not fire); SQLite has no trigger."""
    if _is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
    else:
        yield


def _raw(sql: str, params: list[object]) -> None:
    with _trigger_disabled(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _three_entries(actor) -> list[AuditEntry]:
    return [
        audit_record(
            actor=actor, action="election.create", target="election:exec-2026", title="Exec"
        ),
        audit_record(actor=actor, action="election.announce", target="election:exec-2026"),
        audit_record(
            actor=actor,
            action="section.add",
            target="election:exec-2026/section:1",
            seats=9,
            on=date(2026, 12, 1),
        ),
    ]


def test_the_first_entry_chains_onto_the_genesis_hash_and_each_next_onto_the_one_before(db, alice):
    first, second, third = _three_entries(alice)
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert len({first.entry_hash, second.entry_hash, third.entry_hash}) == 3


def test_an_entry_records_who_acted_and_details_as_plain_json(db, alice):
    entry = _three_entries(alice)[2]
    entry.refresh_from_db()
    assert entry.actor == alice
    assert entry.actor_label == f"Alice Archer <{alice.email}>"
    assert entry.details == {"seats": 9, "on": "2026-12-01"}


def test_a_command_or_the_system_can_be_the_actor(db):
    by_system = audit_record(actor=None, action="roll.freeze", target="election:x")
    assert by_system.actor_label == "system"
    by_command = audit_record(actor="plenary token", action="token.create", target="member:T1")
    assert by_command.actor is None and by_command.actor_label == "plenary token"


def test_an_intact_chain_verifies_with_its_count_and_head(db, alice):
    entries = _three_entries(alice)
    report = audit_verify()
    assert report.ok
    assert report.count == 3
    assert report.head_hash == entries[-1].entry_hash


def test_an_empty_log_verifies(db):
    report = audit_verify()
    assert report.ok and report.count == 0 and report.head_hash == GENESIS_HASH


def test_a_changed_entry_breaks_the_chain_at_that_entry(db, alice):
    entries = _three_entries(alice)
    _raw(
        "UPDATE audit_auditentry SET target = %s WHERE sequence = %s",
        ["election:other", entries[1].sequence],
    )
    report = audit_verify()
    assert not report.ok
    assert report.broken_sequence == entries[1].sequence
    assert report.count == 1
    assert "changed" in report.reason


def test_changed_details_break_the_chain(db, alice):
    entries = _three_entries(alice)
    _raw(
        "UPDATE audit_auditentry SET details = %s WHERE sequence = %s",
        ['{"seats": 8, "on": "2026-12-01"}', entries[2].sequence],
    )
    assert audit_verify().broken_sequence == entries[2].sequence


def test_a_deleted_entry_is_found_at_the_entry_after_it(db, alice):
    entries = _three_entries(alice)
    _raw("DELETE FROM audit_auditentry WHERE sequence = %s", [entries[1].sequence])
    report = audit_verify()
    assert report.broken_sequence == entries[2].sequence
    assert "deleted" in report.reason


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_entry(db, alice):
    entries = _three_entries(alice)
    forged_hash = "f" * 64
    _raw(
        "UPDATE audit_auditentry SET target = %s, entry_hash = %s WHERE sequence = %s",
        ["election:other", forged_hash, entries[1].sequence],
    )
    assert audit_verify().broken_sequence == entries[1].sequence


def test_the_model_refuses_to_change_or_delete_a_saved_entry(db, alice):
    entry = _three_entries(alice)[0]
    entry.target = "election:other"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(target="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert audit_verify().ok


def test_postgresql_refuses_raw_updates_and_deletes(db, alice):
    if not _is_postgresql():
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    entry = _three_entries(alice)[0]
    for sql in (
        "UPDATE audit_auditentry SET target = 'x' WHERE sequence = %s",
        "DELETE FROM audit_auditentry WHERE sequence = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.sequence])
    assert audit_verify().count == 3


def test_deleting_a_user_keeps_their_entries_and_the_chain(db, bob):
    entry = audit_record(actor=bob, action="token.create", target="user:bob")
    bob.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == bob.email or bob.email in entry.actor_label
    assert audit_verify().ok


def test_two_entries_cannot_chain_onto_the_same_predecessor(db, alice):
    first = audit_record(actor=alice, action="a", target="t")
    fork = AuditEntry(
        at=first.at,
        actor_label="x",
        action="b",
        target="t",
        details={},
        previous_hash=first.previous_hash,
        entry_hash="e" * 64,
        hash_version=first.hash_version,
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        fork.save()


def test_verify_command_prints_ok_with_the_count(db, alice, capsys):
    _three_entries(alice)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert out.startswith("OK: 3 entries verify")


def test_verify_command_fails_on_a_broken_chain_naming_the_entry(db, alice):
    entries = _three_entries(alice)
    _raw("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["x", entries[0].sequence])
    with pytest.raises(CommandError, match=f"BROKEN at entry #{entries[0].sequence}"):
        call_command("audit", "verify")


def test_verify_command_exits_non_zero_on_a_broken_chain(db, alice):
    entries = _three_entries(alice)
    _raw("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["x", entries[0].sequence])
    with pytest.raises(SystemExit) as exit_info:
        from plenary.cli import main

        main(["audit", "verify"])
    assert exit_info.value.code == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain():
    if not _is_postgresql():
        pytest.skip("SQLite's test database is one in-memory connection; threads need PostgreSQL")
    writers, per_writer = 8, 5
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait()
            for step in range(per_writer):
                with transaction.atomic():
                    audit_record(
                        actor=None, action="test.append", target=f"writer:{number}", step=step
                    )
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = audit_verify()
    assert report.ok
    assert report.count == writers * per_writer


def test_a_request_without_a_signed_in_user_is_never_an_actor(db, alice):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from plenary.web.audit.log import request_actor

    request = RequestFactory().get("/")
    request.user = alice
    assert request_actor(request) == alice
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        request_actor(request)


def test_every_target_is_named_by_one_function(tree):
    """audit_target: a model's own name where it has one, else "<model>:<pk>"; a string as it is."""
    from plenary.web.audit.log import audit_target
    from plenary.web.organisation.models import Body

    body = Body.objects.create(
        name="Exec", kind=Body.Kind.EXECUTIVE, unit=tree["national"], slug="exec"
    )
    assert audit_target(body) == f"body:{body.pk}"
    assert audit_target("roll") == "roll"
    entry = audit_record(actor=None, action="body.test", target=body)
    assert entry.target == f"body:{body.pk}"
