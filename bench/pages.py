"""Page loads under gunicorn + wrk beside the physical limit and the framework floor (issue 6).

For four public pages — a record detail page, a catalogue list page deep in a category (page 500),
the home page and the search results page over a fixed query mix — this measures, one after the
other on the same machine, with the same wrk settings (one thread, `connections` connections,
`duration` seconds, on loopback):

- ours: the product in production settings under gunicorn (bench/servers.py), as deployed: after the
  warm-up its pages come from the page cache (gongkai/portal/pagecache.py);
- uncached: the same with the page cache off (GONGKAI_PAGE_CACHE_SECONDS=0), every request rendered —
  what a first visit, a page just renewed by a publication or a new search query costs;
- F, the framework floor: a minimal Django view in the same gunicorn (same settings, same middleware)
  returning the same bytes from memory (bench/floor.py);
- L, the physical limit: nginx serving a saved copy of exactly the same HTML as a static file.

Each page is fetched once through the product first; its exact bytes are saved to
var/bench/pages/<name>.html, the source of both F and L (for the search page: the first query's
results). Every URL must answer 200 with a non-empty HTML body and wrk must see no error response, or
the run fails: a benchmark of error pages is worthless. Each URL is warmed up before it is timed.
The peak resident memory (VmHWM) of the gunicorn workers over the whole run is `worker_rss_mb`.

    python -m bench.pages --database var/bench/dev.sqlite3 [--duration 10] [--connections 16] [--quick]
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

from bench import servers
from bench.django_setup import BENCH_VAR
from bench.floor import URL_PREFIX

PAGES = ("record", "catalogue", "home", "search")
PAGES_DIR = BENCH_VAR / "pages"
WRK_DIR = BENCH_VAR / "wrk"
WORKERS = 2  # gunicorn workers and nginx worker processes (see bench/servers.py: fairness)
CATALOGUE_PAGE = 500  # the issue: "a catalogue list page deep in a category (page 500)"
WARMUP_SECONDS = 3
WARMUP_SECONDS_QUICK = 1

# The fixed query mix of the search page: 1–6 characters, names, phrases, and filters. The filter
# values that depend on the data (category, year, department) are filled in by select_targets().
QUERY_MIX = (
    {"q": "通知"},
    {"q": "行政处罚"},
    {"q": "食品安全"},
    {"q": "抽查"},
    {"q": "罚"},
    {"q": "预算"},
    {"q": "许可"},
    {"q": "白酒"},
    {"q": "政策解读"},
    {"q": "产品质量监督"},
    {"q": "营业执照"},
    {"q": "王"},
    {"q": "王建华"},
    {"q": "消费者权益"},
    {"q": "自行车头盔"},
    {"q": "示范市 电梯"},
    {"q": "行政处罚", "category": "{category}"},
    {"q": "通知", "order": "date"},
    {"q": "抽查", "year": "{year}"},
    {"q": "预算", "department": "{department}"},
)


# --- Choosing the URLs --------------------------------------------------------------------------

def catalogue_choice(counts_by_category, per_page, wanted=CATALOGUE_PAGE):
    """The category with the most public records and the page to load: `wanted`, or the deepest page.

    `counts_by_category` maps a top-level category code to its public records (children included).
    """
    if not counts_by_category:
        raise servers.BenchError("no published record: the dataset is empty")
    code, count = max(counts_by_category.items(), key=lambda item: (item[1], item[0]))
    pages = max(1, math.ceil(count / per_page))
    return {"category": code, "records": count, "pages": pages, "page": min(wanted, pages)}


def search_paths(values, mix=QUERY_MIX):
    """The search page URLs of the query mix, the data-dependent filters filled in from `values`."""
    paths = []
    for query in mix:
        params = {name: value.format(**values) for name, value in query.items()}
        paths.append("/xxgk/search/?" + urllib.parse.urlencode(params))
    return paths


def _select_in_process():
    """The URLs of the four pages on the database Django is set up for (see select_targets)."""
    from django.db.models import Count, Max, Min
    from django.utils import timezone

    from gongkai.disclosure.models import Category
    from gongkai.disclosure.public_views import PER_PAGE, public_records
    from gongkai.disclosure.site_tree import CATALOGUE_PATH, record_path

    public = public_records()
    bounds = public.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        raise servers.BenchError("no published record: the dataset is empty")
    # A record in the middle of the table (by primary key), not the newest one the home page shows.
    record = public.filter(pk__gte=(bounds["low"] + bounds["high"]) // 2).order_by("pk").first()

    # Records per Art. 20 item, a sub-category counting towards its parent (as the catalogue filters).
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    codes = dict(Category.objects.values_list("pk", "code"))
    counts = {}
    for row in public.values("category_id").annotate(n=Count("pk")).order_by():
        top = parents.get(row["category_id"]) or row["category_id"]
        counts[codes[top]] = counts.get(codes[top], 0) + row["n"]
    catalogue = catalogue_choice(counts, PER_PAGE)
    catalogue["path"] = CATALOGUE_PATH + "?" + urllib.parse.urlencode(
        {"category": catalogue["category"], "page": catalogue["page"]})

    published = timezone.localtime(record.published_at) if record.published_at else timezone.localtime()
    values = {"category": catalogue["category"], "year": str(published.year), "department": str(record.department_id)}
    paths = search_paths(values)
    return {
        "record": {"path": record_path(record.pk), "pk": record.pk},
        "catalogue": catalogue,
        "home": {"path": "/"},
        "search": {"path": paths[0], "paths": paths, "queries": len(paths)},
    }


def select_targets(database):
    """The path of each page on `database` (and what was chosen): in this process when Django is set
    up (bench.run's child), otherwise in a child process (Django is set up once per process)."""
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        try:
            return _select_in_process()
        finally:
            connections.close_all()
    import subprocess

    from bench.django_setup import ROOT

    run = subprocess.run([sys.executable, "-m", "bench.pages", "--select", "--database", str(database)],
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise servers.BenchError(f"choosing the pages failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


# --- Checks -------------------------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a failure here: wrk would time the redirect, not the page


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url):
    """The body of url, which must answer 200 with a non-empty HTML body; otherwise BenchError."""
    try:
        with _opener.open(url, timeout=60) as response:
            status, content_type, body = response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        raise servers.BenchError(f"{url} answered {error.code}, not 200: a benchmark of an error page is "
                                 "worthless") from error
    except OSError as error:
        raise servers.BenchError(f"{url} did not answer: {error}") from error
    if status != 200:
        raise servers.BenchError(f"{url} answered {status}, not 200")
    if not body.strip():
        raise servers.BenchError(f"{url} answered an empty body")
    if not content_type.startswith("text/html"):
        raise servers.BenchError(f"{url} answered {content_type!r}, not HTML")
    return body


def lua_script(paths):
    """A wrk script that cycles through `paths` (one Lua state per wrk thread)."""
    quoted = ",\n".join(f'  "{p}"' for p in paths)  # URL-encoded: no quote or backslash to escape
    if any('"' in p or "\\" in p for p in paths):
        raise ValueError("paths must be URL-encoded")
    return ("-- Generated by bench/pages.py: the fixed query mix of the search page.\n"
            f"local paths = {{\n{quoted}\n}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i % #paths + 1\n"
            '  return wrk.format("GET", paths[i])\n'
            "end\n")


def ratio(ours, other):
    """ours/other of requests per second, None when the other side has no figure."""
    if not other or not other.get("rps"):
        return None
    return ours["rps"] / other["rps"]


def summary(result):
    return {"rps": result["rps"], "p50_ms": result["p50_ms"], "p99_ms": result["p99_ms"],
            "p90_ms": result["p90_ms"], "requests": result.get("requests"),
            "socket_errors": sum(result.get("socket_errors", {}).values())}


class RssSampler:
    """Polls the peak resident memory (VmHWM) of the gunicorn workers while the loads run."""

    def __init__(self, server, interval=0.5):
        self.server, self.interval = server, interval
        self.peak_mb = 0.0
        self.pids = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        pids = self.server.worker_pids()
        self.pids.update(pids)
        for pid in pids:
            self.peak_mb = max(self.peak_mb, servers.peak_rss_kb(pid) / 1024)

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


# --- The run ------------------------------------------------------------------------------------

def _load(url, *, duration, connections, warmup, script=None):
    servers.wrk(url, duration=warmup, connections=connections, script=script)
    return servers.wrk(url, duration=duration, connections=connections, script=script)


def run_all(*, database, duration, connections, quick):
    """Measure the four pages on `database`; returns {"pages": {name: figures}, "worker_rss_mb": MB, ...}."""
    targets = select_targets(database)
    shutil.rmtree(PAGES_DIR, ignore_errors=True)
    PAGES_DIR.mkdir(parents=True)
    WRK_DIR.mkdir(parents=True, exist_ok=True)
    script = WRK_DIR / "search.lua"
    script.write_text(lua_script(targets["search"]["paths"]))
    warmup = WARMUP_SECONDS_QUICK if quick else WARMUP_SECONDS
    results = {}
    with servers.gunicorn(database, workers=WORKERS, pages_dir=PAGES_DIR) as app:
        for name in PAGES:
            (PAGES_DIR / f"{name}.html").write_bytes(fetch(app.url(targets[name]["path"])))
        for path in targets["search"]["paths"][1:]:
            fetch(app.url(path))  # every query of the mix must be a results page, not an error
        with servers.nginx(PAGES_DIR, workers=WORKERS, probe="/home.html") as static:
            for name in PAGES:
                saved = (PAGES_DIR / f"{name}.html").read_bytes()
                for side, url in (("floor", app.url(f"/{URL_PREFIX}{name}")), ("limit", static.url(f"/{name}.html"))):
                    if fetch(url) != saved:
                        raise servers.BenchError(f"{side} does not serve the saved bytes of {name}: {url}")
            with RssSampler(app) as rss:
                for name in PAGES:
                    sides = {
                        "ours": (app.url(targets[name]["path"]), script if name == "search" else None),
                        "floor": (app.url(f"/{URL_PREFIX}{name}"), None),
                        "limit": (static.url(f"/{name}.html"), None),
                    }
                    figures = {side: summary(_load(url, duration=duration, connections=connections,
                                                   warmup=warmup, script=lua))
                               for side, (url, lua) in sides.items()}
                    figures["ratio_floor"] = ratio(figures["ours"], figures["floor"])
                    figures["ratio_limit"] = ratio(figures["ours"], figures["limit"])
                    figures["bytes"] = len((PAGES_DIR / f"{name}.html").read_bytes())
                    figures["target"] = {k: v for k, v in targets[name].items() if k != "paths"}
                    results[name] = figures
            restarted = bool(rss.pids - set(app.worker_pids()))
    # The same pages rendered on every request (the page cache off): what a first visit, a page
    # just renewed by a publication, or a search nobody made before costs.
    with servers.gunicorn(database, workers=WORKERS, pages_dir=PAGES_DIR,
                          extra_environ={"GONGKAI_PAGE_CACHE_SECONDS": "0"}) as app:
        for name in PAGES:
            url = app.url(targets[name]["path"])
            fetch(url)  # 200 and HTML, as above
            lua = script if name == "search" else None
            figures = results[name]
            figures["uncached"] = summary(_load(url, duration=duration, connections=connections,
                                                warmup=warmup, script=lua))
            figures["ratio_floor_uncached"] = ratio(figures["uncached"], figures["floor"])
    return {
        "pages": results,
        "worker_rss_mb": round(rss.peak_mb, 1),
        "workers": WORKERS,
        "workers_restarted": restarted,
        "duration": duration,
        "connections": connections,
        "warmup_seconds": warmup,
    }


def table(figures):
    """A plain-text table of run_all's figures."""
    lines = [f"{'page':<10} {'side':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  ratio"]
    for name, page in figures["pages"].items():
        for side in ("ours", "uncached", "floor", "limit"):
            row = page.get(side)
            if row is None:
                continue
            note = ""
            if side == "uncached":
                note = f"uncached/F = {page['ratio_floor_uncached']:.2f}"
            elif side == "floor":
                note = f"ours/F = {page['ratio_floor']:.2f}"
            elif side == "limit":
                note = f"ours/L = {page['ratio_limit']:.3f}"
            lines.append(f"{name:<10} {side:<8} {row['rps']:>9.1f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f}  {note}")
        target = page["target"]
        lines.append(f"{'':<10} {page['bytes']:,} bytes; {target.get('path')}"
                     + (f" (page {target['page']} of {target['pages']})" if name == "catalogue" else ""))
    lines.append(f"peak worker RSS: {figures['worker_rss_mb']} MB ({figures['workers']} workers)")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Page loads: ours beside the framework floor and nginx.")
    parser.add_argument("--database", required=True, help="a SQLite file path or a postgres:// URL")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--select", action="store_true", help="only print the chosen URLs as JSON")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.select:
        from bench import django_setup

        django_setup.setup(args.database)
        print(json.dumps(_select_in_process(), ensure_ascii=False))
        return 0
    figures = run_all(database=args.database, duration=args.duration, connections=args.connections,
                      quick=args.quick)
    print(json.dumps(figures, ensure_ascii=False, indent=1) if args.json else table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
