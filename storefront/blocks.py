"""StreamField blocks of the editorial pages: rich text, image, quote, product list, impact
counter. Images need alt text (Wagtail's ImageBlock asks for it unless marked decorative);
products are chosen, never typed; impact figures come from the ledger, never from editors."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from catalogue import selectors as catalogue_selectors

from . import impact
from .choosers import product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="storefront.blocks"
)

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("caption"))

    class Meta:
        icon = "image"
        template = "storefront/blocks/figure.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        required=False, max_length=120, label=_("attribution"),
        help_text=_("A pseudonym or role, never a maker's real name."),
    )

    class Meta:
        icon = "openquote"
        template = "storefront/blocks/quote.html"
        label = _("Quote")


class ProductListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("heading"))
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, max_num=12,
                                label=_("products"))

    class Meta:
        icon = "tag"
        template = "storefront/blocks/product_list.html"
        label = _("Product list")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Live price and stock for the whole list in one query (the chosen products are used
        # for their ids only); unpublished or withdrawn products drop out.
        context["products"] = catalogue_selectors.chosen_products(
            [p.pk for p in value["products"] if p is not None]
        )
        return context


class ImpactCounterBlock(blocks.StructBlock):
    figure = blocks.ChoiceBlock(choices=impact.FIGURE_CHOICES, label=_("figure"))
    caption = blocks.CharBlock(
        required=False, max_length=160, label=_("caption"),
        help_text=_("Words under the figure. The figure itself always comes from the ledger."),
    )

    class Meta:
        icon = "pick"
        template = "storefront/blocks/impact_counter.html"
        label = _("Impact counter")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figure"] = impact.figures().get(value["figure"])
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("heading"),
                               template="storefront/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("rich text"),
                                     template="storefront/blocks/paragraph.html")
    image = FigureBlock()
    quote = QuoteBlock()
    product_list = ProductListBlock()
    impact_counter = ImpactCounterBlock()
