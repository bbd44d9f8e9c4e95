"""Oscar's analytics models, with one change: a search term is kept without the shopper.

What someone searched for can say more about them than an order does, and nothing in the shop
needs to know who searched for what: the terms are kept only to see what shoppers look for.
So ``UserSearch.user`` may be empty, the shop's receiver never fills it
(``receivers.record_search``), and migration 0004 emptied it on the rows Oscar had written.
The privacy page says so.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.analytics.abstract_models import AbstractUserSearch


class UserSearch(AbstractUserSearch):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        verbose_name=_("User"),
    )

    def __str__(self):
        return _("Search for '%(query)s'") % {"query": self.query}


from oscar.apps.analytics.models import *  # noqa: E402,F403
