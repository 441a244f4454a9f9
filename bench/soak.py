"""`make soak`: a mixed load for five minutes with three faults, then an exact account (issue 6, "Soak and faults").

    python -m bench.soak [--seconds 300] [--smoke] [--users 6] [--cluster gongkai_soak] [--output DIR]

What runs (all on loopback, in production settings, on PostgreSQL):

- the database: a fresh copy `gongkai_soak_run` of the cached dataset `gongkai_soak` (2,000 records,
  2,000 applications; bench.data.generate) in the soak's own PostgreSQL cluster (bench/soak_pg.py:
  restarting the shared `main` cluster would cut everybody else's connections; `--cluster main`
  does it anyway);
- gunicorn with 2 sync workers (as the page benchmark, bench/servers.py), `gongkai.settings`,
  GONGKAI_PRODUCTION=1, a fresh secret and field key, the file cache and the file mail backend in
  var/bench/soak/var (mail in its `mail` directory, emptied per run); the per-address limit of
  online applications (GONGKAI_APPLY_PER_HOUR) is lifted, since every visitor comes from 127.0.0.1;
- the task worker `manage.py task_worker` (gongkai/sweep: django-tasks-db's db_worker that waits out
  database outages), kept running as systemd's Restart=always would: when it exits by itself it is
  started again after RESTART_DELAY, and each such exit is reported. SOAK_WORKER_COMMAND=db_worker
  runs the package's own worker instead (it exits on the database restart);
- the office side (class Staff): every 1/STEPS of the load the periodic sweep
  (`gongkai.sweep.jobs.run_all`, as cron would run it) and the deadline warnings of the next calendar day
  (`notifications.queue_due_warnings(day)`, the sweep's own function, one simulated day per step),
  so that deadline-warning mails are queued all through the run — the only mails the product
  sends — and the product's own recovery of lost mail tasks runs as it would in an office;
- the visitors: bench/soak_client.py in a process of its own, `--users` threads browsing record,
  catalogue and home pages, searching, applying online through the real form (CAPTCHA solved from
  the page, identity proof uploaded, receipt read) and looking applications up by tracking code.
  Contributions of the public other than applications (comments, consultations) do not exist in
  the product, so there are none in the mix.

The faults, at 20 %, 43 % and 67 % of the load:

1. SIGKILL of one gunicorn worker (the master forks a new one);
2. SIGKILL of the task worker while it runs a mail task (the office side queues a burst of mails
   first; the kill waits up to 5 s for a task in RUNNING state), then the worker is started again;
3. a restart of the PostgreSQL server: `pg_ctlcluster --skip-systemctl-redirect <version> <cluster>
   restart` (fast shutdown: every open connection is terminated).

Afterwards the load stops, the sweep runs (as cron would) until the mail queue is empty or DRAIN
seconds pass, the servers stop, and bench/soak_verify.py accounts for everything:

- fault windows and recovery times (a window closes at the first success after the last failure it
  owns; recovery ≤ 10 s is the goal), 5xx, unanswered requests and unexpected answers inside and
  outside the windows (outside: none is the goal);
- the mail queue's recovery after the worker kill (first mail task finished by the new worker) and
  the database restart (first mail task started after the pages recovered and finished), ≤ 10 s;
- applications: every receipt a visitor got is in the database exactly once with its number,
  tracking code and identity proof; nothing stored twice; anything stored whose visitor got no
  receipt is reported as "accepted without receipt";
- mails: every warning the run wrote is mailed exactly once (the mail's Message-ID names its
  warning) or was found by its task not to be sent (case concluded, due date moved); no mail twice,
  none missing, no mail task left in the queue.

It prints a table, writes `soak.json` (every figure) to the output directory (docs/, or
var/bench/soak-smoke/ with --smoke) and regenerates benchmarks.md there with a "Soak and faults"
section (bench/report.py). The exit status is 1 when a goal is missed, 2 when the run itself failed.

`--smoke` runs the same code path with all three faults on a 45-second load (about 80 s in all
once the dataset is cached); the first run on a machine also creates the cluster and the dataset
(about 2 minutes more). The full run takes about 7 minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from bench import servers, soak_pg, soak_verify
from bench.django_setup import BENCH_VAR, ROOT

SOAK_DIR = BENCH_VAR / "soak"
SOAK_VAR = SOAK_DIR / "var"
RECORDS = 2000
APPLICATIONS = 2000
WORKERS = 2
FAULT_AT = {"gunicorn_worker": 0.20, "task_worker": 0.43, "postgres": 0.67}
FULL = {"seconds": 300, "users": 6, "drain": 90}
SMOKE = {"seconds": 45, "users": 4, "drain": 45}
STEPS = 30  # office-side steps over the load (one simulated day each)
RESTART_DELAY = 1.0  # systemd's RestartSec for the task worker
WORKER_COMMAND = os.environ.get("SOAK_WORKER_COMMAND", "task_worker")  # db_worker: the package's own, for comparison
RUNNING_WAIT = 5.0  # how long the task-worker fault waits for a task in RUNNING state


def log(message):
    print(f"soak: {message}", flush=True)


# --- the task worker, supervised ---------------------------------------------------------------------------


class TaskWorker:
    """`manage.py task_worker` in its own process group, started again when it exits by itself."""

    def __init__(self, environ, log_dir):
        self.environ, self.log_dir = environ, Path(log_dir)
        self.process = None
        self.generation = 0
        self.lock = threading.Lock()
        self.events = []  # {"at", "what": "start"|"exit"|"kill", "worker_id", "code"}
        self.stopping = False
        self.thread = threading.Thread(target=self._watch, name="task-worker-supervisor", daemon=True)

    @property
    def worker_id(self):
        return f"soak-{self.generation}"

    def start(self):
        with self.lock:
            self._start()
        self.thread.start()

    def _start(self):
        self.generation += 1
        argv = [sys.executable, "manage.py", WORKER_COMMAND, "--interval", "1", "--no-startup-delay",
                "--worker-id", self.worker_id, "-v", "1"]
        self.process = servers._start(argv, environ=self.environ, log_path=self.log_dir / "task-worker.log")
        self.events.append({"at": time.time(), "what": "start", "worker_id": self.worker_id, "pid": self.process.pid})

    def _watch(self):
        while not self.stopping:
            time.sleep(0.2)
            with self.lock:
                if self.stopping or self.process.poll() is None:
                    continue
                self.events.append({"at": time.time(), "what": "exit", "worker_id": self.worker_id,
                                    "code": self.process.returncode})
            time.sleep(RESTART_DELAY)
            with self.lock:
                if not self.stopping:
                    self._start()

    def kill_and_restart(self):
        """The fault: SIGKILL (the whole process group), then a new worker at once. Returns the killed id."""
        with self.lock:
            killed = self.worker_id
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.events.append({"at": time.time(), "what": "kill", "worker_id": killed})
            self._start()
        return killed

    def stop(self):
        with self.lock:
            self.stopping = True
            servers.stop(self.process)

    def unplanned_exits(self):
        return [e for e in self.events if e["what"] == "exit"]


# --- the office side ------------------------------------------------------------------------------------------


class Staff:
    """Every `interval` seconds: the sweep and the deadline warnings of the next simulated day (see the docstring)."""

    def __init__(self, interval, first_day, last_day):
        self.interval, self.day, self.last_day = interval, first_day, last_day
        self.lock = threading.Lock()
        self.steps = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="staff", daemon=True)

    def _loop(self):
        while not self.stopping.wait(self.interval):
            self.step()

    def step(self, *, advance=True, until_written=False, sweep=True):
        """One step: the warnings of the next simulated day (with `until_written`, further days until one is
        written, at most 7) unless not `advance`, then the sweep unless not `sweep`. Returns the warnings written."""
        from django.db import close_old_connections, connection
        from django.utils import timezone

        from gongkai.applications import notifications
        from gongkai.sweep import jobs

        with self.lock:
            record = {"at": time.time(), "days": [], "written": 0, "sweep": None, "error": None}
            try:
                close_old_connections()
                for _ in range(7 if until_written else 1 if advance else 0):
                    if self.day > self.last_day:
                        break
                    written, _unknown = notifications.queue_due_warnings(self.day)
                    record["days"].append(self.day.isoformat())
                    record["written"] += written
                    self.day += dt.timedelta(days=1)
                    if written or not until_written:
                        break
                if sweep:
                    record["sweep"] = [(label, ok, summary) for label, ok, summary in jobs.run_all(timezone.now())]
            except Exception as exc:  # noqa: BLE001 — the database may be down: try again next step
                record["error"] = f"{type(exc).__name__}: {exc}"[:300]
                with contextlib.suppress(Exception):
                    connection.close()
            record["end"] = time.time()
            self.steps.append(record)
            return record["written"]

    def last_written_at(self):
        return max((s["end"] for s in self.steps if s["written"]), default=0.0)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=120)


# --- the run ---------------------------------------------------------------------------------------------------


def targets(count=150):
    """The pages the visitors load: record detail pages, catalogue pages, the search query mix."""
    import urllib.parse

    from bench import pages
    from gongkai.disclosure.public_views import public_records
    from gongkai.disclosure.site_tree import CATALOGUE_PATH, record_path

    chosen = pages.select_targets(None)
    pks = list(public_records().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(pks) // count)
    catalogue = chosen["catalogue"]
    return {
        "records": [record_path(pk) for pk in pks[::step][:count]],
        "catalogue": [CATALOGUE_PATH + "?" + urllib.parse.urlencode({"category": catalogue["category"], "page": page})
                      for page in range(1, catalogue["pages"] + 1)][:50],
        "search": chosen["search"]["paths"],
    }


def environment(database):
    environ = servers.production_environ(database, var_dir=SOAK_VAR)
    environ.update({
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_APPLY_PER_HOUR": "1000000",  # every visitor comes from 127.0.0.1
        "GONGKAI_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    })
    return environ


def start_gunicorn(environ, log_dir):
    port = servers.free_port()
    log_path = Path(log_dir) / "gunicorn.log"
    process = servers._start(servers.gunicorn_argv(port=port, workers=WORKERS, log_path=log_path),
                             environ=environ, log_path=log_path)
    server = servers.Server(process, port, log_path, {"workers": WORKERS})
    try:
        servers.wait_until_ready(server.url("/"), process, log_path=log_path)
        deadline = time.monotonic() + servers.READY_TIMEOUT
        while len(server.worker_pids()) < WORKERS:
            if process.poll() is not None or time.monotonic() > deadline:
                raise servers.BenchError("gunicorn workers did not start")
            time.sleep(0.1)
    except BaseException:
        servers.stop(process)
        raise
    return server


def wait_for_running_task(worker_id, timeout=RUNNING_WAIT):
    """The task the worker `worker_id` is running, waited for up to `timeout` s; None if it ran none meanwhile."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.time() + timeout
    while time.time() < deadline:
        row = (DBTaskResult.objects.filter(status="RUNNING", worker_ids__contains=[worker_id])
               .values("id", "args_kwargs").first())
        if row:
            return {"task": str(row["id"]), "warning": row["args_kwargs"]["args"][0]}
        time.sleep(0.005)
    return None


