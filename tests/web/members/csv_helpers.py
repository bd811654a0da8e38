"""Small helpers shared by the CSV import and export tests."""

from __future__ import annotations

from plenary.web.members.csv.decoding import CsvTable, decode_csv_bytes, read_csv_table
from plenary.web.members.csv.mapping import guess_mapping
from plenary.web.members.csv.rows import DateOrder
from plenary.web.members.csv.services import ImportResult, members_import

HEADER = "Membership number,Name,Email,Branch,Status,Joined on,Paid until\n"


def table_of(text: str, encoding: str = "utf-8") -> CsvTable:
    return read_csv_table(decode_csv_bytes(text.encode(encoding)))


def import_text(
    text: str, *, dry_run: bool = False, date_order: DateOrder = DateOrder.DAY_FIRST
) -> ImportResult:
    """Import CSV text with the mapping guessed from its header."""
    table = table_of(text)
    return members_import(
        table=table,
        mapping=guess_mapping(table.header),
        actor="test",
        date_order=date_order,
        dry_run=dry_run,
    )


def reasons(result: ImportResult) -> list[tuple[int, str]]:
    return [(error.line, error.reason) for error in result.plan.errors]
