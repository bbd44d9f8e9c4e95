from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class CampaignPage(Page):
    """A tie-up's public face: what the company promised and the live figures (bags bought,
    rupees pledged, toward the cap), read from a cache a Celery task refreshes, so a visitor
    never costs a query on the pledges (selectors.campaign_figures, asked for by the template
through csr_tags.campaign_figures)."""

    # A page per language: its Bengali and Hindi translations (wagtail-localize) are pages of
    # their own with the same tie-up (synchronised from the English page).
    tieup = models.ForeignKey("csr_partners.TieUp", on_delete=models.PROTECT,
                              related_name="campaign_pages", verbose_name=_("tie-up"))
    intro = models.TextField(_("introduction"), max_length=500)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("tieup"), FieldPanel("intro"),
                      FieldPanel("body")]
    parent_page_types = ["storefront.HomePage"]
    subpage_types: list[str] = []
    template = "csr_partners/campaign_page.html"

    class Meta:
        verbose_name = _("campaign page")

    def get_context(self, request, *args, **kwargs):
        # The live figures and the verification form are the template's to ask for
        # (templatetags/csr_tags.py): a model reads nothing above itself.
        context = super().get_context(request, *args, **kwargs)
        context["tieup"] = self.tieup
        return context

    def serve(self, request, *args, **kwargs):
        # The verification form (CSRF token) and "you are verified" are per visitor: never
        # from the anonymous page cache. The figures themselves come from the Django cache.
        from django.utils.cache import add_never_cache_headers

        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
