"""The actor's account is hashed (format 2), old format-1 entries still verify, and a signed
head the operator kept shows entries deleted from the end of the log."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from plenary.web.audit.log import (
    BadHead,
    SignedHead,
    audit_record,
    audit_verify,
    entry_hash_of,
    parse_signed_head,
    signed_head,
)
from plenary.web.audit.models import GENESIS_HASH, HASH_VERSION, AuditEntry
from tests.web.audit.test_log import _raw, _three_entries


def _head_line(capsys) -> str:
    call_command("audit", "head")
    return capsys.readouterr().out.strip()


def _delete_newest(entries: list[AuditEntry], how_many: int) -> None:
    """Deleting behind the model's back, as someone with the database's rights could."""
    for entry in entries[-how_many:]:
        _raw("DELETE FROM audit_auditentry WHERE sequence = %s", [entry.sequence])


# --- the account in the hash ---------------------------------------------------------------


def test_new_entries_hash_the_actors_account_at_the_current_version(db, alice):
    entry = audit_record(actor=alice, action="a", target="t")
    entry.refresh_from_db()
    assert entry.hash_version == HASH_VERSION == 2
    assert entry.actor_account == alice.pk
    assert entry_hash_of(entry) == entry.entry_hash


def test_a_command_or_the_system_has_no_account(db):
    entry = audit_record(actor="plenary token (command line)", action="a", target="t")
    assert entry.actor_account is None and entry.actor_id is None
    assert audit_verify().ok


def test_changing_the_hashed_account_breaks_the_chain(db, alice, bob):
    entries = _three_entries(alice)
    _raw(
        "UPDATE audit_auditentry SET actor_account = %s WHERE sequence = %s",
        [bob.pk, entries[1].sequence],
    )
    report = audit_verify()
    assert report.broken_sequence == entries[1].sequence
    assert "changed" in report.reason


def test_pointing_the_account_link_at_someone_else_is_found(db, alice, bob):
    entries = _three_entries(alice)
    _raw(
        "UPDATE audit_auditentry SET actor_id = %s WHERE sequence = %s",
        [bob.pk, entries[0].sequence],
    )
    report = audit_verify()
    assert report.broken_sequence == entries[0].sequence
    assert "account link" in report.reason


def test_deleting_the_account_keeps_the_hashed_account_and_the_chain(db, bob):
    entry = audit_record(actor=bob, action="token.create", target="user:bob")
    account = bob.pk
    bob.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None and entry.actor_account == account
    assert audit_verify().ok


def _old_format_entry(*, previous_hash: str, actor_label: str, action: str) -> AuditEntry:
    entry = AuditEntry(
        at=timezone.now(),
        actor_label=actor_label,
        action=action,
        target="election:old",
        details={"n": 1},
        previous_hash=previous_hash,
        hash_version=1,
    )
    entry.entry_hash = entry_hash_of(entry)
    entry.save()
    return entry


def test_old_format_entries_verify_by_their_own_formula_and_new_ones_chain_on(db, alice):
    first = _old_format_entry(previous_hash=GENESIS_HASH, actor_label="Old <o@x>", action="a")
    second = _old_format_entry(previous_hash=first.entry_hash, actor_label="Old", action="b")
    new = audit_record(actor=alice, action="c", target="t")
    assert new.previous_hash == second.entry_hash
    report = audit_verify()
    assert report.ok and report.count == 3


def test_an_old_format_entry_after_a_new_one_is_refused(db, alice):
    new = audit_record(actor=alice, action="c", target="t")
    old = _old_format_entry(previous_hash=new.entry_hash, actor_label="x", action="d")
    report = audit_verify()
    assert report.broken_sequence == old.sequence
    assert "version" in report.reason


# --- the signed head -------------------------------------------------------------------------


def test_head_prints_one_signed_line_for_the_log(db, alice, capsys):
    entries = _three_entries(alice)
    line = _head_line(capsys)
    assert line == (
        f"count=3 sequence={entries[-1].sequence} head={entries[-1].entry_hash} "
        f"signature={parse_signed_head(line).signature}"
    )
    assert "\n" not in line


def test_a_kept_head_verifies_while_the_log_holds_it_and_grows(db, alice, capsys):
    _three_entries(alice)
    line = _head_line(capsys)
    call_command("audit", "verify", "--head", line)
    assert "holds the head you kept" in capsys.readouterr().out
    audit_record(actor=alice, action="later", target="t")
    call_command("audit", "verify", "--head", line)
    assert capsys.readouterr().out.startswith("OK: 4 entries verify")


def test_deleting_the_newest_entries_passes_the_chain_but_fails_the_kept_head(db, alice, capsys):
    entries = _three_entries(alice)
    line = _head_line(capsys)
    _delete_newest(entries, 2)
    assert audit_verify().ok  # the shortened chain alone still verifies
    with pytest.raises(CommandError, match="TRUNCATED.*only 1 entries now.*deleted from its end"):
        call_command("audit", "verify", "--head", line)


def test_deleting_the_newest_and_appending_again_fails_the_kept_head(db, alice, capsys):
    entries = _three_entries(alice)
    line = _head_line(capsys)
    _delete_newest(entries, 1)
    audit_record(actor=alice, action="replacement", target="t")
    report = audit_verify(head=parse_signed_head(line))
    assert report.broken_sequence is None
    assert not report.ok and "is not in the log" in report.head_problem


def test_the_verify_command_exits_non_zero_on_a_truncated_log(db, alice, capsys):
    from plenary.cli import main

    entries = _three_entries(alice)
    line = _head_line(capsys)
    _delete_newest(entries, 1)
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", "verify", "--head", line])
    assert exit_info.value.code == 1


def test_a_head_file_is_read_by_its_last_line(db, alice, capsys, tmp_path):
    entries = _three_entries(alice)
    older = _head_line(capsys)
    audit_record(actor=alice, action="later", target="t")
    newer = _head_line(capsys)
    kept = tmp_path / "heads.txt"
    kept.write_text(f"{older}\n{newer}\n\n")
    call_command("audit", "verify", "--head-file", str(kept))
    _delete_newest([*entries, AuditEntry.objects.order_by("sequence").last()], 1)
    with pytest.raises(CommandError, match="TRUNCATED"):
        call_command("audit", "verify", "--head-file", str(kept))


def test_a_tampered_signature_is_refused(db, alice, capsys):
    _three_entries(alice)
    line = _head_line(capsys)
    signature = parse_signed_head(line).signature
    forged = line.replace(signature, ("0" if signature[0] != "0" else "1") + signature[1:])
    with pytest.raises(CommandError, match="REFUSED: the head's signature is not valid"):
        call_command("audit", "verify", "--head", forged)


def test_a_head_with_a_changed_count_is_refused(db, alice, capsys):
    entries = _three_entries(alice)
    line = _head_line(capsys)
    _delete_newest(entries, 1)
    # Someone who deleted an entry cannot make the kept line agree by editing it.
    with pytest.raises(BadHead, match="signature"):
        parse_signed_head(line.replace("count=3", "count=2"))


def test_a_head_signed_with_another_key_is_refused(db, alice, capsys, settings):
    _three_entries(alice)
    settings.PLENARY_AUDIT_KEY = "one key"
    line = _head_line(capsys)
    parse_signed_head(line)
    settings.PLENARY_AUDIT_KEY = "another key"
    with pytest.raises(BadHead, match="another audit key"):
        parse_signed_head(line)


def test_unset_the_key_is_derived_from_the_secret_key_not_equal_to_it(db, alice, settings):
    _three_entries(alice)
    settings.PLENARY_AUDIT_KEY = None
    derived = signed_head(audit_verify())
    settings.PLENARY_AUDIT_KEY = settings.SECRET_KEY
    assert signed_head(audit_verify()).signature != derived.signature
    settings.PLENARY_AUDIT_KEY = None
    settings.SECRET_KEY = settings.SECRET_KEY + "rotated"
    with pytest.raises(BadHead):
        parse_signed_head(derived.line())


def test_a_malformed_head_is_refused_with_the_expected_form(db):
    with pytest.raises(CommandError, match="REFUSED: the head must be one line"):
        call_command("audit", "verify", "--head", "count=3 head=abc")


def test_the_empty_logs_head_verifies(db, capsys):
    line = _head_line(capsys)
    assert line.startswith(f"count=0 sequence=0 head={GENESIS_HASH} ")
    call_command("audit", "verify", "--head", line)


def test_a_broken_logs_head_is_not_signed(db, alice):
    entries = _three_entries(alice)
    _raw("UPDATE audit_auditentry SET action = %s WHERE sequence = %s", ["x", entries[0].sequence])
    with pytest.raises(CommandError, match="not signed"):
        call_command("audit", "head")


def test_a_rewritten_log_fails_the_kept_head(db, alice, capsys):
    """Everything deleted and a fresh chain written: it verifies on its own, but the entry at
    the kept position is not the kept head."""
    entries = _three_entries(alice)
    line = _head_line(capsys)
    _delete_newest(entries, 3)
    _three_entries(alice)
    report = audit_verify(head=parse_signed_head(line))
    assert report.broken_sequence is None and "is not in the log" in report.head_problem


def test_signed_head_matches_the_report(db, alice):
    entries = _three_entries(alice)
    head = signed_head(audit_verify())
    assert isinstance(head, SignedHead)
    assert (head.count, head.sequence, head.head_hash) == (
        3,
        entries[-1].sequence,
        entries[-1].entry_hash,
    )


# --- upgrading an installation -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_entries_written_before_the_upgrade_verify_after_it():
    """Migrate back to before format 2, write an entry as the old code did, migrate forward
    (on PostgreSQL with the append-only trigger in place): it stays at version 1 and verifies,
    and new entries chain on at version 2."""
    before = [("audit", "0002_append_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_model = executor.loader.project_state(before).apps.get_model("audit", "AuditEntry")
    old = old_model(
        at=timezone.now(),
        actor_label="Old Officer <old@example.org>",
        action="election.create",
        target="election:old",
        details={"title": "Old"},
        previous_hash=GENESIS_HASH,
    )
    old.hash_version = 1  # only for computing the old formula; the old table has no column
    old.entry_hash = entry_hash_of(old)
    old.save()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    upgraded = AuditEntry.objects.get()
    assert upgraded.hash_version == 1 and upgraded.actor_account is None
    assert audit_verify().ok
    audit_record(actor="test", action="after.upgrade", target="t")
    report = audit_verify()
    assert report.ok and report.count == 2
    assert AuditEntry.objects.order_by("sequence").last().hash_version == 2


def test_postgresql_refuses_changing_the_new_columns_even_with_the_link_cleared(db, alice):
    """The trigger's one allowed update (clearing the account link) does not let the hash
    version or the hashed account change along with it."""
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    entry = audit_record(actor=alice, action="a", target="t")
    for sql in (
        "UPDATE audit_auditentry SET actor_id = NULL, hash_version = 1 WHERE sequence = %s",
        "UPDATE audit_auditentry SET actor_id = NULL, actor_account = 0 WHERE sequence = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.sequence])
