from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gongkai.portal import elderly


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request: no context processors, so no database access.
    return HttpResponseServerError(loader.get_template("500.html").render())


def safe_next_path(value):
    """`value` if it is a path on this site ("/..."), otherwise "/". Never a URL to another host."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ch in value for ch in "\r\n\t")
        or not url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    ):
        return "/"
    return value


@never_cache
@require_GET
def elderly_mode(request):
    """Turns elderly mode on (`on=1`) or off (anything else) for this browser, then goes back to `next`.

    This is the no-JavaScript path of the header toggle; elderly.js does the same in the page.
    """
    response = HttpResponseRedirect(safe_next_path(request.GET.get("next", "")))
    if request.GET.get("on") == elderly.COOKIE_ON:
        response.set_cookie(
            elderly.COOKIE_NAME,
            elderly.COOKIE_ON,
            max_age=elderly.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=False,  # elderly.js reads and writes it
        )
    else:
        response.delete_cookie(elderly.COOKIE_NAME, samesite="Lax")
    return response
