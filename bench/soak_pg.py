"""The PostgreSQL server of the soak (bench/soak.py): a cluster it may restart, and a fresh database per run.

Restarting a PostgreSQL server drops every connection to it. The machine's `main` cluster is shared
(other people's test runs, the demo), so by default the soak runs its own cluster, `gongkai_soak`, of
the installed server version (the directory under /etc/postgresql), created once with the Debian
tools:

    pg_createcluster --start-conf manual <version> gongkai_soak -- --auth-host=trust --auth-local=trust

and restarted, as the fault, with `pg_ctlcluster --skip-systemctl-redirect <version> gongkai_soak
restart` — the same command the `main` cluster would take. `--cluster main` runs the soak against
the shared cluster instead (its restart then disturbs everybody connected to it). Creating a cluster
needs root or the postgres user; on other machines `--cluster main` with a server that may be
restarted is the way.

The dataset lives in the database `gongkai_soak` (bench.data.generate.ensure_dataset, cached by its
marker). Every run works on a fresh copy, `gongkai_soak_run` (CREATE DATABASE … TEMPLATE
gongkai_soak): the soak adds applications, deadline warnings and tasks, and the warnings written
by one run would leave nothing to warn about in the next.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ETC = Path("/etc/postgresql")
DEFAULT_CLUSTER = "gongkai_soak"
DATASET_DB = "gongkai_soak"
RUN_DB = "gongkai_soak_run"


class ClusterError(RuntimeError):
    """The soak's PostgreSQL cluster cannot be created, started or restarted."""


def server_version(etc=ETC):
    """The newest PostgreSQL version with a configuration directory under /etc/postgresql, e.g. '15'."""
    versions = [p.name for p in Path(etc).iterdir() if p.is_dir() and re.fullmatch(r"\d+(\.\d+)?", p.name)] \
        if Path(etc).is_dir() else []
    if not versions:
        raise ClusterError(f"no PostgreSQL server configuration under {etc}: is the server installed here?")
    return max(versions, key=lambda v: tuple(int(part) for part in v.split(".")))


def configured_port(conf_text):
    """The `port = N` of a postgresql.conf (5432 when not set)."""
    match = re.search(r"^\s*port\s*=\s*(\d+)", conf_text, re.MULTILINE)
    return int(match.group(1)) if match else 5432


def _run(argv, *, check=True):
    if shutil.which(argv[0]) is None:
        raise ClusterError(f"{argv[0]} is not installed (Debian package postgresql-common)")
    result = subprocess.run(argv, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise ClusterError(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr or result.stdout}")
    return result


@dataclass
class Cluster:
    version: str
    name: str
    was_running: bool = True

    @property
    def conf_dir(self):
        return ETC / self.version / self.name

    @property
    def port(self):
        return configured_port((self.conf_dir / "postgresql.conf").read_text())

    @property
    def server_url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def url(self, database):
        return f"{self.server_url}/{database}"

    def ctl(self, action):
        """pg_ctlcluster <version> <name> <action> (start, stop, restart); waits until it is done."""
        return _run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action])

    def running(self):
        return _run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "status"],
                    check=False).returncode == 0

    def restart(self):
        """The fault: a restart of the server (fast shutdown: open connections are terminated)."""
        self.ctl("restart")


def ensure_cluster(name=DEFAULT_CLUSTER, version=None):
    """The cluster `name`, created (for any name but main) and started when needed."""
    version = version or server_version()
    cluster = Cluster(version, name)
    if not cluster.conf_dir.is_dir():
        if name == "main":
            raise ClusterError(f"no cluster {version}/main under {ETC}")
        if os.geteuid() != 0:
            raise ClusterError(f"the soak's cluster {version}/{name} does not exist and creating it needs root; "
                               "run `make soak` as root once, or pass --cluster main")
        _run(["pg_createcluster", "--start-conf", "manual", version, name, "--",
              "--auth-host=trust", "--auth-local=trust", "--encoding=UTF8"])
    cluster.was_running = cluster.running()
    if not cluster.was_running:
        cluster.ctl("start")
    return cluster


def fresh_copy(cluster, template=DATASET_DB, name=RUN_DB):
    """Drop `name` and create it again as a copy of `template`; returns its URL."""
    import psycopg

    for database in (template, name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
            raise ClusterError(f"unusable database name {database!r}")
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres", dbname="postgres",
                         autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return cluster.url(name)
