"""Importing a membership list exported from another system (a CSV file).

The import is all or nothing: every row is checked first, and if any row is bad nothing
is applied and every bad row is reported with its line number and the reason. Members are
matched on membership number: a number already on the roll updates that member, a new one
creates a member. Members absent from the file are left alone (docs/decisions/0003).

For speed (100,000 rows in well under a minute) rows are checked in Python against lookups
fetched once (branches, existing members), then written with bulk_create/bulk_update in
batches inside one transaction.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone

from plenary.web.core.csv import unneutralise
from plenary.web.members.models import Member
from plenary.web.organisation.models import Organisation, Unit

MAX_FILE_BYTES = 50 * 1024 * 1024
BATCH_SIZE = 1000
# SQLite allows a limited number of query parameters; look members up in chunks.
LOOKUP_CHUNK = 500

# Error messages (tests import these rather than repeating the text).
EMPTY_FILE = "The file is empty."
NOT_TEXT = "This is not a CSV file: it contains binary data. Export the list as CSV and try again."
TOO_BIG = f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."
NO_HEADER = "The file has no header row: its first line must name the columns."
NO_ROWS = "The file has a header row but no members under it."
UPLOAD_EXPIRED = "The uploaded file is no longer on the server; upload it again."


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a per-row problem)."""


# --- Reading the file --------------------------------------------------------------------


