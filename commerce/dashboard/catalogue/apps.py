import oscar.apps.dashboard.catalogue.apps as apps

from commerce.dashboard.keys import numeric_keys


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, answering 404 (not 500) for an option or attribute option
    group whose id in the URL is not a number, whose product and category forms carry the
    Bengali and Hindi text (forms.py)."""

    name = "commerce.dashboard.catalogue"

    def ready(self):
        super().ready()
        # Oscar loads these forms as "dashboard.catalogue.forms", from the (unforked) dashboard
        # app: the views are given ours here instead of forking the whole dashboard.
        from .forms import CategoryForm, ProductForm

        self.product_createupdate_view = type(
            "ProductCreateUpdateView", (self.product_createupdate_view,), {"form_class": ProductForm}
        )
        self.category_create_view = type(
            "CategoryCreateView", (self.category_create_view,), {"form_class": CategoryForm}
        )
        self.category_update_view = type(
            "CategoryUpdateView", (self.category_update_view,), {"form_class": CategoryForm}
        )

    def get_urls(self):
        return numeric_keys(super().get_urls())
