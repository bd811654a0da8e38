"""Which column of the file holds which of plenary's fields: guessed from the header,
chosen by the person importing, and checked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from plenary.web.organisation.models import Organisation


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


def branch_label() -> str:
    return Organisation.current().branch_label
