"""plenary import_members: exit codes, FILE:LINE: reason messages, --map, --dry-run."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plenary.web.members.csv.decoding import EMPTY_FILE, NOT_TEXT
from plenary.web.members.models import Member
from tests.web.members.csv_helpers import HEADER

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_members", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> list[str]:
    """Run a command that must refuse; the lines it wrote on stderr."""
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_members", *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def write(tmp_path: Path, text: str, name: str = "roll.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_file_is_imported_and_summarised(tmp_path, tree):
    path = write(tmp_path, HEADER + "C1,Cy Clean,,Northtown,,,\nC2,Di Clean,,Southtown,,,\n")
    out, err = run(path)
    assert out.strip() == f"{path}: imported 2 members: 2 new, 0 updated, 0 unchanged."
    assert err == ""
    assert Member.objects.filter(membership_number__in=["C1", "C2"]).count() == 2


def test_bad_rows_are_printed_as_file_line_reason_and_nothing_is_applied(tmp_path, tree):
    path = write(tmp_path, HEADER + "C1,Cy,,Northtown,,,\nC2,Di,x@,Northtown,,,\nC3,Ed,,Mars,,,\n")
    assert refused(path) == [f"{path}:3: bad email 'x@'", f"{path}:4: unknown branch 'Mars'"]
    assert not Member.objects.filter(membership_number="C1").exists()


def test_the_command_line_exits_non_zero_with_messages_on_stderr(tmp_path, tree, settings):
    """Through the real `plenary` entry point, as an operator would run it (SQLite only:
    the child process needs a database file it can open)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs the command in a child process against a fresh SQLite file")
    env = {"PLENARY_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HTTPS": "false"}
    plenary = [sys.executable, "-m", "plenary.cli"]
    subprocess.run([*plenary, "migrate", "-v0"], env=env, check=True)
    path = write(tmp_path, HEADER + "C1,Cy,,Atlantis,,,\n")
    command = [*plenary, "import_members", path]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{path}:2: unknown branch 'Atlantis'",
        "CommandError: nothing was imported.",
    ]
    assert "Traceback" not in done.stderr


def test_errors_come_out_on_stderr_in_line_order(tmp_path, tree):
    path = write(tmp_path, HEADER + "C1,,,Northtown,,,\nC1,Di,,Northtown,,soon,\n")
    assert refused(path) == [
        f"{path}:2: missing name",
        f"{path}:3: joined on: bad date 'soon'; accepted formats: YYYY-MM-DD, DD/MM/YYYY "
        "(also with - or .), or 31 Dec 2024",
        f"{path}:3: duplicate membership number 'C1' (first on line 2)",
    ]


def test_columns_can_be_mapped_by_name_on_the_command_line(tmp_path, tree):
    path = write(tmp_path, "Ref,Who,Where\nR1,Rae Ref,northtown\n")
    out, _ = run(path, "--map", "number=Ref,name=Who", "--map", "branch=Where")
    assert "1 new" in out
    assert Member.objects.get(membership_number="R1").name == "Rae Ref"


def test_a_mapping_naming_a_missing_column_or_field_is_refused(tmp_path, tree):
    path = write(tmp_path, "Ref,Who,Where\nR1,Rae Ref,northtown\n")
    assert refused(path, "--map", "number=Ref,name=Nom,branch=Where") == [
        f"{path}:1: --map: no column called 'Nom' (columns: Ref, Who, Where)"
    ]
    assert refused(path, "--map", "colour=Ref")[0].startswith(
        f"{path}:1: --map: unknown field 'colour' (fields: membership_number, name,"
    )
    assert refused(path, "--map", "number") == ["--map: expected FIELD=COLUMN, got 'number'"]
    assert refused(path, "--map", "number=Ref,name=Who,branch=Who") == [
        f"{path}:1: Branch: That column is already chosen for Name."
    ]
    assert refused(write(tmp_path, "Ref,Who\nR1,Rae\n")) == [
        f"{path}:1: Branch: Choose the column that holds the branch.",
        f"{path}:1: Name: Choose the column with the name, or the first and last name columns.",
    ]


def test_a_dry_run_changes_nothing(tmp_path, tree):
    path = write(tmp_path, HEADER + "C1,Cy,,Northtown,,,\n")
    out, _ = run(path, "--dry-run")
    assert "would import 1 members: 1 new" in out
    assert not Member.objects.filter(membership_number="C1").exists()


def test_unreadable_files_are_named_in_the_error(tmp_path, tree):
    missing = str(tmp_path / "nothere.csv")
    assert refused(missing) == [f"{missing}: cannot read: No such file or directory"]
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)))
    assert refused(str(junk)) == [f"{junk}: {NOT_TEXT}"]
    empty = write(tmp_path, "", "empty.csv")
    assert refused(empty) == [f"{empty}: {EMPTY_FILE}"]
