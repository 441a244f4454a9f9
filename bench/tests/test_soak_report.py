"""The soak's report (bench/soak_report.py, bench/report.write_soak) and the cluster helpers (bench/soak_pg.py)."""

import copy
import json

import pytest

from bench import report, soak_pg, soak_report
from bench.soak_verify import COUNT_KEYS

MACHINE = {"cpu": "Test CPU", "cores": 2, "memory": "4.0 GiB", "os": "Linux", "python": "3.11.2", "django": "5.2",
           "wagtail": "7.4", "sqlite": "3.40", "postgresql": "psql (PostgreSQL) 15.20", "nginx": "nginx/1.22",
           "wrk": "wrk 4.1.0", "gunicorn": "gunicorn 27.0.1"}


def clean_results():
    """The results of a run in which nothing went wrong."""
    totals = dict.fromkeys(COUNT_KEYS, 0) | {"requests": 900, "5xx_inside": 12}
    results = {
        "date": "2026-11-27T17:00:00+08:00", "machine": MACHINE, "load_seconds": 300.0,
        "settings": {"seconds": 300, "users": 6, "records": 2000, "applications": 2000, "smoke": False, "workers": 2,
                     "cluster": "gongkai_soak", "postgresql_version": "15"},
        "faults": [
            {"name": "gunicorn_worker", "at": 60.0, "pid": 1234, "respawned_after": 0.1, "recovery": 0.2,
             "failures": 1},
            {"name": "task_worker", "at": 129.0, "worker_id": "soak-1", "burst": 12,
             "running": {"task": "x", "warning": 187}, "recovery": 0.05, "failures": 0, "queue_recovery": 4.2},
            {"name": "postgres", "at": 201.0, "restart_seconds": 3.0, "recovery": 3.4, "failures": 12,
             "queue_recovery": 5.0, "worker_exits": 1},
        ],
        "requests": {"total": totals, "by_kind": {"record": dict(totals) | {"p50_ms": 12.0, "p99_ms": 80.0}}},
        "applications": {"attempted": 100, "receipts": 100, "receipt_lost": 0, "duplicated": 0, "receipt_mismatch": 0,
                         "proof_missing": 0, "unknown_in_database": 0, "accepted_without_receipt": 0, "no_receipt": 0,
                         "problems": []},
        "mails": {"queued": 300, "mails": 300, "sent_once": 300, "not_to_send": 0, "duplicated": 0, "missing": 0,
                  "marked_sent_no_mail": 0, "sent_not_marked": 0, "unexpected_mails": 0, "problems": []},
        "tasks": {"drained": True, "mail_left": 0, "other_left_running": 0, "worker_exits": [{"at": 203.0, "code": 1}]},
        "staff": {"errors": 2},
    }
    results["goals"] = soak_report.goals(results)
    results["passed"] = all(g["verdict"] in ("met", "—") for g in results["goals"])
    return results


def verdicts(results):
    return {g["figure"]: g["verdict"] for g in soak_report.goals(results)}


def test_a_clean_run_meets_every_goal():
    results = clean_results()
    assert results["passed"]
    assert {g["verdict"] for g in results["goals"]} <= {"met", "—"}
    goals = {g["figure"]: g for g in results["goals"]}
    assert goals["PostgreSQL restart: pages serve normally again after"]["value"] == "3.40 s"
    assert goals["5xx inside the fault windows"]["value"] == 12


@pytest.mark.parametrize(("section", "key", "figure"), [
    ("applications", "duplicated", "applications stored more than once"),
    ("applications", "receipt_lost", "receipts not in the database"),
    ("mails", "duplicated", "mails sent more than once"),
    ("mails", "missing", "mails never sent"),
])
def test_a_lost_or_doubled_item_misses_its_goal(section, key, figure):
    results = clean_results()
    results[section][key] = 2
    assert verdicts(results)[figure] == "missed (2)"


def test_a_5xx_outside_the_windows_misses_the_goal():
    results = clean_results()
    results["requests"]["total"]["5xx_outside"] = 1
    assert verdicts(results)["5xx outside the fault windows"] == "missed (1)"


def test_a_slow_or_missing_recovery_misses_the_goal():
    results = clean_results()
    results["faults"][2]["recovery"] = 12.5
    results["faults"][1]["queue_recovery"] = None
    found = verdicts(results)
    assert found["PostgreSQL restart: pages serve normally again after"] == "missed by 2.5 s"
    assert found["SIGKILL + restart of the task worker: mail tasks run again after"] == "missed (did not recover)"


def test_a_mail_task_left_in_the_queue_misses_the_goal():
    results = clean_results()
    results["tasks"]["mail_left"] = 1
    assert verdicts(results)["mail tasks left queued or running after the drain"] == "missed (1)"


def test_the_table_shows_faults_requests_and_goals():
    text = soak_report.table(clean_results())
    assert "PostgreSQL restart" in text and "killed running the mail of warning 187" in text
    assert "record detail" in text
    assert "mails sent more than once" in text
    assert text.rstrip().endswith("PASSED: every goal met.")


def test_the_markdown_section_has_the_goal_table():
    text = soak_report.markdown(clean_results())
    assert text.startswith("## Soak and faults")
    assert "| receipts not in the database | 0 | 0 | met |" in text
    assert "Test CPU (2 cores)" in text


def test_write_soak_without_benchmarks_writes_json_and_a_page(tmp_path):
    results = clean_results()
    path = report.write_soak(results, tmp_path)
    assert json.loads((tmp_path / "soak.json").read_text()) == json.loads(json.dumps(results))
    text = path.read_text()
    assert text.startswith("# Benchmarks") and "## Soak and faults" in text


def test_the_benchmark_report_keeps_the_soak_section(tmp_path):
    dataset = {"records": 400, "applications": 300, "seconds": 0}
    bench = {"date": "2026-11-27T10:00:00", "machine": MACHINE, "notes": [],
             "settings": {"records": 400, "applications": 300, "connections": 16, "duration": 20},
             "engines": {"sqlite": {"dataset": dataset, "micro": {}}}}
    report.write_soak(clean_results(), tmp_path)
    report.write(copy.deepcopy(bench), tmp_path)  # `make bench` after `make soak`
    text = (tmp_path / "benchmarks.md").read_text()
    assert "## 400 records, 300 applications" in text and "## Soak and faults" in text
    report.write_soak(clean_results(), tmp_path)  # and `make soak` after `make bench`
    text = (tmp_path / "benchmarks.md").read_text()
    assert "### SQLite" in text and text.count("## Soak and faults") == 1


def test_configured_port():
    assert soak_pg.configured_port("#port = 1\nport = 5433\t\t# (change requires restart)\n") == 5433
    assert soak_pg.configured_port("# port = 5433\n") == 5432


def test_server_version_is_the_newest_configured(tmp_path):
    for name in ("13", "15", "9.6", "notes"):
        (tmp_path / name).mkdir()
    assert soak_pg.server_version(tmp_path) == "15"
    with pytest.raises(soak_pg.ClusterError):
        soak_pg.server_version(tmp_path / "missing")
