"""Elderly-friendly mode (长者模式): larger type, higher contrast, bigger targets, remembered in a cookie.

The cookie is read on the server so the page arrives already styled (no flash);
static/portal/js/elderly.js flips it in the browser, and the `portal:elderly_mode`
view does the same for browsers without JavaScript.
"""

COOKIE_NAME = "gongkai_elderly"
COOKIE_ON = "1"
COOKIE_MAX_AGE = 365 * 24 * 3600
HTML_CLASS = "elderly"


def is_on(request):
    return request is not None and request.COOKIES.get(COOKIE_NAME) == COOKIE_ON
