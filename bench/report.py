"""The benchmark report: a table on the terminal, docs/benchmarks.md and a JSON file of every figure.

Every figure stands beside its goal (issue 6) and its limit (the physical limit or the framework floor
measured in the same run), with a plain verdict: met, or missed by how much.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

PAGE_GOALS = {"record": 0.8, "catalogue": 0.8, "home": None, "search": 0.3}
PAGE_LABELS = {"record": "信息详情页 record detail", "catalogue": "目录列表深页 catalogue page 500",
               "home": "首页 home", "search": "检索结果页 search results"}


def _version(command):
    if shutil.which(command[0]) is None:
        return "not installed"
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def machine():
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import django
    import wagtail

    from gongkai import sqlite_engine

    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": platform.platform(),
        "python": sys.version.split()[0], "django": django.get_version(), "wagtail": wagtail.__version__,
        "sqlite": sqlite_engine.library_version(), "postgresql": _version(["psql", "--version"]),
        "nginx": _version(["nginx", "-v"]), "wrk": _version(["wrk", "--version"]),
        "gunicorn": _version([str(Path(sys.executable).parent / "gunicorn"), "--version"]),
    }


def verdict(value, goal, *, higher_is_better):
    """'met' or 'missed by N %' (None when there is no goal)."""
    if goal is None or value is None:
        return None
    if (value >= goal) if higher_is_better else (value <= goal):
        return "met"
    miss = (goal - value) / goal if higher_is_better else (value - goal) / goal
    return f"missed by {miss * 100:.0f} %"


def page_rows(pages):
    rows = []
    for name, figures in pages.get("pages", {}).items():
        goal = PAGE_GOALS.get(name)
        rows.append({
            "page": PAGE_LABELS.get(name, name), "ours_rps": figures["ours"]["rps"],
            "ours_p50": figures["ours"]["p50_ms"], "ours_p99": figures["ours"]["p99_ms"],
            "floor_rps": figures["floor"]["rps"], "limit_rps": figures["limit"]["rps"],
            "ratio_floor": figures["ratio_floor"], "ratio_limit": figures["ratio_limit"],
            "uncached_rps": (figures.get("uncached") or {}).get("rps"),
            "uncached_p50": (figures.get("uncached") or {}).get("p50_ms"),
            "ratio_floor_uncached": figures.get("ratio_floor_uncached"),
            "goal": f"≥ {goal} × F" if goal else "—",
            "verdict": verdict(figures["ratio_floor"], goal, higher_is_better=True) or "—",
        })
    return rows


def _fmt(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


ENGINE_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def scale_key(records, applications):
    return f"{records}-{applications}"


def merge(document, results):
    """Put one run's engines into the document under the run's scale (records, applications).

    Other scales, and other engines of the same scale, stay as they were: `make bench` at 100,000
    records and `BENCH_RECORDS=1000000 BENCH_ENGINES=sqlite make bench` each replace only what they
    measured. Every engine keeps the date, machine, settings and notes of the run that measured it.
    """
    settings = results.get("settings", {})
    for engine, run in results.get("engines", {}).items():
        records = settings.get("records", run["dataset"]["records"])
        applications = settings.get("applications", run["dataset"]["applications"])
        scale = document["scales"].setdefault(scale_key(records, applications),
                                              {"records": records, "applications": applications, "engines": {}})
        scale["engines"][engine] = {**run, "date": results.get("date"), "machine": results.get("machine"),
                                    "settings": settings, "notes": results.get("notes", [])}
    return document


def load(directory):
    """The document of benchmarks.json in directory: {"scales": {...}}; a file written by one run
    (before figures were kept per scale) is read as that run."""
    path = Path(directory) / "benchmarks.json"
    if not path.exists():
        return {"scales": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    if "scales" in data:
        return data
    return merge({"scales": {}}, data)


def _machine_lines(run):
    m = run.get("machine") or {}
    settings = run.get("settings") or {}
    lines = [f"- Measured {run.get('date') or 'unknown'} on {m.get('cpu', 'unknown')} ({m.get('cores', '?')} cores), "
             f"memory {m.get('memory', 'unknown')}; {m.get('os', 'unknown')}",
             f"- Python {m.get('python', '?')}, Django {m.get('django', '?')}, Wagtail {m.get('wagtail', '?')}, "
             f"SQLite {m.get('sqlite', '?')}; {m.get('postgresql', '?')}; {m.get('nginx', '?')}; "
             f"{m.get('wrk', '?')}; gunicorn {m.get('gunicorn', '?')}"]
    if settings.get("connections"):
        lines.append(f"- Load: wrk, {settings['connections']} connections, {settings.get('duration', '?')} s per run, "
                     "one thread, on loopback")
    return lines


def _engine_section(engine, run):
    dataset = run["dataset"]
    lines = [f"### {ENGINE_LABELS.get(engine, engine)}", ""] + _machine_lines(run) + [
        f"- Dataset: {dataset['records']:,} records, {dataset['applications']:,} applications"
        + (f" (generated in {dataset['seconds']:.0f} s)" if dataset.get("seconds") else " (cached)")]
    if run.get("server"):
        lines.append("- Server settings: " + ", ".join(f"{name} {value}" for name, value in run["server"].items()))
    lines.append("")
    if run.get("pages"):
        lines += ["#### Pages (gunicorn, production settings)", "",
                  "| page | ours req/s | p50 ms | p99 ms | floor F req/s | limit L req/s | ours/F | ours/L "
                  "| goal | verdict | uncached req/s | uncached p50 ms | uncached/F |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|"]
        for row in page_rows(run["pages"]):
            lines.append(
                f"| {row['page']} | {_fmt(row['ours_rps'])} | {_fmt(row['ours_p50'], 2)} | "
                f"{_fmt(row['ours_p99'], 2)} | {_fmt(row['floor_rps'])} | {_fmt(row['limit_rps'])} | "
                f"{_fmt(row['ratio_floor'], 2)} | {_fmt(row['ratio_limit'], 3)} | {row['goal']} | "
                f"{row['verdict']} | {_fmt(row['uncached_rps'])} | {_fmt(row['uncached_p50'], 2)} | "
                f"{_fmt(row['ratio_floor_uncached'], 2)} |")
        rss = run["pages"].get("worker_rss_mb")
        lines += ["", f"Peak resident memory of a gunicorn worker under load: {_fmt(rss)} MB "
                  f"(goal ≤ 250 MB: {verdict(rss, 250, higher_is_better=False) or '—'}).", ""]
    if run.get("micro"):
        lines += ["#### Inner parts", "", "| measurement | value | goal | limit | verdict |", "|---|---:|---|---|---|"]
        for name, figure in run["micro"].items():
            limit = figure.get("limit")
            limit_text = f"{_fmt(limit, 2)} {figure.get('unit', '')} ({figure.get('limit_label', '')})" \
                if limit is not None else figure.get("limit_label", "—") or "—"
            lines.append(f"| {name} | {_fmt(figure['value'], 2)} {figure.get('unit', '')} | "
                         f"{figure.get('goal', '—')} | {limit_text} | {figure.get('verdict') or '—'} |")
        lines.append("")
    if run.get("notes"):
        lines += ["Notes:", ""] + [f"- {note}" for note in run["notes"]] + [""]
    return lines


def markdown(document):
    """docs/benchmarks.md without the soak section: one section per scale, one subsection per engine."""
    lines = ["# Benchmarks", "",
             "Measured by `make bench` (issue 6). Regenerate with `make bench` (100,000 records) or "
             "`BENCH_RECORDS=1000000 make bench`; each run replaces only the scale and the engines it measured. "
             "Do not edit by hand.", "",
             "Ours is the product as deployed: after the warm-up its pages come from the page cache "
             "(gongkai/portal/pagecache.py), which answers before the session, CSRF and authentication "
             "middleware; F (the framework floor) passes through the whole stack on every request; L (the physical "
             "limit) is nginx serving the same bytes from a file. *Uncached* is the product with the page cache off "
             "(every request rendered: a first visit, a page renewed by a publication, a new search query).", ""]
    order = list(ENGINE_LABELS)
    for scale in sorted(document["scales"].values(), key=lambda s: (s["records"], s["applications"])):
        lines += [f"## {scale['records']:,} records, {scale['applications']:,} applications", ""]
        engines = sorted(scale["engines"].items(),
                         key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        for engine, run in engines:
            lines += _engine_section(engine, run)
    return "\n".join(lines)


def run_markdown(results):
    """The figures of one run (what `make bench` prints)."""
    return markdown(merge({"scales": {}}, results))


def _soak_section(directory):
    """The "Soak and faults" section from soak.json beside benchmarks.md (make soak), or ''."""
    path = Path(directory) / "soak.json"
    if not path.exists():
        return ""
    from bench import soak_report

    return soak_report.markdown(json.loads(path.read_text(encoding="utf-8")))


def _write_page(document, directory):
    soak = _soak_section(directory)
    (directory / "benchmarks.md").write_text(markdown(document) + ("\n" + soak if soak else ""), encoding="utf-8")
    return directory / "benchmarks.md"


def write(results, directory):
    """Merge one run into benchmarks.json and write benchmarks.md again (with the soak section, if any)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    document = merge(load(directory), results)
    (directory / "benchmarks.json").write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return _write_page(document, directory)


def write_soak(soak, directory):
    """Write soak.json and benchmarks.md again: the benchmark figures of benchmarks.json (when there are
    any) and the "Soak and faults" section. Returns the path of benchmarks.md."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "soak.json").write_text(json.dumps(soak, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return _write_page(load(directory), directory)