def wait_respawned(server, count, victim, timeout=30.0):
    """Seconds until gunicorn has `count` workers again besides `victim` (None after `timeout`)."""
    started = time.time()
    while time.time() - started < timeout:
        if len([pid for pid in server.worker_pids() if pid != victim]) >= count:
            return round(time.time() - started, 2)
        time.sleep(0.05)
    return None


def inject(name, *, server, worker, staff, cluster):
    """Cause one fault; returns its record (`at` is when it struck)."""
    if name == "gunicorn_worker":
        victim = server.worker_pids()[0]
        at = time.time()
        os.kill(victim, signal.SIGKILL)
        return {"name": name, "at": at, "pid": victim, "respawned_after": wait_respawned(server, WORKERS, victim)}
    if name == "task_worker":
        burst = staff.step(until_written=True, sweep=False)
        running = wait_for_running_task(worker.worker_id)
        at = time.time()
        killed = worker.kill_and_restart()
        return {"name": name, "at": at, "worker_id": killed, "burst": burst, "running": running,
                "restarted_as": worker.worker_id}
    if name == "postgres":
        at = time.time()
        cluster.restart()
        back = time.time()
        staff.step(until_written=True)
        return {"name": name, "at": at, "restart_seconds": round(back - at, 2), "back": back}
    raise ValueError(name)


