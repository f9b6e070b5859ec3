"""Emptying a test database although its audit log refuses TRUNCATE and DELETE.

Browser tests run against a live server, so each test's rows are removed by Django's flush
rather than rolled back. The flush is the only place the audit log's guards are lifted, and only
for the length of the flush, on a test database whose tables the test run owns.
"""

import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations

_guards = importlib.import_module("childrights.core.migrations.0006_audit_no_truncate_no_delete")


@contextmanager
def audit_log_emptying_allowed(connection: BaseDatabaseWrapper) -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        elif connection.vendor == "sqlite":
            cursor.execute(_guards.SQLITE_DOWN)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
            elif connection.vendor == "sqlite":
                cursor.execute(_guards.SQLITE_UP)


Flush = Callable[[BaseDatabaseOperations, Iterable[str]], None]


def flush_allowing_the_audit_log(original: Flush) -> Flush:
    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: Iterable[str]) -> None:
        with audit_log_emptying_allowed(self.connection):
            original(self, sql_list)

    return execute_sql_flush
