"""Checking each row of the file against the rules of the roll, with lookups (branches)
fetched once; every bad row is reported as `FILE:LINE: reason`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models

from plenary.web.core.csv import unneutralise
from plenary.web.members.csv.mapping import FIELD_LABELS, ColumnMapping, Field
from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit


class DateOrder(StrEnum):
    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"


DATE_ORDER_FORMATS = {
    DateOrder.DAY_FIRST: "YYYY-MM-DD, DD/MM/YYYY (also with - or .), or 31 Dec 2024",
    DateOrder.MONTH_FIRST: "YYYY-MM-DD, MM/DD/YYYY (also with - or .), or 31 Dec 2024",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")


def parse_date(value: str, order: DateOrder) -> date:
    """A date as other systems write it; ValueError with the reason (and the formats
    accepted) when it is bad or ambiguous."""
    accepted = f"accepted formats: {DATE_ORDER_FORMATS[order]}"
    if match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
        if (parsed := _make_date(year, month, day)) is None:
            raise ValueError(f"bad date {value!r}: no such day; {accepted}")
        return parsed
    if match := _NUMERIC_DATE.match(value):
        first, second, year_text = match.groups()
        if len(year_text) == 2:
            raise ValueError(f"ambiguous date {value!r}: write the year in full; {accepted}")
        day_text, month_text = (first, second) if order == DateOrder.DAY_FIRST else (second, first)
        parsed = _make_date(int(year_text), int(month_text), int(day_text))
        if parsed is None:
            hint = _other_order_hint(int(first), int(second), order)
            raise ValueError(f"bad date {value!r}: no such day{hint}; {accepted}")
        return parsed
    for pattern in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            pass
    raise ValueError(f"bad date {value!r}; {accepted}")


def _other_order_hint(first: int, second: int, order: DateOrder) -> str:
    """When a date is impossible one way round but fine the other, say so."""
    other = DateOrder.MONTH_FIRST if order == DateOrder.DAY_FIRST else DateOrder.DAY_FIRST
    day, month = (first, second) if other == DateOrder.DAY_FIRST else (second, first)
    if _make_date(2000, month, day) is None:  # 2000: a leap year, so 29/02 counts
        return ""
    return f" (are the dates {other.value.replace('_', ' ')}?)"


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


STATUS_WORDS: dict[str, str] = {
    **{value: value for value in Member.Status.values},
    **{str(label).lower(): value for value, label in Member.Status.choices},
}

_email_validator = EmailValidator()


def _max_length(field: models.Field[Any, Any]) -> int:
    assert field.max_length is not None, f"{field} has a max_length"
    return field.max_length


_MAX_LENGTHS = {
    Field.MEMBERSHIP_NUMBER: _max_length(Member._meta.get_field("membership_number")),
    Field.NAME: _max_length(Member._meta.get_field("name")),
    Field.EMAIL: _max_length(Member._meta.get_field("email")),
}


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class MemberRow:
    """One row as it will be stored. None in an optional field means the cell was blank:
    an existing member keeps what is stored, a new member gets the default."""

    line: int
    membership_number: str
    name: str
    branch: Unit
    email: str | None = None
    status: str | None = None
    joined_on: date | None = None
    paid_until: date | None = None


class BranchDirectory:
    """Branches by name or slug, case-insensitively, fetched once."""

    def __init__(self, branches: Iterable[Unit]) -> None:
        self._by_key: dict[str, list[Unit]] = {}
        for branch in branches:
            for key in {branch.slug.lower(), " ".join(branch.name.lower().split())}:
                self._by_key.setdefault(key, []).append(branch)

    @classmethod
    def load(cls) -> BranchDirectory:
        return cls(Unit.objects.filter(kind=Unit.Kind.BRANCH))

    def find(self, value: str) -> Unit:
        matches = {unit.pk: unit for unit in self._by_key.get(" ".join(value.lower().split()), [])}
        if not matches:
            raise ValueError(f"unknown branch {value!r}")
        if len(matches) > 1:
            raise ValueError(f"branch {value!r} matches more than one branch; use its slug")
        return next(iter(matches.values()))


class RowChecker:
    """Turns one CSV row into a MemberRow, or the list of what is wrong with it."""

    def __init__(self, mapping: ColumnMapping, branches: BranchDirectory, order: DateOrder):
        self.mapping = mapping
        self.branches = branches
        self.order = order

    def cell(self, record: list[str], field_: Field) -> str:
        column = self.mapping.get(field_)
        if column is None or column >= len(record):
            return ""
        # An exported cell was neutralised against formulas; read back what was exported.
        return unneutralise(record[column].strip())

    def check(self, line: int, record: list[str]) -> MemberRow | list[str]:
        reasons: list[str] = []
        number = self._required(record, Field.MEMBERSHIP_NUMBER, reasons)
        name = self._name(record, reasons)
        branch = self._branch(record, reasons)
        email = self._email(record, reasons)
        status = self._status(record, reasons)
        joined_on = self._date(record, Field.JOINED_ON, reasons)
        paid_until = self._date(record, Field.PAID_UNTIL, reasons)
        if reasons or branch is None:
            return reasons
        return MemberRow(line, number, name, branch, email, status, joined_on, paid_until)

    def _required(self, record: list[str], field_: Field, reasons: list[str]) -> str:
        return self._present_and_short(field_, self.cell(record, field_), reasons)

    def _name(self, record: list[str], reasons: list[str]) -> str:
        if Field.NAME in self.mapping:
            return self._required(record, Field.NAME, reasons)
        parts = [self.cell(record, Field.FIRST_NAME), self.cell(record, Field.LAST_NAME)]
        return self._present_and_short(Field.NAME, " ".join(p for p in parts if p), reasons)

    @staticmethod
    def _present_and_short(field_: Field, value: str, reasons: list[str]) -> str:
        label = FIELD_LABELS[field_].lower()
        if not value:
            reasons.append(f"missing {label}")
        elif len(value) > _MAX_LENGTHS[field_]:
            reasons.append(f"{label} is longer than {_MAX_LENGTHS[field_]} characters")
        return value

    def _branch(self, record: list[str], reasons: list[str]) -> Unit | None:
        value = self.cell(record, Field.BRANCH)
        if not value:
            reasons.append("missing branch")
            return None
        try:
            return self.branches.find(value)
        except ValueError as error:
            reasons.append(str(error))
            return None

    def _email(self, record: list[str], reasons: list[str]) -> str | None:
        value = self.cell(record, Field.EMAIL)
        if not value:
            return None
        try:
            _email_validator(value)
        except ValidationError:
            reasons.append(f"bad email {value!r}")
            return None
        if len(value) > _MAX_LENGTHS[Field.EMAIL]:
            reasons.append(f"email is longer than {_MAX_LENGTHS[Field.EMAIL]} characters")
        return value

    def _status(self, record: list[str], reasons: list[str]) -> str | None:
        value = self.cell(record, Field.STATUS)
        if not value:
            return None
        status = STATUS_WORDS.get(value.lower())
        if status is None:
            accepted = ", ".join(Member.Status.values)
            reasons.append(f"unknown status {value!r} (accepted: {accepted})")
        return status

    def _date(self, record: list[str], field_: Field, reasons: list[str]) -> date | None:
        value = self.cell(record, field_)
        if not value:
            return None
        try:
            return parse_date(value, self.order)
        except ValueError as error:
            reasons.append(f"{FIELD_LABELS[field_].lower()}: {error}")
            return None


def iter_error_lines(errors: Iterable[RowError], filename: str) -> Iterator[str]:
    """Errors as `FILE:LINE: reason`, the form editors and compilers use."""
    for error in sorted(errors, key=lambda each: each.line):
        yield f"{filename}:{error.line}: {error.reason}"
