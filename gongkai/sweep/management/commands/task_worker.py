"""`manage.py task_worker`: the task queue worker as the platform runs it (sends the mails the sweep queued).

django-tasks-db's `db_worker` with two differences, both found by the soak test (bench/soak.py):

- A database outage does not end it. `db_worker` exits on the first database error (a PostgreSQL
  restart, a failover, a dropped network), and queued mails then wait until somebody starts it
  again. This worker closes its connections, waits RETRY_SECONDS and polls again, logging the
  outage once a minute; a task the outage interrupted is queued again by the sweep
  (gongkai.applications.tasks.requeue_lost_warnings).
- No system checks at start, as gunicorn does not run them either: a worker restarted by its
  supervisor is back at work seconds sooner. Run `manage.py check --deploy` when deploying.

Same options as `db_worker` (`--queue-name`, `--interval`, `--batch`, `--max-tasks`, `--worker-id`, …)
except `--reload`: use `db_worker --reload` while developing. Run it under a supervisor that starts
it again if it ever stops (systemd `Restart=always`).
"""

import logging
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")

RETRY_SECONDS = 1.0
LOG_EVERY_SECONDS = 60.0
# A server that is down or restarting, a connection it terminated. Not ProgrammingError (a missing table
# after a bad deployment should stop the worker loudly, as db_worker does).
OUTAGE_ERRORS = (OperationalError, InterfaceError)


class SteadyWorker(db_worker.Worker):
    """A db_worker Worker that waits out database outages instead of exiting."""

    def run(self):
        outage_since = last_logged = None
        while True:
            try:
                return super().run()
            except OUTAGE_ERRORS as exc:
                if not self.running:  # asked to stop meanwhile
                    raise
                now = time.monotonic()
                if outage_since is None or now - last_logged >= LOG_EVERY_SECONDS:
                    logger.warning("Database unavailable (%s: %s); polling again every %.0f s.",
                                   type(exc).__name__, str(exc).strip().splitlines()[0] if str(exc) else "",
                                   RETRY_SECONDS)
                    last_logged = now
                outage_since = outage_since or now
                connections.close_all()
                self.startup_delay = False
                time.sleep(RETRY_SECONDS)


class Command(db_worker.Command):
    help = "Run the task queue worker; it waits out database outages (see the module docstring)."
    requires_system_checks = []

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)  # db_worker reloads under DEBUG; this worker never does

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        if reload:
            raise CommandError("task_worker does not reload code; use `manage.py db_worker --reload` while developing.")
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SteadyWorker(queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
                              startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
                              excluded_queue_names=excluded_queue_names)
        worker.configure_signals()
        worker.run()
