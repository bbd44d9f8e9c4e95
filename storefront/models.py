"""Wagtail page types of the editorial site (DESIGN.md section 4, storefront).

HomePage, StandardPage (about, shipping, returns, privacy), StoryPage (a maker's story by
pseudonym, shown only while her consent to it stands), ImpactPage (figures from the ledger).
CampaignPage lives in csr_partners. Every page type has a meta description (Wagtail's
search_description) and an Open Graph image (SeoFields); translations are Wagtail pages of
their own locale made with wagtail-localize, shown only when whole (storefront.translation).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from artisans import selectors as artisan_selectors
from catalogue import selectors as catalogue_selectors

from . import furniture, impact
from .blocks import BodyBlock


class SeoFields(models.Model):
    """What search engines and link previews read, besides Wagtail's seo_title and
    search_description (promote tab)."""

    og_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared (Open Graph). 1200×630 works best."),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"),
             FieldPanel("og_image")],
            _("For search engines and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], _("For site menus")),
    ]

    class Meta:
        abstract = True

    def meta_description(self) -> str:
        return self.search_description or ""

    def sharing_image(self):
        return self.og_image


class HomePage(SeoFields, Page):  # noqa: DJ008 - Page.__str__ is the title
    """The front door: what Haat is, the newest pieces, the current campaign, the impact strip."""

    hero_title = models.CharField(_("hero title"), max_length=120,
                                  default="Handmade in West Bengal, paid fairly")
    hero_text = models.TextField(
        _("hero text"),
        blank=True,
        default=(
            "Tote bags and pouches stitched by women rebuilding their lives after trafficking. "
            "Every purchase pays the maker and funds training for the next."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("hero image"),
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    promote_panels = SeoFields.promote_panels
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "storefront.StandardPage", "storefront.StoryPage", "storefront.ImpactPage",
        "csr_partners.CampaignPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def meta_description(self) -> str:
        return self.search_description or self.hero_text

    def route(self, request, path_components):
        """A path this language's tree lacks (a page not translated yet, or a draft) is found in
        the English tree and served, with a notice, at this language's address
        (storefront.translation): every page exists in every language."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            from . import translation

            if translation.is_default_locale(self):
                raise
            english = translation.english_version(self)
            if english is None:
                raise
            return english.route(request, path_components)

    def sharing_image(self):
        return self.og_image or self.hero_image

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["featured_products"] = catalogue_selectors.browsable_products()[:8]
        ctx["current_campaign"] = current_campaign(self)
        ctx["impact_figures"] = impact.figures()
        ctx["grant_outcomes"] = impact.grant_outcomes()
        ctx.update(furniture.cached("home", lambda: self._furniture(request), self.pk,
                                    request.get_host()))
        return ctx

    def _furniture(self, request) -> dict:
        impact_page = ImpactPage.objects.live().public().filter(locale_id=self.locale_id).first()
        return {
            "impact_page_url": impact_page.get_url(request) if impact_page else "",
            "stories": [
                {"title": s.title, "url": s.get_url(request), "maker": s.artisan.pseudonym,
                 "introduction": s.introduction}
                for s in stories_for(self)
            ],
        }


def current_campaign(home):
    """The live CSR campaign for the home page, through csr_partners' selector; None when there
    is none (or the selector is not there)."""
    try:
        from csr_partners.selectors import current_campaign as selector
    except ImportError:  # csr_partners without campaigns: the block is simply not shown
        return None
    found = selector()
    if not found:
        return None
    page = found["page"]
    # The campaign page in the visitor's language when it has been translated.
    return {**found, "page": page.localized}


def stories_for(home, limit=3):
    """Live story pages in the home page's language whose maker's consent stands now."""
    pages = list(
        StoryPage.objects.live().public().filter(locale_id=home.locale_id)
        .select_related("artisan").order_by("-first_published_at")[: limit * 2]
    )
    consenting = artisan_selectors.consenting_to_story({p.artisan_id for p in pages})
    return [p for p in pages if p.artisan_id in consenting][:limit]


class StandardPage(SeoFields, Page):  # noqa: DJ008 - Page.__str__ is the title
    """About, shipping, returns, privacy: a title, an introduction and a body."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = SeoFields.promote_panels
    parent_page_types = ["storefront.HomePage", "storefront.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def meta_description(self) -> str:
        return self.search_description or self.introduction


class StoryPage(SeoFields, Page):  # noqa: DJ008 - Page.__str__ is the title
    """A maker's story, by her pseudonym, told only while her consent to the story stands.

    The consent is hers (artisans.Consent, kind "story"): a story cannot be published without a
    standing consent (wagtail_hooks.before_publish_page refuses, receivers.refuse_unconsented
    unpublishes a page published any other way), serving checks it on every request (a
    withdrawn consent is a 404 at once), and withdrawing it unpublishes every story page of hers
    in every language (receivers.story_consent_changed). Her quote and hands photo are shown
    only while their own consents stand (artisans.selectors.public_material)."""

    artisan = models.ForeignKey(
        "artisans.Artisan", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("maker"),
        help_text=_("The maker whose story this is. She is named by her pseudonym only."),
    )
    introduction = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
        help_text=_("Hands or work only: never a face, a place or anything that identifies her."),
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("artisan"), FieldPanel("introduction"), FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    promote_panels = SeoFields.promote_panels
    parent_page_types = ["storefront.HomePage", "storefront.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story page")

    def meta_description(self) -> str:
        return self.search_description or self.introduction

    def sharing_image(self):
        return self.og_image or self.hero_image

    def consent_stands(self) -> bool:
        return bool(self.artisan_id) and artisan_selectors.consent_state(self.artisan)["story"]

    def serve(self, request, *args, **kwargs):
        if not self.consent_stands():
            raise Http404(_("This story is not available."))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["material"] = artisan_selectors.public_material(self.artisan)
        products = artisan_selectors.products_of_maker(self.artisan)
        ctx["maker_products"] = catalogue_selectors.chosen_products(
            list(products.values_list("pk", flat=True)[:4])
        )
        return ctx


def check_story_consent(page) -> None:
    """Raise ValidationError unless the story's maker consents to it now (publication guard)."""
    if isinstance(page, StoryPage) and not page.consent_stands():
        raise ValidationError(
            _("%(maker)s has no standing consent to publish her story. Record her consent "
              "first (Dashboard → Makers → Consent); the page can be saved as a draft meanwhile.")
            % {"maker": page.artisan if page.artisan_id else _("The maker")}
        )


class ImpactPage(SeoFields, Page):  # noqa: DJ008 - Page.__str__ is the title
    """What the shop has done, in figures from the ledger (never typed in), with the editors'
    words around them."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = SeoFields.promote_panels
    parent_page_types = ["storefront.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("impact page")

    def meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["impact_figures"] = impact.figures()
        ctx["grant_outcomes"] = impact.grant_outcomes()
        ctx["impact_as_of"] = impact.as_of()
        ctx["min_people"] = impact.MIN_PEOPLE
        return ctx
