from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from wagtail import hooks

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
