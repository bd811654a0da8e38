"""Exporting the roll as CSV: who may export what, the content, and no self-identification."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.web.members.csv.export import EXPORT_HEADER
from plenary.web.members.models import Member
from plenary.web.members.services import self_identification_save
from tests.web import factories as f
from tests.web.members.csv_helpers import import_text

pytestmark = pytest.mark.django_db


def download(client, **params: str) -> list[list[str]]:
    response = client.get(reverse("members:export"), {"download": "1", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def names(rows: list[list[str]]) -> set[str]:
    return {row[1] for row in rows[1:]}


@pytest.mark.parametrize("persona", ["bob", "dave"])
def test_ordinary_members_cannot_export(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("members:export")).status_code == 403
    assert client.get(reverse("members:export"), {"download": "1"}).status_code == 403


def test_a_branch_secretary_exports_her_branch_only(client, alice, bob, dave):
    client.force_login(alice)
    rows = download(client)
    assert rows[0] == EXPORT_HEADER
    assert names(rows) == {"Alice Archer", "Bob Baker"}
    refused = client.get(reverse("members:export"), {"download": "1", "branch": "southtown"})
    assert refused.status_code == 200  # the form again, with the error beside the field
    assert "Select a valid choice" in refused.context["form"].errors["branch"][0]


def test_the_national_membership_secretary_exports_everyone_and_can_filter(
    client, carol, alice, bob, dave, tree
):
    f.make_member("Lapsed Larry", tree["southtown"], status=Member.Status.LAPSED)
    client.force_login(carol)
    everyone = download(client)
    south = {"Carol Clark", "Dave Dunn", "Lapsed Larry"}
    assert names(everyone) == {"Alice Archer", "Bob Baker", *south}
    assert names(download(client, branch="southtown")) == south
    assert names(download(client, branch="southtown", status="lapsed")) == {"Lapsed Larry"}


def test_a_row_holds_the_members_fields_in_the_import_columns(client, carol, bob):
    client.force_login(carol)
    member = bob.member
    row = next(r for r in download(client) if r[1] == "Bob Baker")
    assert row == [
        member.membership_number,
        "Bob Baker",
        member.email,
        "Northtown",
        "northtown",
        "active",
        "2020-01-01",
        member.paid_until.isoformat(),
    ]


def test_the_export_never_includes_self_identification(client, carol, bob):
    self_identification_save(
        member=bob.member, consent=True, gender="genderqueer", lgbt=True, disabled=True
    )
    client.force_login(carol)
    text = "\n".join(",".join(row) for row in download(client)).lower()
    for word in ["genderqueer", "lgbt", "disab", "woman", "bame", "youth", "consent", "gender"]:
        assert word not in text


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, carol, tree):
    f.make_member('=HYPERLINK("http://x")', tree["northtown"], email="")
    client.force_login(carol)
    assert '\'=HYPERLINK("http://x")' in names(download(client))


def test_an_export_imported_back_changes_nothing(client, carol, alice, bob, dave):
    client.force_login(carol)
    rows = download(client)
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    result = import_text(buffer.getvalue())
    assert result.applied
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)


@pytest.mark.parametrize("name", ["=cmd", '=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"])
def test_a_neutralised_name_imports_back_exactly(client, carol, tree, name):
    member = f.make_member(name, tree["northtown"], email="")
    client.force_login(carol)
    rows = download(client)
    assert f"'{name}" in names(rows)
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    assert import_text(buffer.getvalue()).applied
    member.refresh_from_db()
    assert member.name == name


def test_the_export_command_writes_the_whole_roll_or_a_filtered_part(tmp_path, bob, dave):
    out = StringIO()
    call_command("export_members", stdout=out)
    assert names(list(csv.reader(StringIO(out.getvalue())))) == {"Bob Baker", "Dave Dunn"}
    path = tmp_path / "south.csv"
    call_command("export_members", "--branch", "southtown", "--status", "active", "-o", str(path))
    rows = list(csv.reader(StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == EXPORT_HEADER and names(rows) == {"Dave Dunn"}
    with pytest.raises(CommandError, match="no branch with the slug 'atlantis'"):
        call_command("export_members", "--branch", "atlantis", stdout=StringIO())


def test_the_export_reads_the_roll_in_a_fixed_number_of_queries(client, carol, tree):
    """However many members there are: no query per member (branch names come by a join)."""
    client.force_login(carol)

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            download(client)
        return len(queries)

    queries_for_export()  # the first request also creates the Organisation row
    few = queries_for_export()
    for index in range(30):
        f.make_member(f"Extra Member{index}", tree["southtown" if index % 2 else "northtown"])
    assert queries_for_export() == few
