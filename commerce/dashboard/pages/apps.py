import oscar.apps.dashboard.pages.apps as apps

from commerce.dashboard.keys import numeric_keys


class PagesDashboardConfig(apps.PagesDashboardConfig):
    """Oscar's flat pages dashboard, answering 404 (not 500) for a page whose id in the URL is
    not a number."""

    name = "commerce.dashboard.pages"

    def get_urls(self):
        return numeric_keys(super().get_urls())