def queue_state():
    """(ready, running): tasks of any kind waiting to run now, and mail tasks running.

    Other tasks (Wagtail's index updates) left RUNNING by a killed worker are never run again by
    anyone; they are counted by collect(), not waited for.
    """
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from gongkai.applications.tasks import send_deadline_warning

    ready = DBTaskResult.objects.filter(status="READY", run_after__lte=timezone.now()).count()
    running = DBTaskResult.objects.filter(status="RUNNING", task_path=send_deadline_warning.module_path).count()
    return ready, running


def drain(staff, seconds):
    """Run the sweep (as cron would) until the mail queue is idle; True when it got there within `seconds`.

    Idle: no mail task waiting or running, no mail queued again by the last sweep, and every
    warning old enough for the sweep to judge it lost (tasks.LOST_AFTER) judged twice.
    """
    from gongkai.applications.tasks import LOST_AFTER

    deadline = time.time() + seconds
    quiet = 0
    while time.time() < deadline:
        staff.step(advance=False)
        last = staff.steps[-1]
        try:
            ready, running = queue_state()
        except Exception:  # noqa: BLE001 — the database may still be recovering
            ready = running = 1
        requeued = any("重新排队" in (summary or "") for _label, _ok, summary in (last.get("sweep") or ()))
        quiet = quiet + 1 if not (ready or running or requeued or last["error"]) else 0
        if quiet >= 2 and time.time() - staff.last_written_at() > LOST_AFTER.total_seconds():
            return True
        time.sleep(2)
    return False


