"""Applying a member import (docs/decisions/0003-member-import.md).

The import is all or nothing: every row is checked first, and if any row is bad nothing
is applied and every bad row is reported with its line number and the reason. Members are
matched on membership number: a number already on the roll updates that member, a new one
creates a member. Members absent from the file are left alone.

For speed (100,000 rows in well under a minute) rows are checked in Python against lookups
fetched once (branches, existing members), then written with bulk_create/bulk_update in
batches inside one transaction.

An applied import writes one audit entry (who, which file, how many created, updated and
unchanged), never one per row and never the rows' contents. A status set by a decision on
standing is kept whatever the file says (docs/decisions/0021-roll-editing.md), and the plan
lists the rows where that happened."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from plenary.web.audit.log import Actor, audit_record
from plenary.web.members.csv.decoding import CsvTable
from plenary.web.members.csv.mapping import ColumnMapping
from plenary.web.members.csv.plan import Action, ImportPlan, plan_member_import
from plenary.web.members.csv.rows import DateOrder
from plenary.web.members.models import Member

BATCH_SIZE = 1000


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    applied: bool

    @property
    def created(self) -> int:
        return self.plan.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.plan.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.plan.count(Action.UNCHANGED)


def members_import(
    *,
    table: CsvTable,
    mapping: ColumnMapping,
    actor: Actor,
    source: str = "",
    date_order: DateOrder = DateOrder.DAY_FIRST,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row and, if none is bad (and this is not a dry run), apply them all in
    one transaction, logged as one audit entry naming the `source` file. Checking inside the
    transaction means the plan is made against the roll as it is when written, not as it was
    when the file was previewed."""
    with transaction.atomic():
        plan = plan_member_import(table=table, mapping=mapping, date_order=date_order)
        if not plan.is_valid or dry_run:
            return ImportResult(plan=plan, applied=False)
        Member.objects.bulk_create(plan.to_create, batch_size=BATCH_SIZE)
        for model_field, members in plan.changed.items():
            Member.objects.bulk_update(members, [model_field], batch_size=BATCH_SIZE)
        result = ImportResult(plan=plan, applied=True)
        audit_record(
            actor=actor,
            action="members.import",
            target="roll",
            file=source,
            rows=len(plan.rows),
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            # Only when there are some, so entries of imports before decisions read alike.
            **({"status_kept": len(plan.kept)} if plan.kept else {}),
        )
    return result
