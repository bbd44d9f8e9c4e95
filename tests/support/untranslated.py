"""Finds the shop's English words left on a Bengali or Hindi page.

The English catalogue is every msgid of every .po file the project loads (LOCALE_PATHS, each
installed app's locale/, Django's own) plus Oscar's: a visible text on a /bn/ or /hi/ page that is
one of those msgids came out of gettext untranslated. Visible text means text nodes (not in
script/style/template), and the alt, title, placeholder and aria-label attributes and the
value of submit/button inputs. Text inside an element marked with another language (lang="en",
the language menu's "English") is meant to be in that language and is skipped.

Product titles and CMS page text are not gettext strings: `extra_english` lets a test add them
(e.g. the English titles of the demo products) to what counts as English.

    catalogue = english_catalogue()
    found = untranslated(html, "bn", catalogue)   # [(text, where), ...]
"""

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

# Never counted: the brand, the makers' pseudonyms (names, the same in every script's URL and
# page), product codes, and words that are the same in English, Bengali and Hindi shops.
ALLOWED = {
    "Haat", "UPC", "SKU", "GST", "GSTIN", "INR", "CSR", "PDF", "OK", "UPI", "IFSC", "PAN", "Email",
}
PSEUDONYM = re.compile(r"^[A-Z][a-z]+$")  # a lone capitalised word: see allowed_word()
PRODUCT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,}$")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\w*\}")
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SKIP_TAGS = {"script", "style", "template", "noscript", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
# Elements whose whole text is one phrase (a msgid with markup inside: "Made by <a>Juhi</a>").
_PHRASE_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "td", "th",
                "dt", "dd", "legend", "summary", "title", "small", "span", "strong", "em", "caption",
                "figcaption", "option", "div"}
_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


def normal(text):
    return _SPACE.sub(" ", _TAGS.sub("", text or "")).strip()


def _locale_dirs():
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        dirs.append(Path(config.path) / "locale")
    import django
    import oscar

    dirs.append(Path(oscar.__file__).parent / "locale")
    dirs.append(Path(django.__file__).parent / "conf" / "locale")
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def _one_po(locale_dir):
    """The msgids are the same in each language's file: one file per folder is enough (Bengali's
    when there is one, since the shop's own catalogues have no English file)."""
    for language in ("bn", "hi", "en", "en_GB"):
        po = locale_dir / language / "LC_MESSAGES" / "django.po"
        if po.exists():
            return po
    found = sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))
    return found[0] if found else None


_NUMERIC = {"n", "num", "count", "number", "quantity", "qty", "total", "days", "hours",
            "minutes", "weeks", "pieces", "counter"}


def _filler(match):
    """What a placeholder may stand for on the page: a number for %d and count-like names (so
    "%(n)s bags" does not match the category "Tote bags"), else a short run of text."""
    name = match.group(1)
    if match.group(0) in ("%d", "%i") or (name and name.lower() in _NUMERIC):
        return r"[\d০-৯०-९.,\s]+"
    return r"[^.?!|]{1,40}?"


@lru_cache(maxsize=1)
def english_catalogue():
    """(exact, patterns): the msgids as visible text (markup removed, spaces folded), and those
    with placeholders as regular expressions."""
    exact, patterns = set(), []
    for locale_dir in _locale_dirs():
        po = _one_po(locale_dir)
        if po is None:
            continue
        for entry in polib.pofile(str(po)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                text = normal(msgid)
                if not re.search(r"[A-Za-z]{2}", _PLACEHOLDER.sub("", text)):
                    continue  # only placeholders, digits or punctuation
                if _PLACEHOLDER.search(text):
                    literal = _PLACEHOLDER.split(text)[::2]
                    fillers = [_filler(m) for m in _PLACEHOLDER.finditer(text)]
                    regex = "".join(re.escape(piece) + (fillers[i] if i < len(fillers) else "")
                                    for i, piece in enumerate(literal))
                    longest = max(literal, key=len).strip()
                    if len(longest) >= 4:
                        patterns.append((longest, re.compile(f"^{regex}$"), text))
                else:
                    exact.add(text)
    return exact, patterns


def is_english(text, catalogue, extra_english=()):
    exact, patterns = catalogue
    if text in exact or text in extra_english:
        return text
    for longest, regex, msgid in patterns:
        if longest in text and regex.match(text):
            return msgid
    return None


def allowed_word(text, allowed=()):
    return (text in ALLOWED or text in allowed or PRODUCT_CODE.match(text) is not None
            or not re.search(r"[A-Za-z]{2}", text))


class _Texts(HTMLParser):
    """Visible texts of a page with a short note of where each is (tag, class or attribute)."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, skip, where)
        self.texts = []
        self.blocks = []  # (where, [texts]) of open block elements, for msgids with markup

    def _skipping(self):
        return any(skip for _tag, skip, _where in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        other_language = bool(lang) and not lang.startswith(self.language) and tag != "html"
        hidden_input = tag == "input" and (attrs.get("type") or "").lower() == "hidden"
        skip = tag in _SKIP_TAGS or other_language
        where = tag + (f".{attrs['class'].split()[0]}" if attrs.get("class") else "")
        if not (skip or self._skipping() or hidden_input):
            for name in _ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append((normal(attrs[name]), f"{where}[{name}]"))
            if tag == "input" and (attrs.get("type") or "").lower() in ("submit", "button", "reset"):
                if attrs.get("value"):
                    self.texts.append((normal(attrs["value"]), f"{where}[value]"))
        if tag not in _VOID:
            self.stack.append((tag, skip, where))
            self.blocks.append([])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Pop to the matching open tag (forgiving of HTML that leaves some elements open).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                while len(self.stack) > index:
                    _tag, skip, where = self.stack.pop()
                    pieces = self.blocks.pop()
                    joined = normal(" ".join(pieces))
                    if joined and _tag in _PHRASE_TAGS and not skip and not self._skipping():
                        self.texts.append((joined, where))
                    if self.blocks and not skip:
                        self.blocks[-1].extend(pieces)
                return

    def handle_data(self, data):
        if self._skipping():
            return
        text = normal(data)
        if text:
            self.texts.append((text, self.stack[-1][2] if self.stack else "#text"))
            if self.blocks:
                self.blocks[-1].append(data)


def visible_texts(html, language):
    parser = _Texts(language)
    parser.feed(html)
    parser.close()
    return parser.texts


def untranslated(html, language, catalogue=None, extra_english=(), allowed=()):
    """[(text, msgid, where)]: the page's visible texts that are English msgids, once each."""
    catalogue = catalogue or english_catalogue()
    found, seen = [], set()
    texts = []
    for text, where in visible_texts(html, language):
        texts.append((text, where))
        if where == "title":  # "Made by Juhi | Haat": each part on its own
            texts.extend((part.strip(), where) for part in text.split(" | "))
    for text, where in texts:
        if text in seen or allowed_word(text, allowed):
            continue
        seen.add(text)
        msgid = is_english(text, catalogue, extra_english)
        if msgid is not None:
            found.append((text, msgid, where))
    return found
