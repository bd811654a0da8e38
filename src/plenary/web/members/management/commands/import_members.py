"""plenary import_members FILE [--map number=Membership No,name=Full name,...] [--dry-run]

Imports a membership list from CSV, all or nothing. Problems are printed as FILE:LINE: reason
on stderr and the command exits 1 with nothing applied. An applied import is written to the
audit log as one entry (the file's name and the counts)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from plenary.web.members.csv.decoding import (
    MAX_FILE_BYTES,
    TOO_BIG,
    CsvTable,
    ImportFileError,
    decode_csv_bytes,
    read_csv_table,
)
from plenary.web.members.csv.mapping import (
    FIELD_LABELS,
    ColumnMapping,
    branch_label,
    guess_mapping,
    mapping_from_names,
    mapping_problems,
)
from plenary.web.members.csv.rows import DateOrder, iter_error_lines
from plenary.web.members.csv.services import members_import

COMMAND_ACTOR = "plenary import_members (command line)"


class Refused(Exception):
    """The import cannot go ahead: `lines` (FILE:LINE: reason) say why."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = lines


class Command(BaseCommand):
    help = "Import members from a CSV file (all or nothing). Members absent from it are left alone."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the CSV file")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN,...",
            help="which column holds which field, e.g. number=Membership No,name=Full name "
            "(fields: number, name, first, last, email, branch, status, joined, paid_until); "
            "fields not given are guessed from the header",
        )
        parser.add_argument(
            "--date-order",
            choices=[order.value for order in DateOrder],
            default=DateOrder.DAY_FIRST.value,
            help="how dates like 03/04/2024 are written (default: day_first)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and report; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._import(options["file"], options)
        except Refused as refused:
            for line in refused.lines:
                self.stderr.write(line)
            raise CommandError("nothing was imported.") from None

    def _import(self, filename: str, options: dict[str, Any]) -> None:
        table = self._read(filename)
        mapping = self._mapping(filename, table, options["map"])
        if problems := mapping_problems(mapping):
            raise Refused(*(f"{filename}:1: {FIELD_LABELS[f]}: {p}" for f, p in problems.items()))
        if options["verbosity"] >= 2:
            for field_, column in mapping.items():
                self.stdout.write(f"{FIELD_LABELS[field_]} <- {table.header[column]!r}")
        result = members_import(
            table=table,
            mapping=mapping,
            actor=COMMAND_ACTOR,
            source=Path(filename).name,
            date_order=DateOrder(options["date_order"]),
            dry_run=options["dry_run"],
        )
        if not result.plan.is_valid:
            raise Refused(*iter_error_lines(result.plan.errors, filename))
        verb = "would import" if options["dry_run"] else "imported"
        self.stdout.write(
            f"{filename}: {verb} {len(result.plan.rows)} members: {result.created} new, "
            f"{result.updated} updated, {result.unchanged} unchanged."
        )
        for note in result.plan.kept:
            self.stdout.write(f"{filename}:{note.line}: {note.note}")

    def _read(self, filename: str) -> CsvTable:
        path = Path(filename)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise Refused(f"{filename}: {TOO_BIG}")
            return read_csv_table(decode_csv_bytes(path.read_bytes()))
        except OSError as error:
            raise Refused(f"{filename}: cannot read: {error.strerror}") from None
        except ImportFileError as error:
            raise Refused(f"{filename}: {error}") from None

    def _mapping(self, filename: str, table: CsvTable, given: list[str]) -> ColumnMapping:
        names: dict[str, str] = {}
        for item in ",".join(given).split(","):
            if not item.strip():
                continue
            key, equals, header_name = item.partition("=")
            if not equals:
                raise Refused(f"--map: expected FIELD=COLUMN, got {item!r}")
            names[key.strip()] = header_name.strip()
        try:
            chosen = mapping_from_names(table.header, names)
        except ValueError as error:
            raise Refused(f"{filename}:1: --map: {error}") from None
        guessed = guess_mapping(table.header, branch_label=branch_label())
        # Guesses fill only fields not given, from columns not already chosen.
        for field_, column in guessed.items():
            if field_ not in chosen and column not in chosen.values():
                chosen[field_] = column
        return chosen
