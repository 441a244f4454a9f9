"""docs/benchmarks.md and benchmarks.json keep one section per scale (bench/report.py): a run at
1,000,000 records does not wipe the figures at 100,000, and a run on one engine keeps the other's."""

import json
import os
from urllib.parse import urlparse

import pytest

from bench import report
from bench import run as bench_run

MACHINE = {"cpu": "Test CPU", "cores": 2, "memory": "4.0 GiB", "os": "Linux", "python": "3.11.2", "django": "5.2",
           "wagtail": "7.4", "sqlite": "3.51.1", "postgresql": "psql (PostgreSQL) 15.20", "nginx": "nginx/1.22",
           "wrk": "wrk 4.1.0", "gunicorn": "gunicorn 27.0.1"}


def run(records, engines, *, date="2026-11-27T10:00:00", ingest=480.0):
    """The results of one `make bench` (shape of bench.run.main) with one inner figure per engine."""
    settings = {"records": records, "applications": 100_000, "duration": 20, "connections": 16, "quick": False,
                "smoke": False}
    micro = {"ingest_records_per_s": {"value": ingest, "unit": "records/s", "goal": "≥ 500 records/s",
                                      "verdict": "met" if ingest >= 500 else "missed"}}
    return {"date": date, "settings": settings, "machine": MACHINE, "notes": [],
            "engines": {engine: {"dataset": {"records": records, "applications": 100_000, "seconds": 0},
                                 "micro": dict(micro)} for engine in engines}}


def ingest(directory, records, engine):
    document = json.loads((directory / "benchmarks.json").read_text())
    scale = document["scales"][f"{records}-100000"]
    return scale["engines"][engine]["micro"]["ingest_records_per_s"]["value"]


def test_a_run_at_another_scale_keeps_the_first(tmp_path):
    report.write(run(100_000, ["sqlite", "postgres"], ingest=481.0), tmp_path)
    report.write(run(1_000_000, ["sqlite"], ingest=455.0, date="2026-11-28T10:00:00"), tmp_path)
    assert ingest(tmp_path, 100_000, "sqlite") == 481.0
    assert ingest(tmp_path, 100_000, "postgres") == 481.0
    assert ingest(tmp_path, 1_000_000, "sqlite") == 455.0
    text = (tmp_path / "benchmarks.md").read_text()
    small, large = text.index("## 100,000 records"), text.index("## 1,000,000 records")
    assert small < large  # smaller scale first
    assert "481.00 records/s" in text[small:large] and "455.00 records/s" in text[large:]
    assert "2026-11-28T10:00:00" in text[large:] and "2026-11-28T10:00:00" not in text[:large]


def test_a_run_on_one_engine_replaces_only_that_engine(tmp_path):
    report.write(run(100_000, ["sqlite", "postgres"], ingest=300.0), tmp_path)
    report.write(run(100_000, ["postgres"], ingest=520.0), tmp_path)
    assert ingest(tmp_path, 100_000, "sqlite") == 300.0
    assert ingest(tmp_path, 100_000, "postgres") == 520.0
    text = (tmp_path / "benchmarks.md").read_text()
    assert text.count("## 100,000 records") == 1
    assert text.index("### SQLite") < text.index("### PostgreSQL")


def test_a_file_of_one_run_from_before_the_scales_is_kept(tmp_path):
    (tmp_path / "benchmarks.json").write_text(json.dumps(run(100_000, ["sqlite"], ingest=481.0)))
    report.write(run(1_000_000, ["sqlite"], ingest=455.0), tmp_path)
    assert ingest(tmp_path, 100_000, "sqlite") == 481.0
    assert ingest(tmp_path, 1_000_000, "sqlite") == 455.0


def test_what_a_run_prints_is_only_that_run(tmp_path):
    report.write(run(100_000, ["sqlite"]), tmp_path)
    printed = report.run_markdown(run(1_000_000, ["postgres"]))
    assert "## 1,000,000 records" in printed and "## 100,000 records" not in printed


def test_a_runs_notes_stay_with_the_engines_it_measured(tmp_path):
    report.write(run(100_000, ["sqlite"]), tmp_path)
    noted = run(100_000, ["postgres"])
    noted["notes"] = ["the dataset was generated while tests ran"]
    report.write(noted, tmp_path)
    text = (tmp_path / "benchmarks.md").read_text()
    assert text.count("the dataset was generated while tests ran") == 1
    assert text.index("### PostgreSQL") < text.index("the dataset was generated")


def test_the_postgresql_server_settings_are_written_beside_its_figures(tmp_path):
    results = run(1_000_000, ["sqlite", "postgres"])
    results["engines"]["postgres"]["server"] = {"server_version": "15.20", "shared_buffers": "6GB",
                                                "effective_cache_size": "16GB"}
    report.write(results, tmp_path)
    text = (tmp_path / "benchmarks.md").read_text()
    sqlite, postgres = text.index("### SQLite"), text.index("### PostgreSQL")
    assert "- Server settings: server_version 15.20, shared_buffers 6GB, effective_cache_size 16GB" in text[postgres:]
    assert "Server settings" not in text[sqlite:postgres]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs a PostgreSQL server")
def test_the_settings_are_read_from_the_postgresql_server():
    server = urlparse(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    settings = bench_run.server_settings(server)
    assert list(settings) == list(bench_run.PG_SETTINGS)
    assert settings["server_version"][:2].isdigit()
    assert settings["shared_buffers"].endswith("B")  # e.g. 128MB
    assert bench_run.server_settings("var/bench/bench-smoke.sqlite3") == {}
