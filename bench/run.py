"""`make bench` / `make bench-smoke`: generate (or reuse) the datasets, measure, report.

    python -m bench.run [--records N] [--applications M] [--engines sqlite,postgres]
                        [--duration S] [--connections C] [--quick] [--smoke] [--output DIR]

For each engine: the dataset (bench.data.generate.ensure_dataset, cached), then the page loads
(bench.pages: gunicorn + wrk beside nginx and the framework floor) and the inner parts (bench.micro),
each in a child process of its own because Django is set up once per process against one database.
`--smoke` runs everything on a tiny dataset with short loads, checks that every figure is there and
writes to var/bench/smoke instead of docs/ — it is part of `make test`, so the harness never rots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.django_setup import BENCH_VAR, ROOT

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
SMOKE = {"records": 400, "applications": 300, "duration": 2, "connections": 4}
REQUIRED_PAGES = ("record", "catalogue", "home", "search")
REQUIRED_MICRO = ("search", "ingest", "scanner", "annual_report", "calendar_recompute")


def database_for(engine, records, applications, smoke):
    tag = "smoke" if smoke else f"{records}-{applications}"
    if engine == "sqlite":
        return str(BENCH_VAR / f"bench-{tag}.sqlite3")
    return f"{PG_SERVER}/gongkai_bench_{tag.replace('-', '_')}"


def child(kind, database, **options):
    """Run one measurement in its own process; its last stdout line is the JSON of the figures."""
    command = [sys.executable, "-m", "bench.run", "--child", kind, "--database", database,
               "--child-options", json.dumps(options)]
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: the {kind} measurement on {database} failed (exit {result.returncode}).")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_child(kind, database, options):
    from bench import django_setup

    django_setup.setup(database, GONGKAI_DEBUG="0")  # as in production: no SQL kept per query
    if kind == "pages":
        from bench import pages

        figures = pages.run_all(database=database, **options)
    elif kind == "micro":
        from bench import micro

        figures = micro.run_all(database=database, **options)
    else:
        raise SystemExit(f"unknown measurement {kind}")
    print(json.dumps(figures, ensure_ascii=False, default=str))


# What decides much of a PostgreSQL run's figures besides the code: written beside them.
PG_SETTINGS = ("server_version", "shared_buffers", "effective_cache_size", "work_mem", "random_page_cost")


def server_settings(database):
    """{setting: value} of the PostgreSQL server holding `database` (empty for SQLite)."""
    from bench.data.generate import _pg_connect, is_postgres

    if not is_postgres(database):
        return {}
    with _pg_connect(database) as conn:
        return {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in PG_SETTINGS}


def missing_figures(results):
    """What a complete run must contain (the smoke run checks it)."""
    missing = []
    for engine, run in results["engines"].items():
        pages = run.get("pages", {}).get("pages", {})
        for name in REQUIRED_PAGES:
            figures = pages.get(name)
            if not figures or not all(figures.get(side, {}).get("rps") for side in ("ours", "floor", "limit")):
                missing.append(f"{engine}: page {name}")
        if not run.get("pages", {}).get("worker_rss_mb"):
            missing.append(f"{engine}: worker memory")
        micro = run.get("micro", {})
        for name in REQUIRED_MICRO:
            if not any(key.startswith(name) for key in micro):
                missing.append(f"{engine}: {name}")
    return missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=int(os.environ.get("BENCH_RECORDS", 100_000)))
    parser.add_argument("--applications", type=int, default=int(os.environ.get("BENCH_APPLICATIONS", 100_000)))
    parser.add_argument("--engines", default=os.environ.get("BENCH_ENGINES", "sqlite,postgres"))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 20)))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 16)))
    parser.add_argument("--quick", action="store_true", help="smaller corpora and fewer repetitions")
    parser.add_argument("--smoke", action="store_true", help="tiny data, short loads, output to var/bench/smoke")
    parser.add_argument("--output", default=None)
    parser.add_argument("--note", action="append", default=[o for o in [os.environ.get("BENCH_NOTE", "")] if o],
                        help="a remark printed under each engine's figures (e.g. what else the machine ran)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--database", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child-options", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child, args.database, json.loads(args.child_options))

    if args.smoke:
        args.records, args.applications = SMOKE["records"], SMOKE["applications"]
        args.duration, args.connections, args.quick = SMOKE["duration"], SMOKE["connections"], True
    output = Path(args.output) if args.output else (BENCH_VAR / "smoke" if args.smoke else ROOT / "docs")

    from bench.data.generate import ensure_dataset

    results = {"date": dt.datetime.now().isoformat(timespec="seconds"),
               "settings": {"records": args.records, "applications": args.applications, "duration": args.duration,
                            "connections": args.connections, "quick": args.quick, "smoke": args.smoke},
               "engines": {}, "notes": args.note}
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        database = database_for(engine, args.records, args.applications, args.smoke)
        print(f"bench: {engine}: dataset {args.records:,} records, {args.applications:,} applications …", flush=True)
        dataset = ensure_dataset(records=args.records, applications=args.applications, database=database)
        print(f"bench: {engine}: pages …", flush=True)
        pages = child("pages", database, duration=args.duration, connections=args.connections, quick=args.quick)
        print(f"bench: {engine}: inner parts …", flush=True)
        micro = child("micro", database, quick=args.quick)
        results["engines"][engine] = {"dataset": dataset, "pages": pages, "micro": micro,
                                      "server": server_settings(database)}

    from bench import report

    results["machine"] = report.machine()
    path = report.write(results, output)
    print(report.run_markdown(results))
    print(f"bench: written {path} and {path.with_suffix('.json')}")
    missing = missing_figures(results)
    if missing:
        raise SystemExit("bench: figures missing: " + "; ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
