"""The configuration switches the platform relies on: database, cache, task queue."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection


def _settings(code, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", f"import django, json; django.setup(); from django.conf import settings; {code}"],
        env=environment, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def test_defaults_run_on_sqlite_with_file_cache_and_database_tasks():
    found = _settings(
        "print(json.dumps([settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'],"
        " settings.TASKS['default']['BACKEND'], settings.LANGUAGE_CODE, settings.TIME_ZONE]))",
        DATABASE_URL="", REDIS_URL="",
    )
    assert found == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.filebased.FileBasedCache",
        "django_tasks_db.DatabaseBackend",
        "zh-hans",
        "Asia/Shanghai",
    ]


def test_environment_switches_to_postgresql_and_redis():
    found = _settings(
        "print(json.dumps([settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'],"
        " settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']]))",
        DATABASE_URL="postgres://gk@db.example:5432/gongkai", REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert found == [
        "django.db.backends.postgresql", "gongkai", "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_or_postgresql_in_utf8():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()"
            )
            encoding, ctype = cursor.fetchone()
            assert encoding == "UTF8"
            assert "utf" in ctype.lower().replace("-", ""), f"test database ctype {ctype} is not UTF-8"
            cursor.execute("SELECT upper('政务公开abc')")
            assert cursor.fetchone()[0] == "政务公开ABC"
        else:
            cursor.execute("PRAGMA journal_mode")
            # An in-memory test database reports "memory"; a file database must be in WAL mode.
            assert cursor.fetchone()[0] in ("wal", "memory")


@pytest.mark.django_db(transaction=True)
def test_tasks_are_queued_in_the_database():
    from django_tasks_db.models import DBTaskResult

    from tests import tasks_for_tests

    result = tasks_for_tests.remember.enqueue("你好")
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.args_kwargs["args"] == ["你好"]
