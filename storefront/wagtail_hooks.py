from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .choosers import product_chooser_viewset
from .models import check_story_consent


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("before_publish_page")
def refuse_story_without_consent(request, page):
    """A story is published only while its maker's consent stands; the draft is kept."""
    try:
        check_story_consent(page.specific)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_serve_page")
def serve_whole_translations(page, request, serve_args, serve_kwargs):
    """A Bengali or Hindi page that is an alias, or a wagtail-localize translation with segments
    left, is served as its English page with a notice (storefront.translation), never half
    translated."""
    from wagtail.models import Page

    from . import furniture
    from .translation import version_to_show

    def find():
        english = version_to_show(page)
        return english.pk if english is not None else 0

    # Cached with the tree's furniture (retired on every publish): a warm page costs no query.
    english_pk = furniture.cached("shown-version", find, page.pk)
    if not english_pk:
        return None
    english = Page.objects.filter(pk=english_pk).live().first()
    if english is None:
        return None
    return english.specific.serve(request, *serve_args, **serve_kwargs)


class UntranslatedPagesPanel(Component):
    """The editors' dashboard: which pages Bengali and Hindi visitors still read in English."""

    name = "untranslated_pages"
    template_name = "storefront/admin/untranslated_pages.html"
    order = 150

    def get_context_data(self, parent_context):
        from .translation import translation_status

        context = super().get_context_data(parent_context)
        context["languages"] = translation_status()
        return context


@hooks.register("construct_homepage_panels")
def add_untranslated_pages_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(UntranslatedPagesPanel())
