"""Exit 0 when the PostgreSQL server of DATABASE_URL answers, 1 otherwise.

Connects to the server's maintenance database: the test run creates its own database.
"""

import os
import sys

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = os.environ.get("DATABASE_URL", "")
try:
    params = conninfo_to_dict(url)
    psycopg.connect(make_conninfo(**{**params, "dbname": "postgres"}), connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL at {url} does not answer: {exc}", file=sys.stderr)
    sys.exit(1)
