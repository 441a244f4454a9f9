from gongkai.organisation.models import Agency


def agency(request):
    """The agency record, for footers and the national meta tags on every page (RULES.md §6)."""
    return {"agency": Agency.current()}