def collect(run_started):
    """What the run left in the database: applications, warnings with their tasks, task counts."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from gongkai.applications.models import DeadlineWarning, DisclosureApplication
    from gongkai.applications.tasks import send_deadline_warning

    applications = [
        {"token": row["submission_token"], "code": row["tracking_code"], "number": row["number"],
         "proofs": row["proofs"]}
        for row in DisclosureApplication.objects.filter(submission_token__isnull=False)
        .annotate(proofs=Count("identity_proofs")).values("submission_token", "tracking_code", "number", "proofs")
    ]
    results = list(DBTaskResult.objects.filter(task_path=send_deadline_warning.module_path)
                   .values("id", "status", "args_kwargs", "return_value", "worker_ids", "started_at", "finished_at",
                           "exception_class_path", "enqueued_at"))
    outcome = {}
    for row in sorted(results, key=lambda r: r["finished_at"] or r["enqueued_at"]):
        if row["status"] == "SUCCESSFUL":
            outcome[row["args_kwargs"]["args"][0]] = row["return_value"]
    warnings = [{"pk": pk, "sent": sent is not None, "outcome": outcome.get(pk)}
                for pk, sent in DeadlineWarning.objects.values_list("pk", "sent_at")]
    statuses = {}
    for row in results:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    interrupted = sum(1 for row in results if row["exception_class_path"].endswith(".Interrupted"))
    failed = {}
    for row in results:
        if row["status"] == "FAILED":
            failed[row["exception_class_path"]] = failed.get(row["exception_class_path"], 0) + 1
    finished = sorted((row["finished_at"].timestamp(), row["started_at"].timestamp(), (row["worker_ids"] or [""])[-1])
                      for row in results if row["status"] == "SUCCESSFUL" and row["finished_at"] and row["started_at"])
    by_path = {}
    for path, status in DBTaskResult.objects.values_list("task_path", "status"):
        by_path.setdefault(path, {}).setdefault(status, 0)
        by_path[path][status] += 1
    return {"applications": applications, "warnings": warnings,
            "tasks": {"results": len(results), "statuses": statuses, "interrupted": interrupted, "failed": failed,
                      "runs_per_warning_max": max(_runs(results).values(), default=0), "by_path": by_path,
                      "mail_left": statuses.get("READY", 0) + statuses.get("RUNNING", 0),
                      "other_left_running": sum(counts.get("RUNNING", 0) for path, counts in by_path.items()
                                                if path != send_deadline_warning.module_path)},
            "finished": finished}


def _runs(results):
    counts = {}
    for row in results:
        pk = row["args_kwargs"]["args"][0]
        counts[pk] = counts.get(pk, 0) + 1
    return counts


def queue_recovery(finished, fault, *, since=None, not_worker=None):
    """Seconds from the fault until a mail task that started at `since` or later (default: the fault) finished
    successfully, run by a worker other than `not_worker`; None when none did."""
    since = fault["at"] if since is None else since
    for finished_at, started_at, worker_id in finished:
        if finished_at > fault["at"] and started_at >= since and worker_id != not_worker:
            return round(finished_at - fault["at"], 2)
    return None


def run(args):
    from bench import django_setup
    from bench.data.generate import ensure_dataset

    settings_ = {"seconds": args.seconds, "users": args.users, "records": RECORDS, "applications": APPLICATIONS,
                 "smoke": args.smoke, "workers": WORKERS, "cluster": args.cluster, "task_worker": WORKER_COMMAND}
    log(f"PostgreSQL cluster {args.cluster} …")
    cluster = soak_pg.ensure_cluster(args.cluster)
    log(f"dataset {RECORDS:,} records, {APPLICATIONS:,} applications in {cluster.url(soak_pg.DATASET_DB)} …")
    dataset = ensure_dataset(records=RECORDS, applications=APPLICATIONS, database=cluster.url(soak_pg.DATASET_DB))
    database = soak_pg.fresh_copy(cluster)
    settings_.update(database=database, postgresql_version=cluster.version)
    shutil.rmtree(SOAK_VAR / "mail", ignore_errors=True)
    shutil.rmtree(SOAK_VAR / "cache", ignore_errors=True)
    log_dir = SOAK_DIR / "logs"
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir(parents=True)
    django_setup.setup(database, GONGKAI_VAR_DIR=SOAK_VAR, GONGKAI_DEBUG="0")
    from django.db import connections
    from django.utils import timezone

    pages_targets = targets()
    connections.close_all()
    (SOAK_DIR / "targets.json").write_text(json.dumps(pages_targets, ensure_ascii=False))
    environ = environment(database)
    servers.collectstatic(environ, var_dir=SOAK_VAR)

    server = worker = staff = load = None
    faults = []
    try:
        log(f"gunicorn ({WORKERS} workers) and the task worker …")
        server = start_gunicorn(environ, log_dir)
        worker = TaskWorker(environ, log_dir)
        worker.start()
        today = timezone.localdate()
        staff = Staff(args.seconds / STEPS, today, today + dt.timedelta(days=STEPS + 2))
        output = SOAK_DIR / "load.json"
        output.unlink(missing_ok=True)
        log(f"load: {args.users} visitors for {args.seconds:.0f} s; faults at "
            + ", ".join(f"{name} {share * args.seconds:.0f} s" for name, share in FAULT_AT.items()))
        load_started = time.time()
        load = servers._start([sys.executable, "-m", "bench.soak_client", "--base-url", server.base_url,
                               "--targets", str(SOAK_DIR / "targets.json"), "--seconds", str(args.seconds),
                               "--users", str(args.users), "--output", str(output)],
                              environ={**os.environ, "PYTHONPATH": str(ROOT)}, log_path=log_dir / "client.log")
        staff.start()
        for name, share in sorted(FAULT_AT.items(), key=lambda item: item[1]):
            time.sleep(max(0.0, load_started + share * args.seconds - time.time()))
            fault = inject(name, server=server, worker=worker, staff=staff, cluster=cluster)
            log(f"fault {name} at {fault['at'] - load_started:.1f} s")
            faults.append(fault)
        load_end = load_started + args.seconds
        load.wait(timeout=args.seconds + 180)
        staff.stop()
        log("load done; draining the mail queue …")
        drained = drain(staff, args.drain)
    finally:
        if load is not None and load.poll() is None:
            servers.stop(load)
        if staff is not None:
            staff.stopping.set()
        if worker is not None:
            worker.stop()
        if server is not None:
            servers.stop(server.process)
    if load.returncode != 0 or not output.exists():
        raise servers.BenchError(f"the load generator failed (exit {load.returncode}): "
                                 f"{(log_dir / 'client.log').read_text(errors='replace')[-2000:]}")
    client = json.loads(output.read_text(encoding="utf-8"))
    state = collect(load_started)
    connections.close_all()
    if not cluster.was_running:
        cluster.ctl("stop")
    return assemble(settings_, dataset, client, state, faults, worker, staff, load_started, load_end, drained)


def assemble(settings_, dataset, client, state, faults, worker, staff, load_started, load_end, drained):
    """Every figure of the run, and the goals with their verdicts."""
    from bench import report, soak_report

    requests = [tuple(r) for r in client["requests"]]
    windows = soak_verify.fault_windows(requests, [{"name": f["name"], "at": f["at"]} for f in faults], load_end)
    for fault, window in zip(faults, windows, strict=True):
        fault.update(end=window["end"], recovery=window["recovery"], failures=window["failures"])
        if fault["name"] == "task_worker":
            fault["queue_recovery"] = queue_recovery(state["finished"], fault, not_worker=fault["worker_id"])
        elif fault["name"] == "postgres":
            # Mail tasks that ran before the server actually went down do not show recovery: count from the
            # later of the pages' recovery and the task worker's last exit in the window.
            exits = [e["at"] for e in worker.unplanned_exits() if fault["at"] <= e["at"] <= fault["at"] + 60]
            fault["worker_exits"] = len(exits)
            fault["queue_recovery"] = None if window["end"] is None else \
                queue_recovery(state["finished"], fault, since=max([window["end"], *exits]))
    exits = worker.unplanned_exits()
    figures = {
        "requests": soak_verify.request_figures(requests, windows),
        "applications": soak_verify.application_figures(client["applications"], state["applications"]),
        "mails": soak_verify.mail_figures(state["warnings"], soak_verify.read_mail_dir(SOAK_VAR / "mail")),
    }
    staff_errors = [s for s in staff.steps if s["error"]]
    sweep_failures = [(label, summary) for s in staff.steps for label, ok, summary in (s.get("sweep") or ()) if not ok]
    results = {
        "date": dt.datetime.fromtimestamp(load_started, tz=dt.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": report.machine(), "settings": settings_, "dataset": dataset,
        "load_seconds": round(load_end - load_started, 1),
        "faults": [{k: (round(v - load_started, 2) if k in ("at", "end", "back") and v else v)
                    for k, v in fault.items()} for fault in faults],
        **figures,
        "tasks": {**state["tasks"], "worker_exits": [{"at": round(e["at"] - load_started, 2), "code": e["code"],
                                                      "worker_id": e["worker_id"]} for e in exits],
                  "drained": drained},
        "staff": {"steps": len(staff.steps), "errors": len(staff_errors),
                  "error_samples": [f"{s['at'] - load_started:.1f} s: {s['error']}" for s in staff_errors[:5]],
                  "sweep_failures": sweep_failures[:10],
                  "warnings_written": sum(s["written"] for s in staff.steps)},
    }
    results["goals"] = soak_report.goals(results)
    results["passed"] = all(goal["verdict"] in ("met", "—") for goal in results["goals"])
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=None, help="length of the load (default 300, smoke 45)")
    parser.add_argument("--users", type=int, default=None, help="concurrent visitors (default 6, smoke 4)")
    parser.add_argument("--smoke", action="store_true", help="a short run of the same code path, output to "
                                                             "var/bench/soak-smoke")
    parser.add_argument("--cluster", default=os.environ.get("SOAK_PG_CLUSTER", soak_pg.DEFAULT_CLUSTER))
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)
    base = SMOKE if args.smoke else FULL
    args.seconds = args.seconds or base["seconds"]
    args.users = args.users or base["users"]
    args.drain = base["drain"]
    output = Path(args.output) if args.output else (BENCH_VAR / "soak-smoke" if args.smoke else ROOT / "docs")
    started = time.monotonic()
    try:
        results = run(args)
    except (servers.BenchError, soak_pg.ClusterError, subprocess.SubprocessError) as exc:
        traceback.print_exc()
        print(f"soak: the run failed: {exc}", file=sys.stderr)
        return 2
    results["wall_seconds"] = round(time.monotonic() - started, 1)
    from bench import report, soak_report

    print(soak_report.table(results))
    path = report.write_soak(results, output)
    print(f"soak: written {path} and {path.with_name('soak.json')} ({results['wall_seconds']:.0f} s in all)")
    if not results["passed"]:
        missed = [g["figure"] for g in results["goals"] if g["verdict"] not in ("met", "—")]
        print("soak: goals missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
