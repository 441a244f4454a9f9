"""The product's settings, unchanged but for the URLconf that mounts the framework floor (bench/floor.py).

Used by the benchmark gunicorn only, so that ours and the floor share one server, one settings module
and one middleware stack.
"""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
