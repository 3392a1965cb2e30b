"""The demo network built once per test run, and copied into each test that asks for it.

Building it takes 10–15 s (the register import, then two years of reviews through the
services); copying its rows back takes a fraction of that. `build` loads it once, in a
transaction that is rolled back, and keeps every table's rows as they were after the load
(and after the load's on-commit callbacks, as `make run` would have them). `restore` puts them
back inside the test's own transaction, so what a test changes is rolled back (or flushed, for
a transactional test) like anything else it writes.

The same rows, primary keys included, on SQLite (each value read as stored, not parsed by its
column's type, and inserted as it was) and on PostgreSQL (COPY out and in, then the id
sequences moved past the copied rows). Foreign keys are deferred on both, so the tables can be
emptied and refilled in any order.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import TestCase, override_settings

from collegium.demo.network import NO_MAIL, SignIn, load_demo_network, sign_ins

SKIPPED = {"django_migrations"}  # the schema's own record, the same in every copy


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: Any  # SQLite: a list of row tuples; PostgreSQL: the table in COPY's text format


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]


def build() -> Snapshot:
    """Load the demo network once and keep a copy of every table's rows as the load left them."""
    with transaction.atomic():
        # The callbacks run as the capture ends, outside the load's own "no mail": not mailed
        # here either, or the demo's invitations would land in some test's outbox.
        with override_settings(MAILERS=NO_MAIL), TestCase.captureOnCommitCallbacks(execute=True):
            load_demo_network()
        snapshot = Snapshot(tuple(read(name) for name in _table_names()))
        transaction.set_rollback(True)
    return snapshot


def restore(snapshot: Snapshot) -> list[SignIn]:
    """Make every copied table hold the demo's rows again; the demo's sign-ins."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot.tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table.name)}")
        for table in snapshot.tables:
            _write(cursor, table)
        for sql in _sequence_resets(snapshot):
            cursor.execute(sql)
    ContentType.objects.clear_cache()  # the copy's content type ids may differ from the cache's
    return sign_ins()


def _table_names() -> Iterator[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return (name for name in sorted(names) if name not in SKIPPED)


def _select(name: str, columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":  # +column: the value as stored, not parsed by its type
        return f"SELECT {', '.join('+' + quote(c) for c in columns)} FROM {quote(name)}"
    return f"SELECT * FROM {quote(name)}"


def read(name: str) -> Table:
    """A table's rows as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)} WHERE 1 = 0")
        columns = tuple(column[0] for column in cursor.description)
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY ({_select(name, columns)}) TO STDOUT") as copy:
                rows: Any = b"".join(bytes(block) for block in copy)
        else:
            cursor.execute(_select(name, columns))
            rows = cursor.fetchall()
    return Table(name, columns, rows)


def _write(cursor: Any, table: Table) -> None:
    if not table.rows:
        return
    quote = connection.ops.quote_name
    target = f"{quote(table.name)} ({', '.join(quote(column) for column in table.columns)})"
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            copy.write(table.rows)
    else:
        marks = ", ".join(["%s"] * len(table.columns))
        cursor.executemany(f"INSERT INTO {target} VALUES ({marks})", table.rows)


def _sequence_resets(snapshot: Snapshot) -> list[str]:
    """On PostgreSQL, move each id sequence past the copied rows (SQLite does so itself)."""
    copied = {table.name for table in snapshot.tables if table.rows}
    models = apps.get_models(include_auto_created=True)  # many-to-many tables have ids too
    return connection.ops.sequence_reset_sql(
        no_style(), [model for model in models if model._meta.db_table in copied]
    )
