"""A task used by tests/test_infrastructure.py to check the queue."""

from django_tasks import task


@task()
def remember(text):
    return text
