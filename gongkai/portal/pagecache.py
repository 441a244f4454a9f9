"""Whole-page cache of the public site (issue 6: public pages near the framework floor).

A public page is rendered once and then served as stored bytes until the public content changes.

Which requests: GET from a visitor without a session or a pending message (no `sessionid`, no
`messages` cookie) and without credentials, outside the back office (/admin/), document downloads
and the application pages (/yisqgk/, all personal). The key is the scheme, host, path and query
string, the elderly-mode cookie (the page is styled on the server) and today's date in Beijing
time (pages say "today" and count working days).

Which responses are kept: 200, HTML, not streamed, no cookie set, no `Cache-Control` of
private / no-cache / no-store (never_cache views), no CSRF token rendered into the page (a token
belongs to one visitor) and not marked with `no_public_cache`. Everything else passes through.

Invalidation: every key carries the current *generation*, a value kept in the shared cache. Saving
or deleting anything the public site shows (records, categories, attachments, interpretations,
departments, the agency, annual reports, any Wagtail page, site, view restriction, image or
document: WATCHED) replaces the generation — at once and again after the transaction commits — so
the next request renders afresh; writes that bypass model signals (bulk import, search index)
call `invalidate()` themselves. Entries also expire after PAGE_CACHE_SECONDS, which bounds what no
event announces. Old generations are never read again and age out.

Two layers: a small per-process LRU (PAGE_CACHE_LOCAL_MB) in front of the shared cache alias
"pages" (files in var/cache/pages, or Redis), so a hit costs one read of the generation and a
dictionary lookup.

The middleware sits right after SecurityMiddleware (and WhiteNoise): a hit skips sessions, CSRF,
authentication and the rest, and returns the headers the full stack produced (CSP, framing).
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from gongkai.portal import elderly

CACHE_ALIAS = "pages"
GENERATION_KEY = "gongkai:pages:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/yisqgk/", "/static/", "/media/", "/__debug__/")
NO_STORE_DIRECTIVES = ("private", "no-cache", "no-store")

# Models whose rows the public site shows. Any Wagtail page type counts too (see _watched).
WATCHED = frozenset({
    "disclosure.category", "disclosure.informationrecord", "disclosure.attachment",
    "disclosure.interpretation", "organisation.agency", "organisation.department",
    "annualreport.annualreport", "wagtailcore.site", "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction", "wagtailimages.image", "wagtaildocs.document",
    "wagtailredirects.redirect",
})


# --- the generation ---------------------------------------------------------------------------------------------


def _shared():
    """The cache alias "pages", or the default cache where a deployment configures no such alias."""
    return caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]


def current_generation() -> str:
    """The generation every key carries now; a new one is made if the shared cache lost it."""
    generation = _shared().get(GENERATION_KEY)
    if generation is None:
        _shared().add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = _shared().get(GENERATION_KEY)
    return generation


def invalidate() -> None:
    """Forget every stored page: now, and once more when the current transaction commits.

    The second time matters: a request between the two could render the old rows under the new
    generation; the generation made after the commit is only ever seen with the new rows.
    """
    _replace_generation()
    transaction.on_commit(_replace_generation)


def _replace_generation():
    _shared().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _local.clear()
    with _fragments_lock:
        _fragments.clear()
        _fragments["generation"] = None


def forget_all() -> None:
    """Forget every stored page now, outside any transaction (tests, `manage.py` commands)."""
    _replace_generation()


def _watched(sender) -> bool:
    if sender._meta.label_lower in WATCHED:
        return True
    from wagtail.models import Page

    return issubclass(sender, Page)


def _on_change(sender, **kwargs):
    if not kwargs.get("raw") and _watched(sender):
        invalidate()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="gongkai.pagecache.save")
    post_delete.connect(_on_change, dispatch_uid="gongkai.pagecache.delete")


# --- the per-process layer --------------------------------------------------------------------------------------


class _LocalPages:
    """A byte-bounded LRU of entries, shared by the threads of one process."""

    def __init__(self):
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry[3])
        limit = settings.PAGE_CACHE_LOCAL_MB * 1024 * 1024
        if size > limit:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[3])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > limit:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped[3])

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


_local = _LocalPages()


# --- fragments renewed with the pages ---------------------------------------------------------------------------


_fragments: dict = {"generation": None}
# Values kept per generation and process at most (menus and breadcrumbs: one per page; catalogue
# counts: one per filter combination, which a crawler may walk through by the thousand).
FRAGMENTS_MAX = 5000
_fragments_lock = threading.Lock()


def remembered(key, compute):
    """`compute()`, once per generation in this process: for parts of every page that change only when
    the public content does (the main menu, breadcrumbs), so that a page rendered afresh does not
    build them again. `key` must name everything the value depends on; the value must not be changed
    by its users. Past FRAGMENTS_MAX values, new ones are computed every time until the next generation."""
    generation = current_generation()
    with _fragments_lock:
        if _fragments["generation"] != generation:
            _fragments.clear()
            _fragments["generation"] = generation
        if key in _fragments:
            return _fragments[key]
    value = compute()
    with _fragments_lock:
        if _fragments["generation"] == generation and len(_fragments) <= FRAGMENTS_MAX:
            _fragments[key] = value
    return value


# --- which requests and responses -------------------------------------------------------------------------------


def no_public_cache(view):
    """Marks a view's responses as never to be kept by the page cache (for pages that vary per visitor)."""

    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response.no_public_cache = True
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def request_key(request) -> str | None:
    """The cache key of `request` (without the generation), or None when it must not be served from the cache."""
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    parts = (
        request.scheme, request.get_host(), path, request.META.get("QUERY_STRING", ""),
        "elderly" if elderly.is_on(request) else "", timezone.localdate().isoformat(),
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or getattr(response, "no_public_cache", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in NO_STORE_DIRECTIVES)


def _entry(response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in ("set-cookie", "date")]
    return (time.time(), response.status_code, headers, response.content)


def _response(entry):
    _, status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


# --- the middleware ---------------------------------------------------------------------------------------------


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request)
        if key is None:
            return self.get_response(request)
        key = f"{current_generation()}:{key}"
        timeout = settings.PAGE_CACHE_SECONDS
        entry = _local.get(key)
        if entry is None:
            entry = _shared().get(key)
            if entry is not None:
                _local.put(key, entry)
        if entry is not None and time.time() - entry[0] < timeout:
            return _response(entry)
        response = self.get_response(request)
        if storable(request, response):
            entry = _entry(response)
            _local.put(key, entry)
            _shared().set(key, entry, timeout=timeout)
        return response
