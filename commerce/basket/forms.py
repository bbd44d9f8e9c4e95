from oscar.apps.basket import forms as oscar_forms


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def cleaned_options(self):
        # Oscar reads the product's options from the database even when it has none, which
        # is every piece the shelters make; the product was fetched knowing that.
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()
