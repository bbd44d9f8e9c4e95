"""CMS pages in English, Bengali and Hindi (wagtail-localize, storefront.translation): every page
answers in every language; a page not (wholly) translated shows the English text with a notice
in the visitor's language and a link to the English page, never a 404 and never half
translated; the demo's translations are wagtail-localize's own records."""

import html as htmllib
import re

import pytest
from django.test import Client
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from csr_partners.models import CampaignPage
from storefront.demo import pages as demo_pages
from storefront.models import HomePage, ImpactPage, StandardPage, StoryPage

pytestmark = pytest.mark.django_db

NOTICE = {
    "bn": "This page is not yet translated",  # the English words, until the catalogue has them
    "hi": "This page is not yet translated",
}


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


def english_pages():
    home = HomePage.objects.get(locale__language_code="en-in")
    return [home, *home.get_children().live().specific()]


def has_notice(response) -> bool:
    return b'class="untranslated-notice"' in response.content


def test_every_cms_page_answers_in_every_language_in_its_own_words():
    pages = english_pages()
    kinds = {type(p) for p in pages}
    assert {HomePage, StandardPage, StoryPage, ImpactPage, CampaignPage} <= kinds
    client = Client()
    for page in pages:
        path = page.url
        for code in ("en-in", "bn", "hi"):
            url = path if code == "en-in" else f"/{code}{path}"
            response = client.get(url)
            assert response.status_code == 200, url
            assert not has_notice(response), f"{url} says it is not translated"
            translated = page.get_translation(Locale.objects.get(language_code=code))
            assert translated.title in text_of(response), url
            if code != "en-in":
                assert translated.title != page.title or page.title == "Haat", url


def test_the_campaign_page_answers_in_bengali_and_hindi():
    """The debug 404 of issue 20: /bn/acme-womens-day/."""
    client = Client()
    for code, words in (("bn", "নারী দিবসের সপ্তাহ"), ("hi", "महिला दिवस सप्ताह")):
        response = client.get(f"/{code}/acme-womens-day/")
        assert response.status_code == 200
        assert words in text_of(response)


def test_the_demo_translations_are_wagtail_localize_records_an_editor_can_see_as_complete():
    for page in english_pages():
        for code in ("bn", "hi"):
            translation = Translation.objects.get(
                source__object_id=page.translation_key, target_locale__language_code=code)
            total, done = translation.get_progress()
            assert total > 0 and done == total, (page.slug, code, total, done)


def test_the_about_page_is_a_trust_page_in_three_languages():
    client = Client()
    about_en = text_of(client.get("/about/"))
    for words in ("How the shelters work", "How makers are paid", "AAATH0000DE20241",
                  "Demo value", "Audited accounts", "hello@haat.example", "Managing trustee",
                  "To the training fund"):
        assert words in about_en, words
    bn = client.get("/bn/about/")
    hi = client.get("/hi/about/")
    assert "आश्रय-गृह कैसे चलते हैं" in text_of(hi) and "hello@haat.example" in text_of(hi)
    assert "আশ্রয়কেন্দ্র কীভাবে চলে" in text_of(bn) and "AAATH0000DE20241" in text_of(bn)
    assert "ডেমো মান" in text_of(bn)
    # The lists inside blocks (registrations, team) are translated too.
    assert "ট্রাস্টের প্যান" in text_of(bn) and "ম্যানেজিং ট্রাস্টি" in text_of(bn)
    assert "PAN of the trust" not in text_of(bn) and "Managing trustee" not in text_of(bn)
    assert "प्रबंध न्यासी" in text_of(hi)
    hi = client.get("/hi/about/")
    # The audited accounts are a Wagtail document that downloads.
    link = re.search(r'href="(/documents/[^"]+)"', bn.content.decode())
    assert link and client.get(link.group(1)).status_code == 200
    # No shelter's address or the vault's demo identities on the trust page.
    for secret in ("Demo private address", "DEMO-ONLY", "DEMO-PHONE"):
        assert secret not in about_en


def _new_english_page(slug, title, intro):
    home = HomePage.objects.get(locale__language_code="en-in")
    page = home.add_child(instance=StandardPage(title=title, slug=slug, introduction=intro))
    page.save_revision().publish()
    return page


def test_a_page_without_a_translation_shows_the_english_with_a_notice_and_a_link():
    _new_english_page("gift-wrap", "Gift wrapping", "Every piece wrapped in newspaper cloth.")
    client = Client()
    for code in ("bn", "hi"):
        response = client.get(f"/{code}/gift-wrap/")
        assert response.status_code == 200
        text = text_of(response)
        assert "Every piece wrapped in newspaper cloth." in text
        assert has_notice(response)
        assert re.search(r'<div class="untranslated-notice".*?href="/gift-wrap/"',
                         response.content.decode(), flags=re.S)
        # The English page is the one to index.
        assert re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:8000/gift-wrap/"',
                         response.content.decode())
    assert not has_notice(client.get("/gift-wrap/"))
    # A path nobody made is still a 404, in every language.
    assert client.get("/bn/no-such-page/").status_code == 404


