from gongkai.organisation.models import Agency
from gongkai.portal import elderly
from gongkai.portal.meta import site_name_of


def agency(request):
    """The agency record, for footers and the national meta tags on every page (RULES.md §6).

    Also gives `site_name` and the elderly-mode state (see elderly_mode below), so that
    base.html works with only this processor configured.
    """
    current = Agency.current()
    return {"agency": current, "site_name": site_name_of(current), **elderly_mode(request)}


def elderly_mode(request):
    """`elderly_mode` (bool) and `elderly_class` for <html>, from the gongkai_elderly cookie."""
    on = elderly.is_on(request)
    return {"elderly_mode": on, "elderly_class": elderly.HTML_CLASS if on else ""}
