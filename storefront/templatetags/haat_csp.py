from django import template
from django.conf import settings

register = template.Library()


@register.filter
def csp_allows_inline(request):
    """True only on the paths whose Content Security Policy allows inline code (the dashboard)."""
    path = getattr(request, "path_info", None)
    return bool(path) and path.startswith(tuple(settings.CSP_RELAXED_PATHS))
