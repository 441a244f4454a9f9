"""The SQLite library under the search (gongkai/sqlite_engine.py): the system's 3.40.1 reads some
FTS5 AND queries wrongly newest first; the platform runs on the bundled 3.51 and refuses older ones."""

import pytest
from django.core import checks
from django.db import connection

from gongkai import sqlite_engine


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: the library under the SQLite backend")
def test_the_database_runs_on_an_sqlite_library_with_correct_fts5_reads(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()")
        version = tuple(int(part) for part in cursor.fetchone()[0].split("."))
    assert version >= sqlite_engine.MINIMUM_VERSION
    assert sqlite_engine.check_engine() == []


def test_an_older_sqlite_library_stops_the_platform_at_its_system_check(monkeypatch):
    monkeypatch.setattr(sqlite_engine, "version_of_engine", lambda: (3, 40, 1))
    errors = sqlite_engine.check_engine()
    if connection.vendor == "sqlite":
        assert [e.id for e in errors] == ["gksearch.E001"]
        assert isinstance(errors[0], checks.Error) and "3.40.1" in errors[0].msg
    else:
        assert errors == []  # PostgreSQL: no SQLite library is involved


def test_the_check_is_registered_with_the_database_checks():
    assert sqlite_engine.check_engine in checks.registry.registry.get_checks(include_deployment_checks=False)
