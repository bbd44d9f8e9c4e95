"""A chooser of Oscar products for editors (StreamField product lists).

Oscar's Product is no Wagtail snippet and is not in Wagtail's search index, so this is a plain
ChooserViewSet (registered in wagtail_hooks.py) with its own title / product-code search.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

Product = get_model("catalogue", "Product")


class ProductSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"), required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Title or product code")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(title__icontains=query) | Q(upc__iexact=query))
            self.is_searching = True
            self.search_query = query
        return objects


class _ProductListing:
    filter_form_class = ProductSearchForm
    ordering = ("title", "pk")

    def get_object_list(self):
        # Only what a shopper can see and buy: public, top-level products.
        return Product.objects.browsable()


class ProductChooseView(_ProductListing, chooser_views.ChooseView):
    pass


class ProductChooseResultsView(_ProductListing, chooser_views.ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Change product")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="product-chooser")
