"""Template tags for the Content Security Policy (storefront/settings/headers.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from storefront.csp import policy_name

register = template.Library()

# The policies under which an inline script runs when it carries the request's nonce.
NONCE_POLICIES = ("staff",)


class InlineScriptNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        code = self.nodelist.render(context).strip()
        request = context.get("request")
        if not code or request is None or policy_name(request.path_info) not in NONCE_POLICIES:
            return ""
        return format_html('<script nonce="{}">$(function () {{\n{}\n}});</script>',
                           request.csp_nonce, mark_safe(code))  # noqa: S308 - template code


@register.tag
def inline_script(parser, token):
    """{% inline_script %}JavaScript{% endinline_script %}: Oscar's `onbodyload` code, run when
    the DOM is ready, in a <script> carrying the request's CSP nonce, and only under a policy
    that takes one ("staff": Oscar's dashboard pages not yet moved to oscar-init.js). Renders
    nothing when the code is empty (no script, so no nonce in the header) or the page's policy
    allows no inline script at all (the shop, the vault: their set-up is in static files)."""
    nodelist = parser.parse(("endinline_script",))
    parser.delete_first_token()
    return InlineScriptNode(nodelist)
