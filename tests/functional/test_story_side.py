"""The story side: each page type renders in three languages; a story is shown only while its
maker's consent stands. The impact page and blocks: test_story_side_figures.py; SEO (sitemap with
hreflang, canonical, Open Graph, Product JSON-LD) and languages in the URL: test_story_side_seo.py."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Page

from artisans import consent_services
from artisans.models import Artisan, Consent
from storefront.models import HomePage, StoryPage
from tests.functional.story_side_support import english_home, text_of

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


# --- Each page type renders ---------------------------------------------------------------------
@pytest.mark.parametrize("path, words", [
    ("/", ["Handmade in West Bengal, paid fairly", "What your purchases have done"]),
    ("/bn/", ["পশ্চিমবঙ্গে হাতে তৈরি, ন্যায্য পারিশ্রমিকে", "আপনার কেনাকাটায় যা হয়েছে"]),
    ("/hi/", ["पश्चिम बंगाल में हाथ से बना, उचित मेहनताने पर", "आपकी ख़रीदारी से क्या हुआ"]),
    ("/about/", ["About Haat"]),
    ("/shipping/", ["Shipping", "₹1,500"]),
    ("/returns/", ["Returns"]),
    ("/privacy/", ["Privacy"]),
    ("/impact/", ["Our impact", "Bags and pouches sold", "To the training fund"]),
    ("/bn/impact/", ["আমাদের প্রভাব", "বিক্রি হওয়া ব্যাগ ও পাউচ"]),
    ("/hi/impact/", ["हमारा असर", "बिके हुए बैग और पाउच"]),
    ("/juhis-story/", ["Juhi's first bag", "The story of Juhi", "Made by Juhi"]),
    # Translated in the demo data (storefront.demo.pages, wagtail-localize).
    ("/bn/juhis-story/", ["জুহির প্রথম ব্যাগ", "Juhi-এর গল্প"]),
    ("/bn/about/", ["হাট সম্পর্কে", "আশ্রয়কেন্দ্র কীভাবে চলে"]),
    ("/hi/acme-womens-day/", ["महिला दिवस सप्ताह"]),
])
def test_each_page_type_renders_in_its_language(client, path, words):
    response = client.get(path)
    assert response.status_code == 200, path
    text = text_of(response)
    for word in words:
        assert word in text, (path, word)
    lang = {"bn": "bn", "hi": "hi"}.get(path.split("/")[1], "en-in")
    assert f'<html lang="{lang}"' in response.content.decode()


def test_the_campaign_page_is_a_child_of_the_home_page_and_shown_on_it(client):
    campaign = Page.objects.get(slug="acme-womens-day", locale__language_code="en-in").specific
    assert campaign.get_parent().specific_class is HomePage
    assert "csr_partners.campaignpage" in [
        m._meta.label_lower for m in HomePage.allowed_subpage_models()]
    home = client.get("/")
    assert home.status_code == 200
    section = re.search(r'data-testid="current-campaign".*?</section>', home.content.decode(), re.S)
    assert section and campaign.title.replace("'", "&#x27;") in section.group(0)
    assert campaign.url in section.group(0)


def test_english_addresses_stay_english_whatever_the_language_cookie(client):
    """Public pages take their language from the URL only (the whole-page cache keys on it)."""
    client.cookies["django_language"] = "bn"
    response = client.get("/")
    assert '<html lang="en-in"' in response.content.decode()
    assert "What your purchases have done" in text_of(response)
    assert client.get("/shop/catalogue/").status_code == 200
    catalogue = client.get("/bn/shop/catalogue/")
    assert '<html lang="bn"' in catalogue.content.decode()
    assert "সব জিনিস দেখুন" in text_of(catalogue) or "দোকান" in text_of(catalogue)


def test_staff_areas_keep_the_language_chosen_by_cookie(client):
    # /workshop/ is outside the language prefixes: the switcher's cookie decides there.
    client.cookies["django_language"] = "bn"
    response = client.get("/workshop/", follow=True)
    assert response.status_code == 200
    # Sent to the login page in Bengali (the shop's address under /bn/).
    assert response.redirect_chain[0][0].startswith("/bn/shop/accounts/login/")


def test_the_language_switcher_links_each_language_version_of_the_page(client):
    html = client.get("/impact/").content.decode()
    switcher = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    assert 'href="/bn/impact/"' in switcher and 'href="/hi/impact/"' in switcher
    assert 'href="/impact/"' in switcher and 'aria-current="true"' in switcher
    with translation.override("en-in"):
        url = Product.objects.get(upc="HAAT-TOTE-01").get_absolute_url()
    html = client.get(f"/bn{url}").content.decode()
    switcher = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    assert f'href="{url}"' in switcher and f'href="/hi{url}"' in switcher


# --- Consent ------------------------------------------------------------------------------------
def custodian():
    return get_user_model().objects.get(username="identity-custodian")


def test_a_story_disappears_at_once_when_its_consent_is_withdrawn(client, django_capture_on_commit_callbacks):
    story = StoryPage.objects.get(slug="juhis-story", locale__language_code="en-in")
    juhi = story.artisan
    assert client.get("/juhis-story/").status_code == 200
    assert "Juhi&#x27;s first bag" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        consent_services.record_consent(artisan=juhi, kind=Consent.STORY, granted=False,
                                        by=custodian(), note="She asked us to take it down.")

    for path in ("/juhis-story/", "/bn/juhis-story/", "/hi/juhis-story/"):
        assert client.get(path).status_code == 404, path
    # Unpublished in every language, gone from the home page and the sitemap.
    assert not StoryPage.objects.filter(artisan=juhi).live().exists()
    assert "Juhi&#x27;s first bag" not in client.get("/").content.decode()
    assert "juhis-story" not in client.get("/sitemap.xml").content.decode()


def test_serving_checks_consent_even_before_the_page_is_unpublished(client):
    """A consent row committed elsewhere (no signal handled yet) already hides the story."""
    story = StoryPage.objects.get(slug="juhis-story", locale__language_code="en-in")
    Consent.objects.create(artisan=story.artisan, kind=Consent.STORY, granted=False,
                           recorded_by=custodian())
    assert client.get("/juhis-story/").status_code == 404


def new_story(maker):
    home = english_home()
    return home.add_child(instance=StoryPage(
        title=f"{maker.pseudonym}'s pouches", slug=f"{maker.slug}-story", artisan=maker,
        introduction="A story written while her consent is asked for.", live=False))


def test_a_story_cannot_be_published_without_a_consent_record():
    bakul = Artisan.objects.get(pseudonym="Bakul")
    assert not Consent.objects.filter(artisan=bakul, kind=Consent.STORY).exists()
    page = new_story(bakul)
    page.save_revision().publish()  # as a workflow approval or scheduled publishing would
    page.refresh_from_db()
    assert not page.live

    consent_services.record_consent(artisan=bakul, kind=Consent.STORY, granted=True,
                                    by=custodian())
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200


def test_the_editor_is_told_why_a_story_is_not_published(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from storefront.wagtail_hooks import refuse_story_without_consent

    page = new_story(Artisan.objects.get(pseudonym="Shiuli"))
    request = rf.post("/cms/")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = refuse_story_without_consent(request, page)
    assert response.status_code == 302 and f"/cms/pages/{page.pk}/edit/" in response["Location"]
    assert "has no standing consent" in str(list(request._messages)[0])
    # With her consent the hook lets the publication through.
    consent_services.record_consent(artisan=page.artisan, kind=Consent.STORY, granted=True,
                                    by=custodian())
    assert refuse_story_without_consent(request, page) is None
