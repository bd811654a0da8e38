"""Exporting the roll as CSV for officers.

The columns are the ones the import reads, so an export can be edited and imported back.
Self-identification is never exported: it exists only to apply reserved seats and gender
balance in counts (DOMAIN.md), and an officer's spreadsheet is no place for it.

Every export goes through `members_export`, which writes what was exported (branch, statuses,
how many rows) to the audit log, never the data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from django.db.models import QuerySet

from plenary.web.audit.log import Actor, audit_record
from plenary.web.core.csv import csv_lines as _csv_lines
from plenary.web.core.csv import neutralise
from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit

EXPORT_HEADER = [
    "Membership number",
    "Name",
    "Email",
    "Branch",
    "Branch slug",
    "Status",
    "Joined on",
    "Paid until",
]
# Only these model fields are read: the export cannot leak anything it does not name.
_EXPORT_VALUES = [
    "membership_number",
    "name",
    "email",
    "branch__name",
    "branch__slug",
    "status",
    "joined_on",
    "paid_until",
]


def members_for_export(
    *, branches: QuerySet[Unit], branch: Unit | None = None, statuses: Sequence[str] = ()
) -> QuerySet[Member]:
    """Members of the given branches (those the officer may see), optionally narrowed to
    one branch and some statuses, in membership-number order."""
    members = Member.objects.filter(branch__in=branches)
    if branch is not None:
        members = members.filter(branch=branch)
    if statuses:
        members = members.filter(status__in=statuses)
    return members.order_by("membership_number")


def members_export(
    *,
    actor: Actor,
    branches: QuerySet[Unit],
    branch: Unit | None = None,
    statuses: Sequence[str] = (),
) -> QuerySet[Member]:
    """The members to export (as `members_for_export`), with the export logged: which branch
    (none: every branch the actor may export), which statuses (none: all) and how many rows
    there were when it began."""
    members = members_for_export(branches=branches, branch=branch, statuses=statuses)
    audit_record(
        actor=actor,
        action="members.export",
        target="roll" if branch is None else f"roll/branch:{branch.slug}",
        branch=branch.slug if branch is not None else None,
        statuses=sorted(statuses),
        rows=members.count(),
    )
    return members


def export_rows(members: QuerySet[Member]) -> Iterator[list[str]]:
    yield EXPORT_HEADER
    for values in members.values_list(*_EXPORT_VALUES).iterator(chunk_size=2000):
        yield [_cell(value) for value in values]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    # The spreadsheet-friendly line ending the export always had.
    return _csv_lines(rows, lineterminator="\r\n")


def export_filename(branch: Unit | None, today: date) -> str:
    scope = branch.slug if branch is not None else "all"
    return f"members-{scope}-{today.isoformat()}.csv"
