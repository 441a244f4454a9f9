"""Where the current staff action comes from (set per request by the middleware)."""

import contextvars

_current = contextvars.ContextVar("audit_request", default=None)


def set_request(request):
    return _current.set(request)


def reset(token):
    _current.reset(token)


def current_request():
    return _current.get()


def client_ip(request):
    if request is None:
        return ""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "AXES_IPWARE_PROXY_COUNT", None):
        return forwarded.split(",")[0].strip()[:45]
    return request.META.get("REMOTE_ADDR", "")[:45]
