"""Per-address (and per-key) counters in Django's cache, for the public application pages.

Used to cap accepted online applications per client address per hour
(settings.APPLICATION_SUBMISSIONS_PER_HOUR) and to stop guessing on the tracking page.

Fixed one-hour windows: the counter key carries the window number and expires with it.
`cache.add` + `cache.incr` are atomic on Redis and the local-memory cache; the file cache may
lose a count under a race, which only errs in the applicant's favour. The identifier is hashed
so the cache never holds client addresses or tracking codes in clear. A cache that is down
must not take the form down: errors count as "not limited" and are logged.
"""

import hashlib
import logging
import time

from django.core.cache import cache

from gongkai.audit.context import client_ip

logger = logging.getLogger(__name__)

HOUR = 3600


def address_of(request):
    """The client address as the audit log sees it (honours the configured proxy count)."""
    return client_ip(request) or "unknown"


def _key(scope, ident, window, now):
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:40]
    return f"gongkai:ratelimit:{scope}:{digest}:{int(now // window)}"


def count(scope, ident, window=HOUR, now=None):
    """How many hits `ident` has in the current window of `scope`."""
    try:
        return int(cache.get(_key(scope, ident, window, time.time() if now is None else now)) or 0)
    except Exception:  # noqa: BLE001 — a broken cache must not break the public form
        logger.warning("rate-limit cache unavailable (read %s)", scope, exc_info=True)
        return 0


def exceeded(scope, ident, limit, window=HOUR, now=None):
    """True when `ident` already has `limit` hits in this window."""
    return count(scope, ident, window, now) >= limit


def hit(scope, ident, window=HOUR, now=None):
    """Record one hit; returns the new count (0 when the cache is unavailable)."""
    key = _key(scope, ident, window, time.time() if now is None else now)
    try:
        cache.add(key, 0, timeout=window + 60)
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window + 60)
        return 1
    except Exception:  # noqa: BLE001
        logger.warning("rate-limit cache unavailable (write %s)", scope, exc_info=True)
        return 0
