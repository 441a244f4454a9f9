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


def markdown(results):
    lines = ["# Benchmarks", "",
             "Measured by `make bench` (issue 6). Regenerate with `make bench` or "
             "`BENCH_RECORDS=1000000 make bench`; do not edit by hand.", ""]
    m = results["machine"]
    lines += ["## Machine", "", f"- Date: {results['date']}",
              f"- CPU: {m['cpu']} ({m['cores']} cores), memory {m['memory']}", f"- OS: {m['os']}",
              f"- Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, SQLite {m['sqlite']}",
              f"- {m['postgresql']}; {m['nginx']}; {m['wrk']}; gunicorn {m['gunicorn']}",
              f"- Load: wrk, {results['settings']['connections']} connections, "
              f"{results['settings']['duration']} s per run, one thread, on loopback", ""]
    for engine, run in results["engines"].items():
        dataset = run["dataset"]
        lines += [f"## {engine}", "",
                  f"Dataset: {dataset['records']:,} records, {dataset['applications']:,} applications"
                  + (f" (generated in {dataset['seconds']:.0f} s)" if dataset.get("seconds") else " (cached)"), ""]
        if run.get("pages"):
            lines += ["### Pages (gunicorn, production settings)", "",
                      "Ours is the product as deployed: after the warm-up its pages come from the page cache "
                      "(gongkai/portal/pagecache.py), which answers before the session, CSRF and authentication "
                      "middleware; F passes through the whole stack on every request. *Uncached* is the product "
                      "with the page cache off (every request rendered: a first visit, a page renewed by a "
                      "publication, a new search query).", "",
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
            lines += ["### Inner parts", "", "| measurement | value | goal | limit | verdict |",
                      "|---|---:|---|---|---|"]
            for name, figure in run["micro"].items():
                limit = figure.get("limit")
                limit_text = f"{_fmt(limit, 2)} {figure.get('unit', '')} ({figure.get('limit_label', '')})" \
                    if limit is not None else figure.get("limit_label", "—") or "—"
                lines.append(f"| {name} | {_fmt(figure['value'], 2)} {figure.get('unit', '')} | "
                             f"{figure.get('goal', '—')} | {limit_text} | {figure.get('verdict') or '—'} |")
            lines.append("")
    if results.get("notes"):
        lines += ["## Notes", ""] + [f"- {note}" for note in results["notes"]] + [""]
    return "\n".join(lines)


def _soak_section(directory):
    """The "Soak and faults" section from soak.json beside benchmarks.md (make soak), or ''."""
    path = Path(directory) / "soak.json"
    if not path.exists():
        return ""
    from bench import soak_report

    return soak_report.markdown(json.loads(path.read_text(encoding="utf-8")))


def write(results, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "benchmarks.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    soak = _soak_section(directory)
    (directory / "benchmarks.md").write_text(markdown(results) + ("\n" + soak if soak else ""), encoding="utf-8")
    return directory / "benchmarks.md"


def write_soak(soak, directory):
    """Write soak.json and benchmarks.md again: the benchmark figures of benchmarks.json (when there are
    any) and the "Soak and faults" section. Returns the path of benchmarks.md."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "soak.json").write_text(json.dumps(soak, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    bench_json = directory / "benchmarks.json"
    if bench_json.exists():
        return write(json.loads(bench_json.read_text(encoding="utf-8")), directory)
    head = ["# Benchmarks", "", "Measured by `make bench` and `make soak` (issue 6); the page and inner-part figures "
            "appear here after `make bench`. Do not edit by hand.", ""]
    (directory / "benchmarks.md").write_text("\n".join(head) + "\n" + _soak_section(directory), encoding="utf-8")
    return directory / "benchmarks.md"
