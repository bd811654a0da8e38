"""`plenary audit verify`: recompute the audit log's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plenary.web.audit.log import audit_verify


class Command(BaseCommand):
    help = "The audit log. `verify` recomputes the hash chain and names the first broken entry."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        subcommands.add_parser("verify", help="Recompute the hash chain; exit 1 if it is broken.")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        report = audit_verify()
        if not report.ok:
            raise CommandError(
                f"BROKEN at entry #{report.broken_sequence}: {report.reason}. "
                f"{report.count} entries before it verify."
            )
        self.stdout.write(f"OK: {report.count} entries verify; head hash {report.head_hash}")
