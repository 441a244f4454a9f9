"""Background tasks of disclosure applications (django-tasks; the database backend by default).

Tasks are queued after the transaction that made them necessary commits (transaction.on_commit)
and are idempotent: running one twice does no harm (STYLE.md, DESIGN.md "Background work").
"""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from gongkai.applications import notifications

MAX_ATTEMPTS = 5
RETRY_AFTER = dt.timedelta(minutes=15)


@task()
def send_deadline_warning(warning_id, attempt=1):
    """Mail one deadline warning (RULES.md §3.2) to the handler and the OGI office, once.

    When the mail server cannot be reached the task is queued again later (up to MAX_ATTEMPTS,
    where the backend can defer tasks) and this run is recorded as failed.
    """
    try:
        return notifications.send_warning(warning_id)
    except OSError:  # smtplib.SMTPException and connection errors
        backend = send_deadline_warning.get_backend()
        if attempt < MAX_ATTEMPTS and backend.supports_defer:
            send_deadline_warning.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(
                warning_id, attempt + 1)
        raise
