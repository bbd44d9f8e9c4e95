"""The shop in Bengali and Hindi for real (issue 20): no public page shows one of the shop's
English catalogue strings (every msgid the project loads, and Oscar's) untranslated, and every
public page answers in English, Bengali and Hindi.

When the crawl fails it prints each English string with its page: translate them in the owning
app's catalogue (README, "Translations") and run the test again. Product titles and CMS page text
are not gettext strings; EXTRA_ENGLISH is where a test adds such words to what counts as English.
"""

import pytest

from tests.support.public_pages import EXPECTED_STATUS, LANGUAGES, public_pages
from tests.support.untranslated import english_catalogue, untranslated

pytestmark = pytest.mark.django_db

# Words that are English on purpose on a Bengali or Hindi page, besides the brand, the product
# codes and the makers' pseudonyms (tests/support/untranslated.py ALLOWED).
ALLOWED = set()
# English texts that are not gettext strings but must not show on a Bengali or Hindi page either
# (the database's English below is added to these).
EXTRA_ENGLISH = set()


def _database_english():
    """The English product titles, category names and makers' bios: every one of them has a
    Bengali and a Hindi text in the demo data (django-modeltranslation), so a bn or hi page that
    shows the English one has lost its translation (a template reading the English column, a
    cached fragment from before, a fallback that should not happen)."""
    from oscar.core.loading import get_model

    from artisans.models import Artisan
    from tests.support.untranslated import normal

    english = set(get_model("catalogue", "Product").objects.values_list("title_en_in", flat=True))
    english |= set(get_model("catalogue", "Category").objects.values_list("name_en_in", flat=True))
    for bio in Artisan.objects.values_list("bio_en_in", flat=True):
        # As the page shows it: whole, or a paragraph at a time (linebreaks).
        english.add(normal(bio))
        english.update(normal(part) for part in (bio or "").split("\n\n"))
    return {text for text in english if text}


def _pseudonyms():
    from artisans.models import Artisan

    return set(Artisan.objects.values_list("pseudonym", flat=True))


def _cms_titles():
    """The English titles of the CMS pages: a Bengali page that is still an alias of the English
    one shows them ("Shipping"), which is the CMS translation workflow's to count, not gettext's."""
    from wagtail.models import Page

    return set(Page.objects.filter(locale__language_code="en-in").values_list("title", flat=True))


@pytest.mark.timeout(900)  # the first test of a run also migrates and loads the demo data
@pytest.mark.parametrize("language", ["bn", "hi"])
def test_no_public_page_shows_an_english_catalogue_string_untranslated(client, language):
    catalogue = english_catalogue()
    allowed = ALLOWED | _pseudonyms() | _cms_titles()
    extra_english = EXTRA_ENGLISH | _database_english()
    found = []
    for name, url in public_pages(client, language):
        response = client.get(url, follow=True)
        html = response.content.decode()
        for text, msgid, where in untranslated(html, language, catalogue, extra_english, allowed):
            found.append(f"{language} {name} ({url}) <{where}>: {text!r}"
                         + ("" if text == msgid else f"  (msgid {msgid!r})"))
    assert not found, f"{len(found)} English strings on {language} pages:\n" + "\n".join(found)


def test_the_crawler_finds_an_english_string_left_on_a_bengali_page():
    """The crawl can fail: an untranslated msgid, in text, an attribute or a button, is found;
    the same words translated, or in an element marked English, are not."""
    catalogue = english_catalogue()
    html = ('<html lang="bn"><body><h1>Sign in</h1><input type="submit" value="Add to basket">'
            '<img alt="Your basket"><p>ঝুড়ি</p><a lang="en-in">Sign in</a>'
            '<script>var x = "Continue";</script></body></html>')
    texts = [text for text, _msgid, _where in untranslated(html, "bn", catalogue)]
    assert texts == ["Sign in", "Add to basket", "Your basket"]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_answers_in_each_language(client, language):
    wrong = []
    pages = public_pages(client, language)
    assert len(pages) >= 20
    for name, url in pages:
        response = client.get(url, follow=True)
        expected = EXPECTED_STATUS.get(name, 200)
        if response.status_code != expected:
            wrong.append(f"{name} {url}: {response.status_code} (expected {expected})")
        elif language != "en-in" and expected == 200:
            # The page is in the language asked for (not sent back to English).
            if f'lang="{language}"' not in response.content.decode()[:600]:
                wrong.append(f"{name} {url}: not in {language}")
    assert not wrong, "\n".join(wrong)