def test_the_english_text_of_an_untranslated_page_is_marked_as_english():
    """Screen readers read it with an English voice and browsers hyphenate it as English; the
    shop's own words around it (notice, breadcrumb, buttons) stay in the visitor's language."""
    _new_english_page("repairs", "Repairs for life", "Send a torn bag back: we mend it.")
    client = Client()
    for code in ("bn", "hi"):
        body = client.get(f"/{code}/repairs/").content.decode()
        assert '<h1 lang="en-IN">Repairs for life</h1>' in body
        assert '<p class="lede" lang="en-IN">Send a torn bag back: we mend it.</p>' in body
        notice = re.search(r'<div class="untranslated-notice".*?</div>\s*</div>', body, re.S).group()
        assert "lang=" not in notice.replace("hreflang=", "")
        assert f'<html lang="{code}"' in body
    # A page in the visitor's language, and the English page itself, carry no such mark.
    for url in ("/repairs/", "/bn/about/", "/hi/about/", "/bn/juhis-story/", "/bn/acme-womens-day/"):
        assert 'lang="en-IN"' not in client.get(url).content.decode(), url


def test_a_draft_or_half_done_translation_is_never_shown():
    page = _new_english_page("care", "Caring for kantha", "Wash cold. Dry in the shade.")
    bengali = Locale.objects.get(language_code="bn")
    # Half translated: the title done in wagtail-localize, the introduction not.
    from wagtail_localize.models import TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related("string",
                                                                               "context"):
        if segment.context.path in ("title", "slug"):
            StringTranslation.objects.create(
                translation_of=segment.string, locale=bengali, context=segment.context,
                data={"title": "কাঁথার যত্ন", "slug": "care"}[segment.context.path],
                translation_type="manual")
    translation = Translation.objects.create(source=source, target_locale=bengali)
    translation.save_target(publish=False)  # a draft
    client = Client()
    response = client.get("/bn/care/")
    assert response.status_code == 200 and has_notice(response)
    assert "কাঁথার যত্ন" not in text_of(response)
    assert "Wash cold. Dry in the shade." in text_of(response)

    # Published with a segment still untranslated: still the English page, whole.
    target = page.get_translation(bengali)
    target.get_latest_revision().publish()
    assert Page.objects.get(pk=target.pk).live
    response = client.get("/bn/care/")
    assert has_notice(response) and "কাঁথার যত্ন" not in text_of(response)

    # Every segment translated and published: the Bengali page, without the notice.
    intro = StringSegment.objects.get(source=source, context__path="introduction")
    StringTranslation.objects.create(
        translation_of=intro.string, locale=bengali, context=intro.context,
        data="ঠান্ডা জলে ধোবেন। ছায়ায় শুকোবেন।", translation_type="manual")
    translation.save_target(publish=False)
    Page.objects.get(pk=target.pk).specific.get_latest_revision().publish()
    response = client.get("/bn/care/")
    assert not has_notice(response)
    assert "কাঁথার যত্ন" in text_of(response) and "ছায়ায় শুকোবেন" in text_of(response)


def test_the_language_links_of_an_untranslated_page_stay_on_that_page():
    _new_english_page("bulk-gifts", "Gifts for teams", "Boxes of ten or more.")
    body = Client().get("/bulk-gifts/").content.decode()
    assert 'hreflang="bn" href="http://127.0.0.1:8000/bn/bulk-gifts/"' in body
    assert 'hreflang="hi" href="http://127.0.0.1:8000/hi/bulk-gifts/"' in body


def test_every_demo_text_has_bengali_and_hindi_that_differ_from_the_english():
    for english, versions in demo_pages.T.registry.items():
        for code in ("bn", "hi"):
            assert versions[code].strip(), (english, code)
        if english not in ("Haat",):
            assert versions["bn"] != english and versions["hi"] != english, english


def test_the_editor_sees_in_the_cms_which_pages_are_not_yet_translated():
    from tests.support.auth import demo_user, sign_in

    client = Client()
    sign_in(client, demo_user("editor"))
    body = client.get("/cms/").content.decode()
    assert 'id="untranslated-pages"' in body or "untranslated-pages" in body
    # The demo's pages are all translated.
    assert 'data-state="missing"' not in body
    page = _new_english_page("stockists", "Where to find us", "Shops that stock Haat.")
    body = client.get("/cms/").content.decode()
    rows = re.findall(r'<tr data-state="missing">.*?</tr>', body, flags=re.S)
    assert len(rows) == 2  # Bengali and Hindi
    assert all(f"/cms/pages/{page.pk}/edit/" in row and "Where to find us" in row for row in rows)
