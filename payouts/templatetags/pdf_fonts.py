"""The shop's own fonts for WeasyPrint documents (Noto Sans, Bengali, Devanagari: the TTFs in
storefront/static/fonts/), as @font-face rules with file:// addresses, so a PDF in Bengali or
Hindi is the same on a server without any Indic system font (it embeds a subset of them).

    <style>{% load pdf_fonts %}{% pdf_font_faces %} body { font-family: "Noto Sans", "Noto Sans Bengali", ... }</style>
"""

from django import template
from django.utils.html import format_html_join

from payouts.statement_document import font_faces

register = template.Library()


@register.simple_tag
def pdf_font_faces():
    return format_html_join(
        "\n", '@font-face {{ font-family: "{}"; font-weight: {}; src: url("{}"); }}',
        ((f["family"], f["weight"], f["url"]) for f in font_faces()))
