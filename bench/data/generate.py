"""Make sure a benchmark database holds a given dataset; generate it when it does not.

    ensure_dataset(records=100_000, applications=100_000)            # var/bench/bench-100000-100000-20261127.sqlite3
    ensure_dataset(records=..., applications=..., database="postgres://postgres@127.0.0.1:5432/gongkai_bench_100k")

    python -m bench.data.generate --records N --applications M [--seed S] [--database D]

Caching: the database itself carries a marker, one row of the table bench_marker(key, value)
written in the generation's last step: the JSON of the parameters (records, applications, seed),
GENERATOR_VERSION, the newest migration of every gongkai app and the Django and Wagtail versions.
ensure_dataset reads it without Django (sqlite3 / psycopg); when it equals the wanted marker the
database is used as it is, otherwise it is thrown away (SQLite: the file and its -wal/-shm;
PostgreSQL: DROP DATABASE … WITH (FORCE)), created again empty, migrated and filled. An
interrupted generation leaves no marker, so the next call starts over.

Django can be set up only once per process, so ensure_dataset runs the generation in a subprocess
(this module's main()), which prints a progress line about every 10 % to stderr.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from bench.django_setup import BENCH_VAR, ROOT

# Bump when the generator's output changes, so that cached datasets are generated again.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20261127
MARKER_TABLE = "bench_marker"
MARKER_KEY = "dataset"
RECORD_BATCH = 2000
INDEX_WORKERS = 2


# --- the marker ----------------------------------------------------------------------------------------


def migration_state() -> dict[str, str]:
    """The newest migration file of every gongkai app (what a changed schema changes)."""
    state = {}
    for folder in sorted((ROOT / "gongkai").glob("*/migrations")):
        names = sorted(p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))
        if names:
            state[folder.parent.name] = names[-1]
    return state


def wanted_marker(records: int, applications: int, seed: int) -> str:
    packages = {}
    for name in ("Django", "wagtail"):
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = ""
    return json.dumps({
        "generator": GENERATOR_VERSION, "records": records, "applications": applications, "seed": seed,
        "migrations": migration_state(), "packages": packages,
    }, sort_keys=True)


def is_postgres(database) -> bool:
    return str(database).startswith(("postgres://", "postgresql://"))


def default_database(records, applications, seed) -> str:
    return str(BENCH_VAR / f"bench-{records}-{applications}-{seed}.sqlite3")


def _pg_connect(url, dbname=None):
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1", port=parts.port or 5432, user=unquote(parts.username or "postgres"),
        password=unquote(parts.password) if parts.password else None,
        dbname=dbname or parts.path.lstrip("/"), autocommit=True, connect_timeout=10,
    )


def _pg_name(url) -> str:
    return urlparse(url).path.lstrip("/")


def read_marker(database) -> str | None:
    """The marker stored in `database`, or None (no database, no marker table, no row)."""
    query = f"SELECT value FROM {MARKER_TABLE} WHERE key = %s"
    if is_postgres(database):
        import psycopg

        try:
            with _pg_connect(database) as conn:
                row = conn.execute(query, [MARKER_KEY]).fetchone()
        except psycopg.Error:
            return None
        return row[0] if row else None
    path = Path(database)
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute(query.replace("%s", "?"), [MARKER_KEY]).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def write_marker(value: str) -> None:
    """Store the marker in the database Django is connected to (the generation's last step)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE key = %s", [MARKER_KEY])
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (key, value) VALUES (%s, %s)", [MARKER_KEY, value])


def reset_database(database) -> None:
    """Throw the database away and create it again, empty."""
    if is_postgres(database):
        name = _pg_name(database)
        if not name or '"' in name:
            raise ValueError(f"Unusable PostgreSQL database name in {database!r}")
        with _pg_connect(database, dbname="postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- ensure_dataset ----------------------------------------------------------------------------------------


def ensure_dataset(*, records: int, applications: int, seed: int = DEFAULT_SEED, database: str | None = None) -> dict:
    """Make sure `database` holds exactly this dataset, generating it (in a subprocess) when its marker differs.

    Returns {"database", "records", "applications", "seconds" (0 when cached), "cached"}.
    """
    database = str(database or default_database(records, applications, seed))
    if not is_postgres(database):
        database = str(Path(database).resolve())  # the subprocess runs in the repository root
    wanted = wanted_marker(records, applications, seed)
    result = {"database": database, "records": records, "applications": applications}
    if read_marker(database) == wanted:
        return {**result, "seconds": 0, "cached": True}
    reset_database(database)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "bench.data.generate", "--records", str(records), "--applications",
         str(applications), "--seed", str(seed), "--database", database],
        cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seconds = time.monotonic() - started
    if read_marker(database) != wanted:
        raise RuntimeError(f"The generation of {database} finished without its marker.")
    return {**result, "seconds": round(seconds, 1), "cached": False}


# --- generation (in the process that has Django set up) -------------------------------------------------------


class Progress:
    """A line to stderr about every 10 % of each phase, with its rate."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.started = time.monotonic()

    def phase(self, name, total, extra=None):
        started, step = time.monotonic(), max(1, total // 10)
        state = {"next": step}

        def report(done):
            if done >= state["next"] or done == total:
                state["next"] = (done // step + 1) * step
                elapsed = time.monotonic() - started
                more = f", {extra()}" if extra else ""
                print(f"[bench.data] {name}: {done}/{total} ({done * 100 // max(total, 1)} %), "
                      f"{done / max(elapsed, 1e-9):.0f}/s, {elapsed:.0f} s{more}", file=self.stream, flush=True)
        return report

    def line(self, text):
        print(f"[bench.data] {text} ({time.monotonic() - self.started:.0f} s)", file=self.stream, flush=True)


def generate(*, records: int, applications: int, seed: int = DEFAULT_SEED, parallel: bool = False,
             media_root=None, progress: Progress | None = None) -> dict:
    """Fill the database Django is connected to (empty, migrated) with the dataset; returns counts and seconds.

    parallel=True indexes in INDEX_WORKERS forked processes (needs a database file or server: not
    the in-memory test database); otherwise the index is written in this process.
    """
    from django.conf import settings
    from django.db import connection

    from bench.data import agency
    from bench.data.applications import plan_applications, write_applications
    from bench.data.indexer import ParallelIndexer, tune_connection
    from bench.data.records import InlineIndexer, plan_records, write_records
    from gongkai.workcalendar.services import load_calendar

    started = time.monotonic()
    tune_connection()
    departments, users = agency.ensure_agency()
    from gongkai.search.services import load_dictionary

    load_dictionary(force=True)  # the agency's and departments' names are words of the segmenter
    indexer = ParallelIndexer(INDEX_WORKERS) if parallel else InlineIndexer()
    tune_connection()
    stats = {}
    try:
        report = progress.phase("records", records, lambda: f"indexed {indexer.count}") if progress else None
        stats.update(write_records(
            plan_records(records, seed), count=records, seed=seed, departments=departments, users=users,
            indexer=indexer, media_root=media_root or settings.MEDIA_ROOT, batch_size=RECORD_BATCH, progress=report))
        stats["records_seconds"] = round(time.monotonic() - started, 1)
        calendar = load_calendar()
        specs = plan_applications(applications, seed, calendar)
        report = progress.phase("applications", applications) if progress else None
        stats.update(write_applications(specs, departments=departments, users=users, calendar=calendar,
                                        progress=report))
        if progress:
            progress.line(f"waiting for the index ({indexer.count}/{stats['public']} written)")
        stats["indexed"] = indexer.close()
    except BaseException:
        if parallel:
            indexer.terminate()
        raise
    stats["index_seconds"] = round(time.monotonic() - started, 1)
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            pass  # inside a test's transaction: no statistics, no checkpoint
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            # VACUUM also sets the visibility map, so that catalogue pages are index-only scans at once
            # (a live site's autovacuum does the same in time).
            cursor.execute("VACUUM (ANALYZE)")
    stats.pop("index_counters", None)
    stats["seconds"] = round(time.monotonic() - started, 1)
    return stats


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate a benchmark dataset (see docs/benchmark-data.md).")
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--applications", type=int, required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--database", default=None, help="a SQLite file path or a postgres:// URL")
    parser.add_argument("--inline-index", action="store_true", help="index in this process (no worker processes)")
    args = parser.parse_args(argv)
    database = args.database or default_database(args.records, args.applications, args.seed)

    from bench.django_setup import setup

    # DEBUG off: with it on, Django keeps the SQL of the last 9,000 queries (megabytes each in bulk inserts).
    setup(database, GONGKAI_DEBUG="0")
    from django.core.management import call_command

    progress = Progress()
    progress.line(f"migrating {database}")
    call_command("migrate", verbosity=0, interactive=False)
    progress.line(f"generating {args.records} records and {args.applications} applications, seed {args.seed}")
    stats = generate(records=args.records, applications=args.applications, seed=args.seed,
                     parallel=not args.inline_index, progress=progress)
    write_marker(wanted_marker(args.records, args.applications, args.seed))
    progress.line(f"done: {json.dumps(stats, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
