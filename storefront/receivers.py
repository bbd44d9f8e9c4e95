"""Upward news handled by the storefront (connected in apps.StorefrontConfig.ready).

A maker's consent to her story decides whether any StoryPage about her is public:
- withdrawn (artisans.signals.consent_changed, sent after commit): every story page of hers, in
  every language, is unpublished at once. Unpublishing sends Wagtail's page_unpublished, which
  retires the whole-page cache (pagecache.pages) and the sitemap drops the pages; serving
  already 404s from the moment the consent row is committed (StoryPage.serve).
- a story page published without a standing consent by any path that skips the admin's
  before_publish_page hook (a workflow approval, scheduled publishing, a script) is unpublished
  again at once.
"""

import logging

from artisans.signals import consent_changed

logger = logging.getLogger("storefront.stories")


def story_consent_changed(sender, artisan, kind, granted, **kwargs):
    from artisans.models import Consent

    from .models import StoryPage

    if kind != Consent.STORY or granted:
        return
    for page in StoryPage.objects.live().filter(artisan=artisan):
        page.unpublish(log_action="wagtail.unpublish")
        logger.info("Story page %s unpublished: consent withdrawn", page.pk)


def refuse_unconsented(sender, instance, **kwargs):
    from .models import StoryPage

    if isinstance(instance, StoryPage) and not instance.consent_stands():
        instance.unpublish(log_action="wagtail.unpublish")
        logger.warning("Story page %s published without consent: unpublished", instance.pk)


def connect():
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from . import furniture
    from .models import StoryPage

    consent_changed.connect(story_consent_changed, dispatch_uid="storefront.story_consent")
    page_published.connect(refuse_unconsented, sender=StoryPage,
                           dispatch_uid="storefront.story_published_without_consent")
    # The cached page furniture (storefront.furniture) follows the tree and the consents.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(furniture.bump, dispatch_uid=f"storefront.furniture.{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="storefront.furniture.deleted")
    consent_changed.connect(furniture.bump, dispatch_uid="storefront.furniture.consent")


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from . import furniture

    if isinstance(instance, Page):
        furniture.bump()
