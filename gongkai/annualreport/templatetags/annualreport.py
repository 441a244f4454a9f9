"""Template filters of the annual report pages and exports."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def ar_cell(value):
    """A table cell: a count, a fee amount in 万元 (up to four decimals), or a dash when not entered."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return value


@register.filter
def ar_paragraphs(text):
    """Staff text as paragraphs, one per line (escaped)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return format_html_join("", "<p>{}</p>", [("（未填写）",)])
    return format_html_join("\n", "<p>{}</p>", ((line,) for line in lines))
