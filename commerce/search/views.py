"""Catalogue, category and search pages as ORM list views.

Oscar's catalogue app loads CatalogueView and ProductCategoryView from `search.views`
(`get_class`), so this thin fork of the search app is where they are replaced.
"""

from urllib.parse import unquote

from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from catalogue import selectors

from .forms import SearchForm, SortForm

Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    summary = _("All products")

    def get_paginate_by(self, queryset):
        return selectors.products_per_page()

    def get(self, request, *args, **kwargs):
        self.sort_form = SortForm(request.GET or None)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A stale or typed page number: back to page one rather than an error page.
            messages.error(request, _("That page number does not exist; here is the first page."))
            return redirect(request.path)

    def paginate_queryset(self, queryset, page_size):
        # The page's rows are found first, then given what their cards need (selectors.cards).
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = selectors.cards(object_list)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = self.summary
        ctx["sort_form"] = self.sort_form
        return ctx


class CatalogueView(ProductListView):
    def get_queryset(self):
        return selectors.browsable_products(sort=self.sort_form.sort(), for_cards=False)


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        # Staff may look at hidden categories to check their layout.
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        # Categories are found by id so that a renamed slug still works: redirect to the new one.
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.browsable_products(
            categories=self.category.get_descendants_and_self(), sort=self.sort_form.sort(),
            for_cards=False,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        return ctx


class FacetedSearchView(ProductListView):
    """Keyword search. Keeps Oscar's name so `get_class` finds it; there are no facets."""

    template_name = "oscar/search/results.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"].strip() if self.form.is_valid() else ""
        user_search.send(
            sender=self, session=request.session, user=request.user, query=self.query
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.search_products(self.query, for_cards=False)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.query
        ctx["summary"] = _("Search")
        return ctx
