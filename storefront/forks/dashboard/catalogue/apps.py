import oscar.apps.dashboard.catalogue.apps as apps

from storefront.forks.dashboard.keys import numeric_keys


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, answering 404 (not 500) for an option or attribute option
    group whose id in the URL is not a number."""

    name = "storefront.forks.dashboard.catalogue"

    def get_urls(self):
        return numeric_keys(super().get_urls())
