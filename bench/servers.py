"""The servers and the load generator of the page benchmarks (issue 6): gunicorn, nginx and wrk.

- `gunicorn(database, ...)` runs the real WSGI application `gongkai.wsgi:application` in production
  settings (GONGKAI_PRODUCTION=1, DEBUG off, a fresh 50-character secret key and Fernet field key per
  run, whitenoise over static files collected into the bench var directory). The settings module is
  `bench.floor_settings`: the product's settings unchanged except for a URLconf that adds the
  framework-floor view (F) in front of the product's URLs, so ours and F share one server.
- `nginx(root_dir, ...)` serves saved copies of the pages as static files: the physical limit (L).
- `wrk(url, ...)` runs the Debian `wrk` binary as a separate process on loopback and parses its
  `--latency` report.

Fairness: gunicorn runs `workers` sync worker processes (default 2, one per core of the reference
machine) and nginx runs the same number of worker processes (`worker_processes` = `workers`, not
`auto`), so that L and ours get the same number of server processes. wrk uses one thread, and the
same duration and connection count, against all three. Each server keeps its own connection
behaviour: gunicorn's sync workers close the connection after every response (so wrk reconnects,
for ours and F alike), nginx keeps connections alive — part of what the physical limit is.

Every server is started in its own process group and stopped (TERM, then KILL) in a `finally`, so
that a failing benchmark leaves no orphan processes behind. All files (configuration, logs, pid and
temporary files, collected static files) live under var/bench.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.django_setup import BENCH_VAR, ROOT, database_environ
from bench.floor import PAGES_DIR_ENV

# The var directory of the benchmark servers: STATIC_ROOT is VAR_DIR/static, the file cache VAR_DIR/cache.
SERVER_VAR = BENCH_VAR / "var"
FLOOR_SETTINGS = "bench.floor_settings"
READY_TIMEOUT = 60.0


class BenchError(RuntimeError):
    """A benchmark cannot give a meaningful figure (a server did not start, a page is an error...)."""


# --- Production environment ---------------------------------------------------------------------

def secret_key(length=50):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def fernet_key():
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def production_environ(database, *, pages_dir=None, var_dir=SERVER_VAR, base=None):
    """The environment of a production gongkai process pointed at `database` (see the module docstring)."""
    environ = dict(os.environ if base is None else base)
    # A developer's shell (or the Makefile) may carry settings meant for the demo: drop them.
    # REDIS_URL too: the bench uses the file cache in its own var directory, which it clears per run.
    for name in ("GONGKAI_DEBUG", "GONGKAI_SQLITE_PATH", "DATABASE_URL", "GONGKAI_SSL_REDIRECT", "REDIS_URL"):
        environ.pop(name, None)
    environ.update(database_environ(database))
    environ.update({
        "DJANGO_SETTINGS_MODULE": FLOOR_SETTINGS,
        "GONGKAI_PRODUCTION": "1",
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": secret_key(),
        "GONGKAI_FIELD_KEY": fernet_key(),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_VAR_DIR": str(var_dir),
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), environ.get("PYTHONPATH", "")) if p),
    })
    if pages_dir is not None:
        environ[PAGES_DIR_ENV] = str(pages_dir)
    return environ


def _static_stamp():
    """A fingerprint of every static source: collectstatic runs again only when it changes."""
    digest = hashlib.sha256()
    sources = [ROOT / "build" / "static", *sorted((ROOT / "gongkai").glob("**/static"))]
    for top in sources:
        for path in sorted(top.rglob("*")) if top.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(ROOT)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    requirements = ROOT / "requirements.txt"
    if requirements.exists():
        digest.update(requirements.read_bytes())  # the static files of Wagtail and other packages
    return digest.hexdigest()


def collectstatic(environ, *, var_dir=SERVER_VAR):
    """Collect (and compress) the static files into var_dir/static, as production needs for whitenoise."""
    stamp_file = Path(var_dir) / "static" / ".bench-stamp"
    stamp = _static_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return False
    run = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=environ, capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise BenchError(f"collectstatic failed:\n{run.stderr[-3000:]}")
    stamp_file.write_text(stamp)
    return True


# --- Process handling ---------------------------------------------------------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    """In the child before exec: get SIGTERM when the benchmark process dies, however it dies (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start(argv, *, environ=None, log_path, cwd=ROOT):
    """Start argv in a new process group (a session), its output appended to log_path.

    The server stops with the benchmark even when the benchmark is killed and its `finally` never
    runs: the server's master gets SIGTERM from the kernel (PR_SET_PDEATHSIG) and takes its workers.
    """
    log_path = Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            argv, cwd=cwd, env=environ, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def stop(process, *, grace=10.0):
    """Stop a process started by _start and everything in its process group; wait for it.

    The group id is the process id (start_new_session), so the group is signalled even when its
    leader has already exited and left children behind.
    """
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    # Whatever outlived the grace period (a worker stuck in a request, a master ignoring TERM).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.kill()
        process.wait(timeout=grace)


def _log_tail(log_path, size=3000):
    try:
        return Path(log_path).read_text(errors="replace")[-size:]
    except OSError:
        return ""


def wait_until_ready(url, process, *, log_path, timeout=READY_TIMEOUT):
    """Poll `url` until it answers (any HTTP status); fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise BenchError(f"server exited with status {process.returncode}:\n{_log_tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
            return
        except urllib.error.HTTPError:
            return  # the server answers; whether this URL is an error page is checked elsewhere
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            raise BenchError(f"server not ready after {timeout:.0f} s at {url}:\n{_log_tail(log_path)}")
        time.sleep(0.2)


def children_of(pid):
    """Direct child process ids of `pid` (the gunicorn workers of a master), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) is in parentheses and may contain spaces: split after it.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def peak_rss_kb(pid):
    """VmHWM (peak resident set size, kB) of a live process, or 0 when it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


# --- gunicorn -----------------------------------------------------------------------------------

@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path
    info: dict = field(default_factory=dict)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path):
        return self.base_url + path

    def worker_pids(self):
        return children_of(self.process.pid)

    def peak_worker_rss_mb(self):
        """The largest VmHWM among the live workers, in MB."""
        return max((peak_rss_kb(pid) for pid in self.worker_pids()), default=0) / 1024


def gunicorn_argv(*, port, workers, log_path):
    return [
        sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
        "--chdir", str(ROOT),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--error-logfile", str(log_path),
        "--log-level", "warning",
        # No access log: neither nginx (access_log off) nor gunicorn pays for one.
    ]


@contextlib.contextmanager
def gunicorn(database, *, port=None, workers=2, pages_dir=None, var_dir=SERVER_VAR, clear_cache=True,
             extra_environ=None):
    """Run gongkai under gunicorn in production settings against `database`; yields a Server.

    `clear_cache` empties the file cache of the bench var directory first, so that pages cached from
    another database (SQLite and PostgreSQL runs share the directory) are never served.
    `extra_environ` adds settings (e.g. GONGKAI_PAGE_CACHE_SECONDS=0 for pages rendered every time).
    """
    port = port or free_port()
    var_dir = Path(var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    environ = {**production_environ(database, pages_dir=pages_dir, var_dir=var_dir), **(extra_environ or {})}
    collectstatic(environ, var_dir=var_dir)
    if clear_cache:
        shutil.rmtree(var_dir / "cache", ignore_errors=True)
    log_path = BENCH_VAR / "logs" / f"gunicorn-{port}.log"
    process = _start(gunicorn_argv(port=port, workers=workers, log_path=log_path), environ=environ,
                     log_path=log_path)
    try:
        server = Server(process, port, log_path, {"workers": workers, "settings": FLOOR_SETTINGS})
        wait_until_ready(server.url("/"), process, log_path=log_path)
        # Every worker must be up before timing starts (the master forks them one after another).
        deadline = time.monotonic() + READY_TIMEOUT
        while len(server.worker_pids()) < workers:
            if process.poll() is not None or time.monotonic() > deadline:
                raise BenchError(f"gunicorn workers did not start:\n{_log_tail(log_path)}")
            time.sleep(0.1)
        yield server
    finally:
        stop(process)
        _remove_if_empty(log_path)


def _remove_if_empty(path):
    with contextlib.suppress(OSError):
        if Path(path).stat().st_size == 0:
            Path(path).unlink()


# --- nginx --------------------------------------------------------------------------------------

def nginx_conf(*, root_dir, port, prefix, workers=2, user=None):
    """A minimal nginx.conf serving root_dir as static files on 127.0.0.1:port (the limit L).

    `workers` worker processes, the same number as the gunicorn workers (see the module docstring).
    `user` is needed only when nginx starts as root (it would otherwise switch to `nobody`).
    """
    prefix = Path(prefix)
    lines = []
    if user:
        lines.append(f"user {user};")
    lines += [
        f"worker_processes {int(workers)};",
        "daemon off;",
        "master_process on;",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {prefix / 'error.log'} warn;",
        "events {",
        "    worker_connections 1024;",
        "}",
        "http {",
        "    access_log off;",
        "    default_type text/html;",
        "    charset utf-8;",
        "    sendfile on;",
        "    tcp_nopush on;",
        "    keepalive_timeout 65;",
        "    server_tokens off;",
        f"    client_body_temp_path {prefix / 'client_body'};",
        f"    proxy_temp_path {prefix / 'proxy'};",
        f"    fastcgi_temp_path {prefix / 'fastcgi'};",
        f"    uwsgi_temp_path {prefix / 'uwsgi'};",
        f"    scgi_temp_path {prefix / 'scgi'};",
        "    server {",
        f"        listen 127.0.0.1:{int(port)};",
        "        server_name _;",
        f"        root {Path(root_dir).resolve()};",
        "        location / {",
        "            try_files $uri =404;",
        "        }",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def nginx_binary():
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if path is None:
        raise BenchError("nginx is not installed: run scripts/os_deps.sh nginx")
    return path


@contextlib.contextmanager
def nginx(root_dir, *, port=None, workers=2, probe="/"):
    """Run nginx serving root_dir on 127.0.0.1:port; yields a Server. `probe` is fetched until ready."""
    port = port or free_port()
    prefix = BENCH_VAR / "nginx" / str(port)
    prefix.mkdir(parents=True, exist_ok=True)
    user = pwd.getpwuid(Path(root_dir).stat().st_uid).pw_name if os.geteuid() == 0 else None
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(root_dir=root_dir, port=port, prefix=prefix, workers=workers, user=user))
    log_path = prefix / "stderr.log"
    # -e: the error log before the configuration is read (the default /var/log/nginx may not be writable).
    argv = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    process = _start(argv, log_path=log_path)
    try:
        server = Server(process, port, log_path, {"workers": workers, "conf": str(conf)})
        wait_until_ready(server.url(probe), process, log_path=prefix / "error.log")
        yield server
    finally:
        stop(process)
        # Keep the directory (configuration and logs) only when nginx complained.
        if not any((prefix / name).exists() and (prefix / name).stat().st_size for name in ("error.log", "stderr.log")):
            shutil.rmtree(prefix, ignore_errors=True)


# --- wrk ----------------------------------------------------------------------------------------

_TIME_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_TIME = r"([\d.]+)(us|ms|s|m|h)"


def parse_time_ms(text):
    """A wrk time ('812.00us', '3.21ms', '1.02s', '1.50m') in milliseconds."""
    match = re.fullmatch(_TIME, text.strip())
    if not match:
        raise ValueError(f"not a wrk time: {text!r}")
    return float(match.group(1)) * _TIME_UNITS[match.group(2)]


def parse_wrk(output):
    """The figures of a `wrk --latency` report: rps, p50/p75/p90/p99 in ms, requests, errors."""
    result = {}
    match = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not match:
        raise ValueError("wrk report without Requests/sec:\n" + output)
    result["rps"] = float(match.group(1))
    for percent in (50, 75, 90, 99):
        match = re.search(rf"^\s+{percent}(?:\.0+)?%\s+{_TIME}\s*$", output, re.MULTILINE)
        if not match:
            raise ValueError(f"wrk report without the {percent}% latency (was --latency given?):\n" + output)
        result[f"p{percent}_ms"] = float(match.group(1)) * _TIME_UNITS[match.group(2)]
    match = re.search(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m|h),", output, re.MULTILINE)
    if match:
        result["requests"] = int(match.group(1))
        result["seconds"] = float(match.group(2)) * _TIME_UNITS[match.group(3)] / 1000
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"),
                                       map(int, match.groups()), strict=True)) if match else {}
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(match.group(1)) if match else 0
    return result


def wrk_argv(url, *, duration, connections, threads=1, script=None, timeout=10):
    argv = ["wrk", f"-t{int(threads)}", f"-c{int(connections)}", f"-d{int(duration)}s", f"--timeout={int(timeout)}s",
            "--latency"]
    if script:
        argv += ["-s", str(script)]
    return [*argv, url]


def wrk(url, *, duration, connections, threads=1, script=None):
    """Load `url` with wrk for `duration` seconds; returns parse_wrk's figures. Errors fail loudly."""
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed: run scripts/os_deps.sh wrk")
    argv = wrk_argv(url, duration=duration, connections=connections, threads=threads, script=script)
    run = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 120)
    if run.returncode != 0:
        raise BenchError(f"wrk failed ({run.returncode}): {run.stderr or run.stdout}")
    result = parse_wrk(run.stdout)
    if result["non_2xx"]:
        raise BenchError(f"{url}: {result['non_2xx']} responses were errors (not 2xx/3xx):\n{run.stdout}")
    if not result.get("requests"):
        raise BenchError(f"{url}: wrk completed no request:\n{run.stdout}")
    return result