def decode_csv_bytes(data: bytes) -> str:
    """Text of an uploaded file in any common encoding: UTF-8 (with or without a byte-order
    mark), UTF-16 with a byte-order mark (Excel's "Unicode text"), or Windows-1252/Latin-1."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(TOO_BIG)
    if not data.strip():
        raise ImportFileError(EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_none(data, "utf-16")
    else:
        text = _decode_or_none(data, "utf-8-sig")
        if text is None:
            # Every byte means something in Latin-1, so this is the last resort.
            text = _decode_or_none(data, "cp1252") or data.decode("latin-1")
    # Old DOS-era exports may end with Ctrl-Z; anything else of the kind is binary data.
    text = text.rstrip("\x1a") if text is not None else None
    if text is None or _CONTROL_CHARACTERS.search(text):
        raise ImportFileError(NOT_TEXT)
    if not text.strip():
        raise ImportFileError(EMPTY_FILE)
    return text


# Control characters never found in a text export; NUL in particular means binary data.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (outside quotes).
    Spreadsheets in many European locales write semicolons."""
    header = next((line for line in text[:65536].splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read into its header and its rows, each row with the line it starts on."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    # A problem that stopped reading part-way (an unterminated quote, say): (line, reason).
    read_error: tuple[int, str] | None = None

    def column_labels(self) -> list[str]:
        return [name or f"Column {index + 1}" for index, name in enumerate(self.header)]


def read_csv_table(text: str) -> CsvTable:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    read_error = None
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if header is None:
                    header = [cell.strip() for cell in record]
                else:
                    rows.append((line, record))
            line = reader.line_num + 1
    except csv.Error as error:
        read_error = (line, f"cannot read this line as CSV ({error})")
    if header is None:
        raise ImportFileError(NO_HEADER)
    return CsvTable(header=header, rows=rows, delimiter=delimiter, read_error=read_error)


# --- Mapping columns to plenary's fields ---------------------------------------------------


class Field(StrEnum):
    MEMBERSHIP_NUMBER = "membership_number"
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    BRANCH = "branch"
    STATUS = "status"
    JOINED_ON = "joined_on"
    PAID_UNTIL = "paid_until"


FIELD_LABELS: dict[Field, str] = {
    Field.MEMBERSHIP_NUMBER: "Membership number",
    Field.NAME: "Name",
    Field.FIRST_NAME: "First name",
    Field.LAST_NAME: "Last name",
    Field.EMAIL: "Email",
    Field.BRANCH: "Branch",
    Field.STATUS: "Status",
    Field.JOINED_ON: "Joined on",
    Field.PAID_UNTIL: "Paid until",
}

# Short names accepted by `plenary import_members --map`.
FIELD_ALIASES: dict[str, Field] = {
    **{f.value: f for f in Field},
    "number": Field.MEMBERSHIP_NUMBER,
    "first": Field.FIRST_NAME,
    "last": Field.LAST_NAME,
    "joined": Field.JOINED_ON,
    "paid": Field.PAID_UNTIL,
}

# Header names other systems use, most specific first (compared after normalising).
HEADER_SYNONYMS: dict[Field, list[str]] = {
    Field.MEMBERSHIP_NUMBER: [
        "membership number",
        "membership no",
        "membership num",
        "member number",
        "member no",
        "membership id",
        "member id",
        "membership",
        "number",
        "no",
        "id",
        "ref",
        "reference",
    ],
    Field.NAME: ["name", "full name", "member name", "display name", "fullname"],
    Field.FIRST_NAME: ["first name", "firstname", "forename", "forenames", "given name"],
    Field.LAST_NAME: ["last name", "lastname", "surname", "family name"],
    Field.EMAIL: ["email", "email address", "e mail", "e mail address", "mail"],
    # A slug is unique where a name may not be, so a slug column wins.
    Field.BRANCH: ["branch slug", "branch", "branch name", "local branch", "group", "unit"],
    Field.STATUS: ["status", "membership status", "member status", "state"],
    Field.JOINED_ON: [
        "joined on",
        "joined",
        "join date",
        "date joined",
        "joining date",
        "member since",
        "start date",
        "started",
    ],
    Field.PAID_UNTIL: [
        "paid until",
        "paid up until",
        "paid up to",
        "paid to",
        "paid until date",
        "expires",
        "expiry",
        "expiry date",
        "expires on",
        "renewal date",
        "lapses on",
    ],
}

ColumnMapping = dict[Field, int]


def _normalise_header(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def guess_mapping(header: Sequence[str], *, branch_label: str = "branch") -> ColumnMapping:
    """Best guess of which column holds which field, from the header names; each column is
    used once. The organisation's own word for a branch ("CLP", "group") counts too."""
    normalised = [_normalise_header(name) for name in header]
    synonyms = {**HEADER_SYNONYMS}
    label = _normalise_header(branch_label)
    if label and label != "branch":
        synonyms[Field.BRANCH] = [f"{label} slug", label, *synonyms[Field.BRANCH]]
    mapping: ColumnMapping = {}
    for field_ in Field:
        for synonym in synonyms[field_]:
            if synonym in normalised and normalised.index(synonym) not in mapping.values():
                mapping[field_] = normalised.index(synonym)
                break
    # A full-name column makes separate first and last names redundant.
    if Field.NAME in mapping:
        mapping.pop(Field.FIRST_NAME, None)
        mapping.pop(Field.LAST_NAME, None)
    return mapping


def mapping_problems(mapping: ColumnMapping) -> dict[Field, str]:
    """What is wrong with a mapping, by field: required fields missing, a column used twice."""
    problems: dict[Field, str] = {}
    for required in (Field.MEMBERSHIP_NUMBER, Field.BRANCH):
        if required not in mapping:
            label = FIELD_LABELS[required].lower()
            problems[required] = f"Choose the column that holds the {label}."
    if Field.NAME not in mapping and not {Field.FIRST_NAME, Field.LAST_NAME} & mapping.keys():
        problems[Field.NAME] = (
            "Choose the column with the name, or the first and last name columns."
        )
    seen: dict[int, Field] = {}
    for field_, column in mapping.items():
        if column in seen:
            problems[field_] = f"That column is already chosen for {FIELD_LABELS[seen[column]]}."
        seen.setdefault(column, field_)
    return problems


def mapping_from_names(header: Sequence[str], names: dict[str, str]) -> ColumnMapping:
    """A mapping given as field -> column header name (the command line's --map)."""
    columns = {name.strip().lower(): index for index, name in reversed(list(enumerate(header)))}
    mapping: ColumnMapping = {}
    for key, column_name in names.items():
        field_ = FIELD_ALIASES.get(key.strip().lower())
        if field_ is None:
            raise ValueError(f"unknown field {key!r} (fields: {', '.join(FIELD_ALIASES)})")
        if column_name.strip().lower() not in columns:
            raise ValueError(f"no column called {column_name!r} (columns: {', '.join(header)})")
        mapping[field_] = columns[column_name.strip().lower()]
    return mapping


# --- Checking each row ---------------------------------------------------------------------


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
        day, month = (first, second) if order == DateOrder.DAY_FIRST else (second, first)
        parsed = _make_date(int(year_text), int(month), int(day))
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
_MAX_LENGTHS = {
    Field.MEMBERSHIP_NUMBER: Member._meta.get_field("membership_number").max_length,
    Field.NAME: Member._meta.get_field("name").max_length,
    Field.EMAIL: Member._meta.get_field("email").max_length,
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


# --- Planning and applying the import ------------------------------------------------------


class Action(StrEnum):
    CREATE = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class ImportPlan:
    rows: list[MemberRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    to_create: list[Member] = field(default_factory=list)
    # Members to update, by the model field that changes: each field is written only for
    # the members whose value changed (bulk_update's cost grows with the cells it sets).
    changed: dict[str, list[Member]] = field(default_factory=dict)

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
    today = timezone.localdate()
    for row in plan.rows:
        stored = existing.get(row.membership_number)
        if stored is None:
            plan.to_create.append(_new_member(row, today))
            plan.actions.append(Action.CREATE)
        elif changes := _changes(stored, row, optional):
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
    date_order: DateOrder = DateOrder.DAY_FIRST,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row and, if none is bad (and this is not a dry run), apply them all in
    one transaction. Checking inside the transaction means the plan is made against the
    roll as it is when written, not as it was when the file was previewed."""
    with transaction.atomic():
        plan = plan_member_import(table=table, mapping=mapping, date_order=date_order)
        if not plan.is_valid or dry_run:
            return ImportResult(plan=plan, applied=False)
        Member.objects.bulk_create(plan.to_create, batch_size=BATCH_SIZE)
        for model_field, members in plan.changed.items():
            Member.objects.bulk_update(members, [model_field], batch_size=BATCH_SIZE)
    return ImportResult(plan=plan, applied=True)


def branch_label() -> str:
    return Organisation.current().branch_label


def iter_error_lines(errors: Iterable[RowError], filename: str) -> Iterator[str]:
    """Errors as `FILE:LINE: reason`, the form editors and compilers use."""
    for error in sorted(errors, key=lambda each: each.line):
        yield f"{filename}:{error.line}: {error.reason}"


# --- Keeping an upload between the steps of the web flow -----------------------------------


class UploadStore:
    """Uploaded files wait on the server between the upload, column and preview steps, in
    a private folder under a random token; the browser only ever holds the session cookie.
    Files older than a day are swept away whenever a new one is saved."""

    MAX_AGE_SECONDS = 24 * 60 * 60
    _TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def default(cls) -> UploadStore:
        folder = getattr(settings, "PLENARY_IMPORT_DIR", None) or settings.DATA_DIR / "imports"
        return cls(Path(folder))

    def save(self, data: bytes) -> str:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._sweep()
        token = secrets.token_urlsafe(24)
        descriptor = os.open(self._path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return token

    def load(self, token: str) -> bytes:
        try:
            return self._path(token).read_bytes()
        except (FileNotFoundError, ValueError):
            raise ImportFileError(UPLOAD_EXPIRED) from None

    def delete(self, token: str) -> None:
        try:
            self._path(token).unlink(missing_ok=True)
        except ValueError:
            pass

    def _path(self, token: str) -> Path:
        # The token comes from the session, but check it anyway: it names a file.
        if not self._TOKEN.match(token):
            raise ValueError("not an upload token")
        return self.folder / f"{token}.csv"

    def _sweep(self) -> None:
        cutoff = time.time() - self.MAX_AGE_SECONDS
        for path in self.folder.glob("*.csv"):
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()
