"""Wagtail page types of the editorial site (DESIGN.md section 4, storefront)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from catalogue import selectors as catalogue_selectors


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageChooserBlock()
    quote = blocks.BlockQuoteBlock()


class HomePage(Page):
    """The front door: what Haat is, the newest pieces, a way into the shop."""

    hero_title = models.CharField(max_length=120, default="Handmade in West Bengal, paid fairly")
    hero_text = models.TextField(
        blank=True,
        default=(
            "Tote bags and pouches stitched by women rebuilding their lives after trafficking. "
            "Every purchase pays the maker and funds training for the next."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["featured_products"] = catalogue_selectors.browsable_products()[:8]
        return ctx


class StandardPage(Page):
    """About, shipping, returns, privacy: a title, an introduction and a body."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
