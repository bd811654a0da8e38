"""Planning an import: which rows create a member, which update one and which change nothing,
read against the roll in chunks before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils import timezone

from plenary.web.members.csv.decoding import NO_ROWS, CsvTable
from plenary.web.members.csv.mapping import ColumnMapping, Field, mapping_problems
from plenary.web.members.csv.rows import BranchDirectory, DateOrder, MemberRow, RowChecker, RowError
from plenary.web.members.models import Member
from plenary.web.members.services import latest_decisions

# SQLite allows a limited number of query parameters; look members up in chunks.
LOOKUP_CHUNK = 500


class Action(StrEnum):
    CREATE = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowNote:
    """Something the import does differently from what the row says, and why."""

    line: int
    note: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.note}"


@dataclass
class ImportPlan:
    rows: list[MemberRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    to_create: list[Member] = field(default_factory=list)
    # Members to update, by the model field that changes: each field is written only for
    # the members whose value changed (bulk_update's cost grows with the cells it sets).
    changed: dict[str, list[Member]] = field(default_factory=dict)
    # Rows whose status the import leaves as it is: set by a decision on standing.
    kept: list[RowNote] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for each in self.actions if each == action)

    def preview(self, limit: int = 10) -> list[tuple[Action, MemberRow]]:
        """The first rows with what will happen to each (nothing while any row is bad)."""
        if not self.is_valid:
            return []
        return list(zip(self.actions[:limit], self.rows[:limit], strict=True))


def plan_member_import(
    *, table: CsvTable, mapping: ColumnMapping, date_order: DateOrder = DateOrder.DAY_FIRST
) -> ImportPlan:
    """Check every row and work out what the import would do, without writing anything."""
    plan = ImportPlan()
    problems = mapping_problems(mapping)
    if problems:
        plan.errors = [RowError(1, problem) for problem in problems.values()]
        return plan
    checker = RowChecker(mapping, BranchDirectory.load(), date_order)
    first_line: dict[str, int] = {}
    for line, record in table.rows:
        result = checker.check(line, record)
        reasons = result if isinstance(result, list) else []
        number = checker.cell(record, Field.MEMBERSHIP_NUMBER)
        if number in first_line:
            reasons.append(
                f"duplicate membership number {number!r} (first on line {first_line[number]})"
            )
        elif number:
            first_line[number] = line
        if reasons:
            plan.errors.extend(RowError(line, reason) for reason in reasons)
        elif isinstance(result, MemberRow):
            plan.rows.append(result)
    if table.read_error:
        plan.errors.append(RowError(*table.read_error))
    if not table.rows and not plan.errors:
        plan.errors.append(RowError(1, NO_ROWS))
    if not plan.errors:
        _plan_writes(plan, mapping)
    return plan


# What an import may change, as stored; members are fetched as plain values and only the
# changed ones become model instances (instantiating 100,000 unchanged members is slow).
_STORED_FIELDS = [
    "id",
    "membership_number",
    "name",
    "branch_id",
    "email",
    "status",
    "joined_on",
    "paid_until",
]


def _existing_members(numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    existing: dict[str, dict[str, Any]] = {}
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        for values in Member.objects.filter(membership_number__in=chunk).values(*_STORED_FIELDS):
            existing[values["membership_number"]] = values
    return existing


def _plan_writes(plan: ImportPlan, mapping: ColumnMapping) -> None:
    existing = _existing_members([row.membership_number for row in plan.rows])
    optional = [f for f in ("email", "status", "joined_on", "paid_until") if Field(f) in mapping]
    decisions = latest_decisions() if "status" in optional else {}
    today = timezone.localdate()
    for row in plan.rows:
        stored = existing.get(row.membership_number)
        if stored is None:
            plan.to_create.append(_new_member(row, today))
            plan.actions.append(Action.CREATE)
            continue
        changes = _changes(stored, row, optional)
        decided = decisions.get(stored["id"])
        if "status" in changes and decided is not None and decided[0] == stored["status"]:
            # Only another decision changes a status a decision set (decision 0021): the
            # membership system the file comes from does not know of it.
            del changes["status"]
            on = timezone.localtime(decided[1]).date()
            plan.kept.append(RowNote(row.line, f"status kept: set by a decision on {on:%-d %B %Y}"))
        if changes:
            member = Member(**{**stored, **changes})
            for attribute in changes:
                plan.changed.setdefault(attribute.removesuffix("_id"), []).append(member)
            plan.actions.append(Action.UPDATE)
        else:
            plan.actions.append(Action.UNCHANGED)


def _new_member(row: MemberRow, today: date) -> Member:
    return Member(
        membership_number=row.membership_number,
        name=row.name,
        branch_id=row.branch.pk,
        email=row.email or "",
        status=row.status or Member.Status.ACTIVE,
        joined_on=row.joined_on or today,
        paid_until=row.paid_until,
    )


def _changes(stored: dict[str, Any], row: MemberRow, optional: list[str]) -> dict[str, Any]:
    """The row's values that differ from the stored ones. Blank optional cells leave the
    stored value alone."""
    values: dict[str, Any] = {"name": row.name, "branch_id": row.branch.pk}
    values.update({name: getattr(row, name) for name in optional if getattr(row, name) is not None})
    return {name: value for name, value in values.items() if stored[name] != value}
