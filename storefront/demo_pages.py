"""The story side's demo pages (called by load_demo): Bengali and Hindi locales and translations
of the home page, the standard pages (about, shipping, returns, privacy), the impact page and a
story page of a demo maker whose consent to her story stands. Idempotent."""

from wagtail.models import Locale

from artisans.models import Artisan, Consent
from artisans.selectors import consent_state

from .models import HomePage, ImpactPage, StandardPage, StoryPage

HOME_TRANSLATIONS = {
    "bn": {
        "title": "হাট",
        "hero_title": "পশ্চিমবঙ্গে হাতে তৈরি, ন্যায্য পারিশ্রমিকে",
        "hero_text": (
            "পাচার থেকে বেঁচে ফেরা নারীরা নতুন করে জীবন গড়ছেন; তাঁদের হাতে সেলাই করা টোট ব্যাগ "
            "আর পাউচ। প্রতিটি কেনাকাটা কারিগরকে তাঁর পারিশ্রমিক দেয় এবং পরের জনের প্রশিক্ষণে টাকা জোগায়।"
        ),
        "search_description": "পশ্চিমবঙ্গের কারিগরদের হাতে তৈরি টোট ব্যাগ ও পাউচ, ন্যায্য পারিশ্রমিকে।",
    },
    "hi": {
        "title": "हाट",
        "hero_title": "पश्चिम बंगाल में हाथ से बना, उचित मेहनताने पर",
        "hero_text": (
            "तस्करी से बचकर नई ज़िंदगी बना रही महिलाओं के हाथों सिले टोट बैग और पाउच। "
            "हर ख़रीद कारीगर को उसका मेहनताना देती है और अगली कारीगर के प्रशिक्षण में पैसा जोड़ती है।"
        ),
        "search_description": "पश्चिम बंगाल की कारीगरों के हाथ से बने टोट बैग और पाउच, उचित मेहनताने पर।",
    },
}

STANDARD_PAGES = [
    ("shipping", "Shipping", "We ship across India from our hub in Kolkata, never from a shelter.",
     "India Post costs ₹80 and is free from ₹1,500; a courier costs ₹180. Parcels leave within "
     "three working days and arrive in 3–8 days."),
    ("returns", "Returns", "Changed your mind? Send a piece back within 14 days for a refund.",
     "Write to us with your order number. The maker keeps what she was paid for her work: a "
     "return is our cost, never hers."),
    ("privacy", "Privacy", "What we keep about you, and what we never publish about our makers.",
     "We keep your name, address and order history to deliver your order. Card details go to "
     "Stripe and never reach our servers. Makers are named by pseudonym; their real names, "
     "phones, bank details and where they live are never shown, exported or logged. When you "
     "search the shop while signed in, we keep the words you searched for, to learn what "
     "shoppers look for, but never who searched for them."),
]

IMPACT_TRANSLATIONS = {
    "bn": ("আমাদের প্রভাব", "আমাদের হিসাবের খাতা থেকে নেওয়া সংখ্যা, হাতে লেখা নয়।"),
    "hi": ("हमारा असर", "हमारे खातों से निकले आँकड़े, हाथ से भरे हुए नहीं।"),
}

STORY_MAKER = "Juhi"


def _paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def load(home: HomePage, editor) -> None:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("bn", "hi")}

    for slug, title, intro, text in STANDARD_PAGES:
        if not StandardPage.objects.filter(slug=slug, locale=home.locale).exists():
            home.add_child(instance=StandardPage(
                title=title, slug=slug, introduction=intro, body=_paragraph(text),
                search_description=intro))

    impact = ImpactPage.objects.filter(locale=home.locale).first()
    if impact is None:
        impact = home.add_child(instance=ImpactPage(
            title="Our impact", slug="impact",
            introduction="What every purchase has done so far, counted from our accounts.",
            body=_paragraph(
                "Makers are paid a piece rate when their work passes its quality check, and a "
                "share of each sale. A share of every sale and every company's pledge goes to the "
                "training fund, which pays for courses and seed grants for new businesses."),
            search_description="Bags sold, makers earning and money to the training fund, "
                               "counted from Haat's accounts."))

    maker = Artisan.objects.filter(pseudonym=STORY_MAKER).first()
    story = StoryPage.objects.filter(locale=home.locale, slug="juhis-story").first()
    if maker is not None and story is None and consent_state(maker)[Consent.STORY]:
        story = home.add_child(instance=StoryPage(
            title="Juhi's first bag", slug="juhis-story", artisan=maker,
            introduction="Juhi learnt to stitch at the collective. Now she leads the finishing "
                         "table and teaches the women who join after her.",
            body=_paragraph(
                "The first bag Juhi finished is still in her cupboard. She could not believe she "
                "had made it. Today every tote from the Shapla collective passes through her hands "
                "before it is packed."),
            owner=editor))

    # Bengali and Hindi: the home page and the impact page translated; the other pages are
    # aliases (the English, until an editor translates them), as Wagtail's tree sync makes them.
    for code, locale in locales.items():
        home_t = home.get_translation_or_none(locale)
        if home_t is None:
            home_t = home.copy_for_translation(locale)
            for field, value in HOME_TRANSLATIONS[code].items():
                setattr(home_t, field, value)
            home_t.save_revision().publish()
        impact_t = impact.get_translation_or_none(locale)
        if impact_t is None:
            impact_t = impact.copy_for_translation(locale)
            impact_t.title, impact_t.introduction = IMPACT_TRANSLATIONS[code]
            impact_t.body = []
            impact_t.save_revision().publish()
        for page in home.get_children().type(StandardPage, StoryPage).specific():
            if page.get_translation_or_none(locale) is None:
                page.copy_for_translation(locale, alias=True)


