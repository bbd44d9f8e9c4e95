"""Adding to the basket, with only the work the shopper sees (issue 10).

Oscar's add-to-basket view fetches the product, its class, its options and its stock record in
five queries, then re-applies every offer to the whole basket and renders a "your basket total
is now" message: 22 queries and about 16 ms for a new visitor's first piece, as slow as the
basket page itself. Here the product comes with its class, its stock records and whether it has
options in one query (catalogue.selectors.product_to_add); a new basket's line is written
without looking for one first (models.Basket.add_product); the offers are re-applied (to tell
the shopper an offer was gained or lost) only while the shop runs any offer at all (offers.py,
a cached answer); the basket and its line are written in one transaction (a new basket with
its first line: one statement), and Oscar's basket-additions counter after it. The basket page
and every page's header show the new contents and total on the next page. The form, the stock
and price checks and the basket_addition signal are Oscar's.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.views.generic import FormView
from oscar.apps.basket import views as oscar_views
from oscar.core.loading import get_class

from catalogue.selectors import product_to_add

from .offers import shop_runs_offers

AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
BasketMessageGenerator = get_class("basket.utils", "BasketMessageGenerator")


class BasketAddView(oscar_views.BasketAddView):
    form_class = AddToBasketForm

    def post(self, request, *args, **kwargs):
        # pylint: disable=attribute-defined-outside-init
        self.product = product_to_add(kwargs["pk"])
        if self.product is None:
            raise Http404("No such piece")
        return FormView.post(self, request, *args, **kwargs)

    def form_valid(self, form):
        options = form.cleaned_options()
        if self.request.basket.id is None and not options:
            # A new visitor's first piece: the basket and its line are written together by
            # models.Basket.add_product, atomic by itself; nothing else here writes.
            self._add(form, options)
        else:
            with transaction.atomic():
                self._add(form, options)
        # After the commit: Oscar's analytics counter is an UPDATE of the product's one row,
        # which every shopper adding the same piece takes in turn. Inside the transaction its
        # lock was held until the commit, and 8 shoppers adding one piece queued behind it.
        self.add_signal.send(
            sender=self, product=form.product, user=self.request.user, request=self.request
        )
        return FormView.form_valid(self, form)

    def _add(self, form, options):
        basket = self.request.basket
        offers_before = basket.applied_offers()
        # pylint: disable=attribute-defined-outside-init
        self.line, self.line_created = basket.add_product(
            form.product, form.cleaned_data["quantity"], options
        )
        messages.success(self.request, self.get_success_message(form), extra_tags="safe noicon")
        if offers_before or shop_runs_offers(self.request):
            BasketMessageGenerator().apply_messages(self.request, offers_before)
