"""Imports and exports of the roll are written to the audit log: one entry per import with its
counts, one per export with what was exported (never the members' data)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from plenary.web.audit.log import audit_verify
from plenary.web.audit.models import AuditEntry
from plenary.web.members.models import Member
from tests.web.members.csv_helpers import HEADER, import_text

pytestmark = pytest.mark.django_db


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("sequence"))


# --- imports -------------------------------------------------------------------------------


def test_a_web_import_is_one_entry_with_its_counts_by_the_officer(
    client, carol, bob, settings, tmp_path
):
    settings.PLENARY_IMPORT_DIR = tmp_path / "imports"
    client.force_login(carol)
    rows = "".join(f"W{n},Wendy Web{n},,Northtown,,,\n" for n in range(3))
    bob_row = f"{bob.member.membership_number},Robert Baker,,Northtown,,,\n"
    content = (HEADER + rows + bob_row).encode()
    client.post(reverse("members:import"), {"file": SimpleUploadedFile("june.csv", content)})
    form = client.get(reverse("members:import_columns")).context["form"]
    client.post(reverse("members:import_columns"), {n: form[n].value() or "" for n in form.fields})
    client.post(reverse("members:import_preview"))
    [entry] = _entries("members.import")
    assert entry.actor == carol and entry.target == "roll"
    assert entry.details == {
        "file": "june.csv",
        "rows": 4,
        "created": 3,
        "updated": 1,
        "unchanged": 0,
    }
    assert "Wendy" not in str(entry.details) and "Robert" not in str(entry.details)
    assert audit_verify().ok


def test_a_command_line_import_is_one_entry_by_the_command(tmp_path, tree):
    path = tmp_path / "roll.csv"
    path.write_text(HEADER + "C1,Cy Clean,,Northtown,,,\nC2,Di Clean,,Southtown,,,\n")
    call_command("import_members", str(path), stdout=StringIO(), stderr=StringIO())
    [entry] = _entries("members.import")
    assert entry.actor is None and entry.actor_account is None
    assert entry.actor_label == "plenary import_members (command line)"
    assert entry.details == {
        "file": "roll.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }


def test_a_dry_run_or_a_refused_import_writes_no_entry(tmp_path, tree):
    path = tmp_path / "roll.csv"
    path.write_text(HEADER + "C1,Cy Clean,,Northtown,,,\n")
    call_command("import_members", str(path), "--dry-run", stdout=StringIO())
    path.write_text(HEADER + "C1,Cy Clean,,Nowhere,,,\n")
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=StringIO(), stderr=StringIO())
    assert import_text(HEADER + "C1,Cy Clean,,Nowhere,,,\n").applied is False
    assert _entries("members.import") == []


def test_an_import_that_changes_nothing_is_still_logged_as_unchanged(tree, bob):
    import_text(HEADER + "U1,Una Same,,Northtown,,,\n")
    import_text(HEADER + "U1,Una Same,,Northtown,,,\n")
    counts = [(e.details["created"], e.details["unchanged"]) for e in _entries("members.import")]
    assert counts == [(1, 0), (0, 1)]


# --- exports -------------------------------------------------------------------------------


def _download(client, **params: str) -> None:
    response = client.get(reverse("members:export"), {"download": "1", **params})
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_a_web_export_logs_branch_statuses_and_rows_never_the_data(client, carol, alice, dave):
    client.force_login(carol)
    _download(client)
    _download(client, branch="southtown", status="active")
    whole, south = _entries("members.export")
    everyone = Member.objects.count()
    assert (whole.target, whole.actor) == ("roll", carol)
    assert whole.details == {"branch": None, "statuses": [], "rows": everyone}
    assert south.target == "roll/branch:southtown"
    assert south.details == {
        "branch": "southtown",
        "statuses": ["active"],
        "rows": Member.objects.filter(branch__slug="southtown", status="active").count(),
    }
    assert "@" not in str(whole.details)


def test_showing_the_export_form_or_a_refused_export_writes_no_entry(client, alice, bob):
    client.force_login(alice)
    client.get(reverse("members:export"))
    client.get(reverse("members:export"), {"download": "1", "branch": "southtown"})
    client.force_login(bob)
    client.get(reverse("members:export"), {"download": "1"})
    assert _entries("members.export") == []


def test_a_command_line_export_is_logged_by_the_command(tmp_path, bob, dave):
    call_command("export_members", stdout=StringIO())
    call_command("export_members", "--branch", "southtown", "-o", str(tmp_path / "s.csv"))
    whole, south = _entries("members.export")
    assert whole.actor_label == "plenary export_members (command line)"
    assert whole.details["branch"] is None and whole.details["rows"] == Member.objects.count()
    assert south.details["branch"] == "southtown"
