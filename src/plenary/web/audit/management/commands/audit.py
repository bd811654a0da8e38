"""`plenary audit verify [--head LINE | --head-file FILE]`: recompute the audit log's hash
chain and, given a head the operator kept, check the log still holds it.

`plenary audit head`: print the log's signed head as one line, for the operator to keep
somewhere the database's keepers cannot reach (docs/audit.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plenary.web.audit.log import BadHead, SignedHead, audit_verify, parse_signed_head, signed_head


class Command(BaseCommand):
    help = (
        "The audit log. `verify` recomputes the hash chain and names the first broken entry "
        "(with --head, also checks the log still holds a head you kept); `head` prints the "
        "signed head to keep elsewhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        verify = subcommands.add_parser(
            "verify", help="Recompute the hash chain; exit 1 if it is broken."
        )
        kept = verify.add_mutually_exclusive_group()
        kept.add_argument(
            "--head",
            metavar="LINE",
            help="a line `plenary audit head` printed earlier: fail if the log no longer holds it",
        )
        kept.add_argument(
            "--head-file",
            metavar="FILE",
            help="a file whose last non-empty line is such a head",
        )
        subcommands.add_parser(
            "head", help="Print the signed head (count, last sequence, head hash, signature)."
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "head":
            self._head()
        else:
            self._verify(self._kept_head(options))

    def _kept_head(self, options: dict[str, Any]) -> SignedHead | None:
        line = options.get("head")
        if path := options.get("head_file"):
            try:
                lines = [text for text in Path(path).read_text().splitlines() if text.strip()]
            except OSError as error:
                raise CommandError(f"{path}: cannot read: {error.strerror}") from None
            if not lines:
                raise CommandError(f"{path}: holds no head")
            line = lines[-1]
        if line is None:
            return None
        try:
            return parse_signed_head(line)
        except BadHead as error:
            raise CommandError(f"REFUSED: {error}.") from None

    def _verify(self, head: SignedHead | None) -> None:
        report = audit_verify(head=head)
        if report.broken_sequence is not None:
            raise CommandError(
                f"BROKEN at entry #{report.broken_sequence}: {report.reason}. "
                f"{report.count} entries before it verify."
            )
        if report.head_problem:
            raise CommandError(f"TRUNCATED OR REWRITTEN: {report.head_problem}")
        held = f"; it holds the head you kept (count={head.count})" if head else ""
        self.stdout.write(f"OK: {report.count} entries verify; head hash {report.head_hash}{held}")

    def _head(self) -> None:
        report = audit_verify()
        if not report.ok:
            raise CommandError(
                f"BROKEN at entry #{report.broken_sequence}: {report.reason}. "
                "A broken log's head is not signed; run `plenary audit verify`."
            )
        self.stdout.write(signed_head(report).line())
