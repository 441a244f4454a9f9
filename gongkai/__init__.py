# Before anything imports Django's SQLite backend: the bundled SQLite library (see sqlite_engine.py).
from gongkai import sqlite_engine

sqlite_engine.install()
