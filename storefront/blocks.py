"""StreamField blocks of the editorial pages: rich text, image, quote, product list, impact
counter, and the blocks a careful buyer or a CSR officer looks for on About (registrations,
how makers are paid, the audited accounts, contact, the team, the figures). Images need alt text
(Wagtail's ImageBlock asks for it unless marked decorative); products are chosen, never typed;
figures and the split come from the ledger and the split settings, never from editors.

Translation (wagtail-localize): words are CharBlock/TextBlock/RichTextBlock, so translators see
them as segments; registration numbers, phone numbers and emails are not words and stay the
English page's (RegexBlock and EmailBlock are synchronised, not translated)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from catalogue import selectors as catalogue_selectors
from catalogue.money import format_paise
from payouts.services import current_split_setting, split_with

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


class RegistrationBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, label=_("registration"),
                            help_text=_("For example: 80G (Income Tax Act): donations deductible"))
    number = blocks.RegexBlock(
        regex=r"^[A-Za-z0-9][A-Za-z0-9/()., -]{2,60}$", label=_("number"),
        error_messages={"invalid": _("Letters, digits and / - . , ( ) only.")},
    )
    note = blocks.CharBlock(required=False, max_length=200, label=_("note"))


class RegistrationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    registrations = blocks.ListBlock(RegistrationBlock(), min_num=1, label=_("registrations"))

    class Meta:
        icon = "doc-full"
        template = "storefront/blocks/registrations.html"
        label = _("Registration numbers")


class PaySplitBlock(blocks.StructBlock):
    """How a sale's money is shared, worked out on an example price from the split settings in
    force (payouts), so the page never disagrees with what makers are actually credited."""

    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    example_price = blocks.IntegerBlock(min_value=100, max_value=100_000, default=1000,
                                        label=_("example price (₹)"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False, label=_("text"))

    class Meta:
        icon = "list-ul"
        template = "storefront/blocks/pay_split.html"
        label = _("How a sale is shared")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        paid = int(value["example_price"] or 1000) * 100
        split = split_with(current_split_setting(), paid)
        context["price"] = format_paise(paid)
        context["parts"] = [
            {"key": "maker", "label": _("To the maker, on top of her piece rate"),
             "value": format_paise(split.maker), "percent": round(100 * split.maker / paid)},
            {"key": "training_fund", "label": _("To the training fund"),
             "value": format_paise(split.training_fund),
             "percent": round(100 * split.training_fund / paid)},
            {"key": "platform", "label": _("To running the shop: materials, packing, staff"),
             "value": format_paise(split.platform), "percent": round(100 * split.platform / paid)},
            {"key": "gst", "label": _("GST, to the government"),
             "value": format_paise(split.gst), "percent": round(100 * split.gst / paid)},
        ]
        return context


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(max_length=120, label=_("link text"))
    description = blocks.CharBlock(required=False, max_length=250, label=_("description"))

    class Meta:
        icon = "doc-full-inverse"
        template = "storefront/blocks/document_link.html"
        label = _("Document")


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    email = blocks.EmailBlock(label=_("email"))
    phone = blocks.RegexBlock(
        regex=r"^\+?[0-9][0-9 -]{6,18}$", required=False, label=_("phone"),
        error_messages={"invalid": _("Digits, spaces and dashes, optionally starting with +.")},
        help_text=_("The office's number, never a shelter's or a maker's."),
    )
    hours = blocks.CharBlock(required=False, max_length=160, label=_("hours"))
    address = blocks.TextBlock(
        required=False, label=_("postal address"),
        help_text=_("The registered office. Never a shelter's address or area."),
    )

    class Meta:
        icon = "mail"
        template = "storefront/blocks/contact.html"
        label = _("Contact")


class TeamMemberBlock(blocks.StructBlock):
    role = blocks.CharBlock(max_length=120, label=_("role"))
    about = blocks.TextBlock(required=False, label=_("what they do"))


class TeamBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    members = blocks.ListBlock(
        TeamMemberBlock(), min_num=1, label=_("team"),
        help_text=_("Roles, not names: never a maker's or a shelter resident's name."),
    )

    class Meta:
        icon = "group"
        template = "storefront/blocks/team.html"
        label = _("Team")


class FiguresBlock(blocks.StructBlock):
    """The shop's figures from the ledger (storefront.impact), never typed in."""

    heading = blocks.CharBlock(max_length=120, label=_("heading"))

    class Meta:
        icon = "pick"
        template = "storefront/blocks/figures.html"
        label = _("Figures from our accounts")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = impact.figures()
        context["as_of"] = impact.as_of()
        context["min_people"] = impact.MIN_PEOPLE
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
    registrations = RegistrationsBlock()
    pay_split = PaySplitBlock()
    document = DocumentLinkBlock()
    contact = ContactBlock()
    team = TeamBlock()
    figures = FiguresBlock()
