"""The SQLite library under Django's sqlite3 backend: the one bundled with pysqlite3-binary.

Why: the system SQLite of Debian 12 (3.40.1) answers some FTS5 AND queries wrongly when they are
read newest first (ORDER BY rowid DESC) from an index written in many interleaved transactions
with deletions. On the 100,000-record benchmark dataset `"2024" AND y2020` gave 14 rows oldest
first and none newest first, so a filtered search (行政处罚 2024, year 2020) missed its hits: the
search reads newest first (gongkai/search/lookup.py). The same file read with SQLite 3.51.1 gives
the 14 rows both ways. `install()` (run by gongkai/__init__.py, before Django loads its database
backend) makes `import sqlite3` mean pysqlite3 for the whole process; the search app's system
check (`check_engine`) refuses to run on an older library, so that a deployment without the
bundled engine fails at start, not with silently missing search hits.

pysqlite3-binary has wheels for Linux x86-64 only (requirements.txt installs it there); elsewhere
the system's SQLite is used and must be at least MINIMUM_VERSION.
"""

from __future__ import annotations

import sys

# The version verified against the failing query above (3.40.1 is known to fail it).
MINIMUM_VERSION = (3, 51, 0)


def install() -> bool:
    """Make `sqlite3` the bundled engine in this process; False when pysqlite3 is not installed."""
    try:
        import pysqlite3
        import pysqlite3.dbapi2
    except ImportError:
        return False
    sys.modules["sqlite3"] = pysqlite3
    sys.modules["sqlite3.dbapi2"] = pysqlite3.dbapi2
    return True


def library_version() -> str:
    """The version of the SQLite library that `import sqlite3` gives in this process after install()."""
    install()
    import sqlite3

    return sqlite3.sqlite_version


def version_of_engine() -> tuple[int, ...]:
    """The version of the SQLite library that Django's sqlite3 backend talks to."""
    from django.db.backends.sqlite3.base import Database

    return Database.sqlite_version_info


def check_engine(app_configs=None, **kwargs):
    """System check: a database on SQLite needs an SQLite library whose FTS5 reads are right."""
    from django.core import checks
    from django.db import connections

    if not any(connections[alias].vendor == "sqlite" for alias in connections):
        return []
    version = version_of_engine()
    if tuple(version) >= MINIMUM_VERSION:
        return []
    wanted = ".".join(map(str, MINIMUM_VERSION))
    found = ".".join(map(str, version))
    return [
        checks.Error(
            f"SQLite {found} is too old for the full-text search (FTS5 returns wrong rows newest first).",
            hint=f"Install pysqlite3-binary (requirements.txt) or an SQLite library of at least {wanted}.",
            id="gksearch.E001",
        )
    ]
