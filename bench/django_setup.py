"""Set Django up for a benchmark process, pointed at a given database.

Call `setup(database)` once, before importing any model. `database` is either a postgres://… URL
(gongkai.settings reads it from DATABASE_URL) or the path of a SQLite file (GONGKAI_SQLITE_PATH, so
that the product's own SQLite options — WAL, IMMEDIATE transactions — apply as in production). The var
directory defaults to var/bench so that nothing a benchmark writes touches the demo.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"


def database_environ(database):
    """The environment variables that point gongkai at `database` (a postgres URL or a SQLite path)."""
    if str(database).startswith(("postgres://", "postgresql://")):
        return {"DATABASE_URL": str(database)}
    return {"DATABASE_URL": "", "GONGKAI_SQLITE_PATH": str(Path(database).resolve())}


def setup(database=None, **environ):
    """Configure the environment and run django.setup(); returns the settings module."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    if database:
        os.environ.update(database_environ(database))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_VAR_DIR", str(BENCH_VAR / "var"))
    for key, value in environ.items():
        os.environ[key] = str(value)
    import django
    from django.conf import settings

    django.setup()
    return settings
