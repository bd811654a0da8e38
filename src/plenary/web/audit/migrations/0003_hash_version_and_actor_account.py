"""Hash format 2: the hash also covers the actor's account (docs/audit.md).

Entries already written keep hash version 1 and verify by the formula they were written with:
the new column is added with the constant default 1 (on PostgreSQL a plain ADD COLUMN, which
rewrites no row and fires no row trigger, so the append-only trigger does not stand in the
way), and no existing entry is changed. New entries are written at version 2 by
`audit_record`. `actor_account` stays empty on old entries: their account was never hashed.

The trigger's one allowed UPDATE (the database clearing the account link when a user is
deleted) must not become a way to change the new columns, so it now compares them too."""

from django.db import migrations, models

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.actor_id IS NULL
       AND NEW.sequence = OLD.sequence AND NEW.at = OLD.at
       AND NEW.actor_account IS NOT DISTINCT FROM OLD.actor_account
       AND NEW.actor_label = OLD.actor_label AND NEW.action = OLD.action
       AND NEW.target = OLD.target AND NEW.details = OLD.details
       AND NEW.previous_hash = OLD.previous_hash AND NEW.entry_hash = OLD.entry_hash
       AND NEW.hash_version = OLD.hash_version THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % of entry % refused', TG_OP, OLD.sequence;
END;
$$ LANGUAGE plpgsql;
"""

# The function as migration 0002 made it, for migrating back.
PREVIOUS_TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.actor_id IS NULL
       AND NEW.sequence = OLD.sequence AND NEW.at = OLD.at
       AND NEW.actor_label = OLD.actor_label AND NEW.action = OLD.action
       AND NEW.target = OLD.target AND NEW.details = OLD.details
       AND NEW.previous_hash = OLD.previous_hash AND NEW.entry_hash = OLD.entry_hash THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % of entry % refused', TG_OP, OLD.sequence;
END;
$$ LANGUAGE plpgsql;
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="actor_account",
            field=models.BigIntegerField(
                blank=True,
                null=True,
                help_text="The acting user account's id, as recorded at the time (hashed from "
                "version 2; kept when the account is deleted and the link above is cleared).",
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash_version",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Which formula the hash was computed with (1: before the account "
                "was hashed).",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(
            _on_postgresql(TRIGGER_SQL), _on_postgresql(PREVIOUS_TRIGGER_SQL), elidable=False
        ),
    ]
