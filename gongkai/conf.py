"""Every operator-facing setting is read here, from the environment.

Each setting has a default that runs on one machine (SQLite, file cache,
database task queue). docs/configuration.md lists them all; keep the two in step.
"""

import os

_TRUE = {"1", "true", "yes", "on"}


def env(name, default=""):
    """A string setting from the environment (empty string counts as unset)."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = os.environ.get(name, "")
    if value == "":
        return default
    return value.strip().lower() in _TRUE


def env_int(name, default):
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise RuntimeError(f"Setting {name} must be an integer, got {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name, "")
    if value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
