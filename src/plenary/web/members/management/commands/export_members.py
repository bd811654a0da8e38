"""plenary export_members [--branch SLUG] [--status STATUS ...] [--output FILE]

Writes the roll as CSV (the columns the import reads), without self-identification. Each
export is written to the audit log (branch, statuses, row count; never the data)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from plenary.web.members.csv import export as csv_export
from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit

COMMAND_ACTOR = "plenary export_members (command line)"


class Command(BaseCommand):
    help = "Export members as CSV (never any self-identification)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--branch", help="only this branch (its slug)")
        parser.add_argument(
            "--status",
            action="append",
            choices=Member.Status.values,
            default=[],
            help="only members with this status (repeatable)",
        )
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        branches = Unit.objects.filter(kind=Unit.Kind.BRANCH)
        branch = None
        if options["branch"]:
            branch = branches.filter(slug=options["branch"]).first()
            if branch is None:
                raise CommandError(f"no branch with the slug {options['branch']!r}")
        members = csv_export.members_export(
            actor=COMMAND_ACTOR, branches=branches, branch=branch, statuses=options["status"]
        )
        lines = csv_export.csv_lines(csv_export.export_rows(members))
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8", newline="") as file:
                    file.writelines(lines)
            except OSError as error:
                raise CommandError(f"{options['output']}: {error.strerror}") from None
        else:
            for line in lines:
                self.stdout.write(line, ending="")
