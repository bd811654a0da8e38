"""An import never clears or changes a status that a decision on standing set
(docs/decisions/0021-roll-editing.md): the row's other columns are imported and the row is
reported as "status kept"."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.members.models import Member
from plenary.web.members.services import member_set_standing, member_update
from tests.web import factories as f
from tests.web.members.csv_helpers import HEADER, import_text

pytestmark = pytest.mark.django_db


def row(member: Member, name: str, status: str) -> str:
    return f"{member.membership_number},{name},,{member.branch.name},{status},,\n"


def today() -> str:
    return f"{timezone.localdate():%-d %B %Y}"


def test_an_import_keeps_a_suspension_a_decision_set_and_imports_the_rest(carol, bob):
    member_set_standing(actor=carol, member=bob.member, status="suspended", reason="Case 12")
    result = import_text(HEADER + row(bob.member, "Robert Baker", "active"))
    assert result.applied and result.updated == 1
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.SUSPENDED and bob.member.name == "Robert Baker"
    assert [str(note) for note in result.plan.kept] == [
        f"line 2: status kept: set by a decision on {today()}"
    ]
    entry = AuditEntry.objects.get(action="members.import")
    assert entry.details["status_kept"] == 1


def test_a_row_changing_only_a_decided_status_is_unchanged(carol, bob):
    member_set_standing(actor=carol, member=bob.member, status="expelled", reason="Case 13")
    result = import_text(HEADER + row(bob.member, "Bob Baker", "active"))
    assert result.unchanged == 1 and len(result.plan.kept) == 1
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.EXPELLED


def test_a_reinstatement_is_kept_too_but_a_status_not_decided_is_imported(carol, bob, tree):
    member_set_standing(actor=carol, member=bob.member, status="suspended", reason="Case 12")
    member_set_standing(actor=carol, member=bob.member, status="active", reason="Appeal upheld")
    other = f.make_member("Ola Other", tree["northtown"], status=Member.Status.SUSPENDED)
    result = import_text(
        HEADER + row(bob.member, "Bob Baker", "suspended") + row(other, "Ola Other", "active")
    )
    bob.member.refresh_from_db()
    other.refresh_from_db()
    assert bob.member.status == Member.Status.ACTIVE  # the reinstatement stands
    assert other.status == Member.Status.ACTIVE  # no decision: the roll's source decides
    assert [note.line for note in result.plan.kept] == [2]


def test_once_the_status_has_moved_on_the_decision_no_longer_holds_it(carol, alice, bob):
    member_set_standing(actor=carol, member=bob.member, status="active", reason="Reinstated")
    member_update(alice, bob.member, status=Member.Status.LAPSED)  # an ordinary lapse
    result = import_text(HEADER + row(bob.member, "Bob Baker", "active"))
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.ACTIVE and not result.plan.kept


def test_the_preview_and_the_command_report_the_kept_status(client, carol, bob, tmp_path):
    member_set_standing(actor=carol, member=bob.member, status="suspended", reason="Case 12")
    content = (HEADER + row(bob.member, "Bob Baker", "active")).encode()
    client.force_login(carol)
    client.post(reverse("members:import"), {"file": SimpleUploadedFile("roll.csv", content)})
    form = client.get(reverse("members:import_columns")).context["form"]
    client.post(reverse("members:import_columns"), {n: form[n].value() or "" for n in form.fields})
    page = client.get(reverse("members:import_preview")).content.decode()
    assert "Statuses kept" in page and f"status kept: set by a decision on {today()}" in page
    done = client.post(reverse("members:import_preview"), follow=True).content.decode()
    assert "1 status kept: set by a decision." in done

    path = tmp_path / "roll.csv"
    path.write_bytes(content)
    out = StringIO()
    call_command("import_members", str(path), stdout=out, stderr=StringIO())
    assert f"{path}:2: status kept: set by a decision on {today()}" in out.getvalue()
    bob.member.refresh_from_db()
    assert bob.member.status == Member.Status.SUSPENDED
