"""One piece of demo text in English, Bengali and Hindi (T), and the StreamField blocks the demo
pages are written with. T.registry is what translate() (pages.py) gives wagtail-localize."""

from django.utils.html import escape

LANGUAGES = ("bn", "hi")


class T:
    """One piece of text in English, Bengali and Hindi."""

    registry: dict[str, dict[str, str]] = {}

    def __init__(self, en, bn, hi):
        self.en, self.bn, self.hi = en, bn, hi
        T.registry[en] = {"bn": bn, "hi": hi}

    def __str__(self):
        return self.en


def _p(*texts):
    return "".join(f"<p>{escape(str(t))}</p>" for t in texts)


def _para(*texts):
    return {"type": "paragraph", "value": _p(*texts)}


def _heading(text):
    return {"type": "heading", "value": str(text)}
