"""SQL written once for the few queries that run on every vote.

Building a query with the ORM costs more CPU than PostgreSQL spends answering it (about
0.8 ms against 0.15 ms for a token lookup with its user and member, measured on the vote
benchmark's machine). A `JoinedSelect` spells out its FROM and WHERE by hand, generates the
column list from the models, and turns the row back into instances with `Model.from_db`, as
the ORM itself does, so the instances behave as any other; `insert_rows` writes rows all or
nothing with each value prepared by its field, as `Model.objects.create` would. Use them only
where a profile says the ORM's query building matters; everywhere else the ORM is clearer.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
from collections.abc import Sequence
from typing import Any, cast

from django.db import connection, models, transaction


def _column(field: models.Field[Any, Any]) -> str:
    # A concrete field always has a column; the stubs type `column` as optional because a
    # field not yet attached to a model has none.
    return cast(str, field.column)


class JoinedSelect:
    """``JoinedSelect({"t": ApiToken, "u": User}, "FROM {t} JOIN {u} ON u.id = t.user_id
    WHERE t.token_hash = %s")``: each alias names a model; ``{alias}`` in the text becomes
    that model's table with the alias. `fetch_one` returns one instance per alias (None for
    an alias whose columns are all NULL, as from a LEFT JOIN that found nothing), or None
    when no row matches."""

    def __init__(self, models_by_alias: dict[str, type[models.Model]], from_where: str) -> None:
        quote = connection.ops.quote_name
        self.models = models_by_alias
        self.fields = {
            alias: [f.attname for f in model._meta.concrete_fields]
            for alias, model in models_by_alias.items()
        }
        self.pk_index = {
            alias: self.fields[alias].index(model._meta.pk.attname)
            for alias, model in models_by_alias.items()
        }
        columns = ", ".join(
            f"{alias}.{quote(_column(f))}"
            for alias, model in models_by_alias.items()
            for f in model._meta.concrete_fields
        )
        tables = {
            alias: f"{quote(model._meta.db_table)} {alias}"
            for alias, model in models_by_alias.items()
        }
        self.sql = f"SELECT {columns} {from_where.format(**tables)}"

    def fetch_one(self, params: Sequence[Any]) -> dict[str, models.Model | None] | None:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        found: dict[str, models.Model | None] = {}
        start = 0
        for alias, model in self.models.items():
            names = self.fields[alias]
            values = list(row[start : start + len(names)])
            start += len(names)
            for i, column, converters in self._converters()[alias]:
                for convert in converters:
                    values[i] = convert(values[i], column, connection)
            missing = values[self.pk_index[alias]] is None
            found[alias] = None if missing else model.from_db(connection.alias, names, values)
        return found

    @functools.cache  # noqa: B019 - one JoinedSelect per query, kept for the process's life
    def _converters(self) -> dict[str, list[tuple[int, Any, list[Any]]]]:
        """Per alias, the columns whose raw values need converting before `from_db`, with
        their converters: the backend's and the field's (JSON decoding, SQLite's dates and
        booleans), as the ORM applies them. They depend only on the kind of database."""
        found: dict[str, list[tuple[int, Any, list[Any]]]] = {}
        for alias, model in self.models.items():
            found[alias] = []
            for i, field in enumerate(model._meta.concrete_fields):
                column = field.get_col(alias)
                converters = [
                    *connection.ops.get_db_converters(column),
                    *column.get_db_converters(connection),
                ]
                if converters:
                    found[alias].append((i, column, converters))
        return found


def insert_rows(*rows: tuple[type[models.Model], dict[str, Any]]) -> None:
    """INSERT one row of each `(model, values)`, all or nothing. Values are given by attribute
    name (``section_id=...``); a field left out gets its default; each value goes through the
    field's `get_db_prep_save`, as the ORM prepares it. A constraint violation raises
    IntegrityError and writes nothing.

    On PostgreSQL the rows go in ONE statement (the first ones as data-modifying WITH
    clauses), which is atomic by itself: one round trip instead of BEGIN, an INSERT per row
    and COMMIT. Elsewhere they go in a transaction. Inside an outer transaction a savepoint
    keeps that transaction usable after a violation, as `atomic()` does."""
    statements = [
        (_insert_sql(model, connection.vendor), _storage_key(model) + _prepared(model, values))
        for model, values in rows
    ]
    if connection.vendor == "postgresql":
        *first, (last, _) = statements
        withs = ", ".join(f"w{i} AS ({sql} RETURNING 1)" for i, (sql, _) in enumerate(first))
        params = [p for _, row_params in statements for p in row_params]
        with _savepoint_if_nested(), connection.cursor() as cursor:
            cursor.execute(f"WITH {withs} {last}" if withs else last, params)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, row_params in statements:
            cursor.execute(sql, row_params)


def _prepared(model: type[models.Model], values: dict[str, Any]) -> list[Any]:
    fields = model._meta.concrete_fields
    unknown = set(values) - {f.attname for f in fields}
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    return [
        field.get_db_prep_save(
            values[field.attname] if field.attname in values else field.get_default(), connection
        )
        for field in fields
    ]


def _savepoint_if_nested() -> contextlib.AbstractContextManager[object]:
    return transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()


def stored_in_random_order(model: type[models.Model]) -> bool:
    """Whether the model's rows must be stored in an order that says nothing about when
    they were written (a class attribute `random_storage_order = True`; the ballot box)."""
    return bool(getattr(model, "random_storage_order", False))


def _storage_key(model: type[models.Model]) -> list[Any]:
    """SQLite stores a table's rows in the order of its hidden `rowid`, which counts up with
    each insert, so a table of random primary keys is still kept, and dumped, in insertion
    order. For a model stored in random order the rowid is drawn at random instead (63 bits:
    a clash among a million rows has odds of about one in ten trillion, and would fail the
    insert as a constraint violation, never overwrite)."""
    if connection.vendor == "sqlite" and stored_in_random_order(model):
        return [secrets.randbelow(2**63 - 1) + 1]
    return []


@functools.cache
def _insert_sql(model: type[models.Model], vendor: str) -> str:
    quote = connection.ops.quote_name
    columns = [quote(_column(f)) for f in model._meta.concrete_fields]
    if vendor == "sqlite" and stored_in_random_order(model):
        columns.insert(0, "rowid")
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)})"
        f" VALUES ({', '.join(['%s'] * len(columns))})"
    )
