"""The audit log is append-only: no two entries may chain onto the same predecessor, and on
PostgreSQL a trigger refuses UPDATE and DELETE of entries. The one update it lets through is
the database clearing `actor` when a user account is deleted (the hash covers `actor_label`,
not the link)."""

from django.db import migrations, models

TRIGGER_SQL = """
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
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_refuse_change();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(
                fields=["previous_hash"], name="audit_entry_previous_hash_unique"
            ),
        ),
        migrations.RunPython(_on_postgresql(TRIGGER_SQL), _on_postgresql(DROP_TRIGGER_SQL)),
    ]
