"""Exit 0 when the PostgreSQL server of DATABASE_URL answers, 1 otherwise."""

import os
import sys

import psycopg

url = os.environ.get("DATABASE_URL", "")
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL at {url} does not answer: {exc}", file=sys.stderr)
    sys.exit(1)
