"""The framework floor (F) of the page benchmarks (issue 6).

A minimal Django view, served by the same gunicorn, the same settings and the same middleware stack as
the product, that returns the saved bytes of a product page from memory: no database, no template. The
difference between ours and F is what the product's own code costs; F against nginx (L) is what Django
and gunicorn cost. The product's page cache (gongkai/portal/pagecache.py) never stores the floor's
responses: F passes through the whole middleware stack on every request, the cache's lookup included.

The bytes come from `<BENCH_PAGES_DIR>/<name>.html` (default var/bench/pages), written by bench/pages.py
after it fetched the page once through the product. Each worker reads a file on the first request for
it (during the warm-up) and keeps the bytes in memory; the pages are saved before the floor is asked
for them, so a worker that imported this module earlier still sees them.
"""

import os
import re
from pathlib import Path

from django.http import Http404, HttpResponse

from bench.django_setup import BENCH_VAR
from gongkai.portal.pagecache import no_public_cache

PAGES_DIR_ENV = "BENCH_PAGES_DIR"
URL_PREFIX = "__bench_floor__/"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_pages: dict[str, bytes] = {}


def pages_dir():
    return Path(os.environ.get(PAGES_DIR_ENV) or BENCH_VAR / "pages")


def page_bytes(name):
    """The saved bytes of page `name`, read once per process; None when there is no such page."""
    body = _pages.get(name)
    if body is None:
        if not _NAME.fullmatch(name):
            return None
        try:
            body = (pages_dir() / f"{name}.html").read_bytes()
        except OSError:
            return None
        _pages[name] = body
    return body


@no_public_cache  # the floor is the view's own cost through the whole stack, never a stored page
def floor_view(request, name):
    body = page_bytes(name)
    if body is None:
        raise Http404("no saved page")
    return HttpResponse(body, content_type="text/html; charset=utf-8")
