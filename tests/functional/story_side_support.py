"""What the story side's tests share (test_story_side.py, test_story_side_figures.py,
test_story_side_seo.py): a page's visible text and the English home page."""

import html as htmllib
import re

from storefront.models import HomePage


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def english_home():
    return HomePage.objects.get(locale__language_code="en-in")
