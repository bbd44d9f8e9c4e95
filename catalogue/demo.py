"""Bengali and Hindi text of the demo catalogue (storefront's load_demo calls `translate`).

Written as a shopper in Kolkata or Lucknow would say it: short, plain words. Keyed by the
English the demo creates, so a product or category the demo did not make is left alone.
"""

from oscar.core.loading import get_model

from . import services

# upc: (bn title, bn description, hi title, hi description)
PRODUCTS = {
    "HAAT-TOTE-01": (
        "কাঁথা বাজারের ঝোলা",
        "সুতির ক্যানভাসে তৈরি রোজকার বড় ঝোলা, ধারে হাতে সেলাই করা কাঁথার কাজ।",
        "कांथा बाज़ार थैला",
        "सूती कैनवस का रोज़ काम आने वाला बड़ा थैला, किनारे पर हाथ की कांथा सिलाई।",
    ),
    "HAAT-TOTE-02": (
        "ব্লক-ছাপা পাটের ঝোলা",
        "পাটের ঝোলা, হাতে ব্লক-ছাপা নকশা আর সুতির ফিতের হাতল।",
        "ब्लॉक-छपाई जूट थैला",
        "जूट का थैला, हाथ से ब्लॉक-छपाई वाला हिस्सा और सूती पट्टी के हैंडल।",
    ),
    "HAAT-TOTE-03": (
        "নীল ডোরাকাটা ঝোলা",
        "ডোরাকাটা তাঁতের সুতি কাপড়, ভেতরে আস্তর আর ফোন রাখার পকেট।",
        "नील धारीदार थैला",
        "धारीदार हथकरघा सूती कपड़ा, अंदर अस्तर और फ़ोन के लिए जेब।",
    ),
    "HAAT-TOTE-04": (
        "গাঁদা ফুটকি ঝোলা",
        "হালকা সুতির ঝোলা, ভাঁজ করলে নিজের পকেটেই ঢুকে যায়।",
        "गेंदा बिंदी थैला",
        "हल्का सूती थैला, जो मोड़कर अपनी ही जेब में समा जाता है।",
    ),
    "HAAT-TOTE-05": (
        "জোড়াতালির বইয়ের ঝোলা",
        "তাঁতের বেঁচে যাওয়া টুকরো জুড়ে তৈরি; বই আর ১৩ ইঞ্চি পর্যন্ত ল্যাপটপ ধরে।",
        "पैचवर्क किताबों का थैला",
        "हथकरघा कपड़े की बची कतरनें जोड़कर बना; किताबें और 13 इंच तक का लैपटॉप आ जाता है।",
    ),
    "HAAT-TOTE-06": (
        "কাঁথার কাঁধ-ঝোলা",
        "লম্বা হাতল, চুম্বকের আটকানি, আর সামনে জুড়ে ঘন কাঁথার সেলাই।",
        "कांथा कंधे का थैला",
        "लंबे हैंडल, चुंबक वाला बटन और सामने पूरी घनी कांथा सिलाई।",
    ),
    "HAAT-TOTE-07": (
        "পোড়ামাটি রঙের ক্যানভাস ঝোলা",
        "পোড়ামাটি রঙের মোটা ক্যানভাস, তলাটা মজবুত করে সেলাই।",
        "टेराकोटा कैनवस थैला",
        "टेराकोटा रंग का मोटा कैनवस, तले को मज़बूत सिलाई।",
    ),
    "HAAT-TOTE-08": (
        "সমুদ্র-সবুজ বাজারের থলে",
        "মজবুত বাজারের থলে, ১০ কেজি পর্যন্ত বইতে পারে।",
        "समुद्री हरा राशन थैला",
        "मज़बूत राशन-सब्ज़ी का थैला, 10 किलो तक उठा लेता है।",
    ),
    "HAAT-POUCH-01": (
        "কাঁথার চেন-থলি",
        "আস্তর দেওয়া চেনের থলি: কলম, চার্জারের তার বা সাজের জিনিস রাখার জন্য।",
        "कांथा ज़िप पाउच",
        "अस्तर वाला ज़िप पाउच: पेन, चार्जर के तार या मेकअप के लिए।",
    ),
    "HAAT-POUCH-02": (
        "ব্লক-ছাপা খুচরো পয়সার ব্যাগ",
        "ছোট চেনের ব্যাগ, হাতে ব্লক-ছাপা।",
        "ब्लॉक-छपाई सिक्का बटुआ",
        "छोटा ज़िप बटुआ, हाथ से ब्लॉक-छपाई।",
    ),
    "HAAT-POUCH-03": (
        "জোড়াতালির ভ্রমণ-থলি",
        "জল-আটকানো আস্তরের জোড়াতালি থলি, সাবান-তেলের জিনিস রাখার জন্য।",
        "पैचवर्क सफ़री पाउच",
        "पानी-रोधी अस्तर वाला पैचवर्क पाउच, नहाने-धोने के सामान के लिए।",
    ),
    "HAAT-POUCH-04": (
        "নীল পেনসিলের থলি",
        "রুলার ঢোকানোর মতো লম্বা, মজবুত ধাতুর চেন।",
        "नील पेंसिल पाउच",
        "रूलर आ जाए इतना लंबा, मज़बूत धातु की ज़िप।",
    ),
    "HAAT-POUCH-05": (
        "গাঁদা রঙের সাজের থলি",
        "চৌকো থলি, তাকের ওপর সোজা দাঁড়িয়ে থাকে।",
        "गेंदा रंग का मेकअप पाउच",
        "डिब्बेनुमा पाउच, जो शेल्फ़ पर सीधा खड़ा रहता है।",
    ),
    "HAAT-POUCH-06": (
        "পাটের ফোন-ঝোলা",
        "কোনাকুনি কাঁধে ঝোলানোর ছোট ব্যাগ, ফোন আর কার্ড ধরে।",
        "जूट का फ़ोन झोला",
        "तिरछा कंधे पर टाँगने वाला छोटा झोला, फ़ोन और कार्ड आ जाते हैं।",
    ),
}

# English name: (English description, bn name, bn description, hi name, hi description)
CATEGORIES = {
    "Tote bags": (
        "Everyday totes in cotton and jute, cut and stitched by hand.",
        "ঝোলা ব্যাগ", "সুতি আর পাটের রোজকার ঝোলা, হাতে কাটা, হাতে সেলাই।",
        "थैले", "सूती और जूट के रोज़ के थैले, हाथ से कटे और सिले।",
    ),
    "Pouches": (
        "Zip pouches, purses and slings for the small things.",
        "পাউচ ও থলি", "ছোটখাটো জিনিসের জন্য চেনের থলি, পার্স আর ঝোলা।",
        "पाउच और बटुए", "छोटी-मोटी चीज़ों के लिए ज़िप पाउच, बटुए और झोले।",
    ),
    "One-off pieces": (
        "Pieces made one at a time: the photo is of the very piece you buy.",
        "একটাই-রকম জিনিস", "একটা একটা করে তৈরি: ছবিতে যেটা দেখছেন, সেটাই পাবেন।",
        "इकलौते नमूने", "एक-एक करके बने: तस्वीर में जो दिखे, वही आपको मिलेगा।",
    ),
}

# English: (bn, hi), for product classes and attribute names.
NAMES = {
    "Tote bag": ("ঝোলা ব্যাগ", "थैला"),
    "Pouch": ("পাউচ", "पाउच"),
    "One-off kantha tote": ("একটাই-রকম কাঁথার ঝোলা", "इकलौता कांथा थैला"),
    "Materials": ("উপকরণ", "सामग्री"),
    "Care": ("যত্ন", "देखभाल"),
    "Size": ("মাপ", "नाप"),
}

# English attribute text (materials, size, care): (bn, hi).
VALUES = {
    "Cotton canvas, jute, cotton thread": ("সুতির ক্যানভাস, পাট, সুতির সুতো", "सूती कैनवस, जूट, सूती धागा"),
    "Handloom cotton, metal zip": ("তাঁতের সুতি কাপড়, ধাতুর চেন", "हथकरघा सूती कपड़ा, धातु की ज़िप"),
    "Hand wash cold and dry in shade. Colours are natural and may soften over time.": (
        "ঠান্ডা জলে হাতে ধুয়ে ছায়ায় শুকোন। রং প্রাকৃতিক, দিনে দিনে একটু নরম হতে পারে।",
        "ठंडे पानी में हाथ से धोएँ और छाँव में सुखाएँ। रंग प्राकृतिक हैं, समय के साथ थोड़े हल्के हो सकते हैं।",
    ),
    "About 38 × 40 cm, handles 60 cm": ("প্রায় ৩৮ × ৪০ সেমি, হাতল ৬০ সেমি", "लगभग 38 × 40 सेमी, हैंडल 60 सेमी"),
    "About 22 × 14 cm": ("প্রায় ২২ × ১৪ সেমি", "लगभग 22 × 14 सेमी"),
}


def _both(bn: str, hi: str) -> dict:
    return {"bn": bn, "hi": hi}


def translate() -> None:
    """Give every demo product, category, product class and attribute its bn and hi text."""
    Product = get_model("catalogue", "Product")  # noqa: N806
    Category = get_model("catalogue", "Category")  # noqa: N806
    ProductClass = get_model("catalogue", "ProductClass")  # noqa: N806
    ProductAttribute = get_model("catalogue", "ProductAttribute")  # noqa: N806
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")  # noqa: N806

    for product in Product.objects.filter(upc__in=PRODUCTS):
        bn_title, bn_text, hi_title, hi_text = PRODUCTS[product.upc]
        services.set_translations(product, {
            "title": _both(bn_title, hi_title),
            "description": _both(f"<p>{bn_text}</p>", f"<p>{hi_text}</p>"),
        })
    for category in Category.objects.filter(name_en_in__in=CATEGORIES):
        en_text, bn_name, bn_text, hi_name, hi_text = CATEGORIES[category.name_en_in]
        if not category.description_en_in:
            category.description_en_in = f"<p>{en_text}</p>"
        services.set_translations(category, {
            "name": _both(bn_name, hi_name),
            "description": _both(f"<p>{bn_text}</p>", f"<p>{hi_text}</p>"),
        })
    for model in (ProductClass, ProductAttribute):
        for obj in model.objects.filter(name_en_in__in=NAMES):
            services.set_translations(obj, {"name": _both(*NAMES[obj.name_en_in])})
    for value in ProductAttributeValue.objects.filter(value_text_en_in__in=VALUES):
        services.set_translations(value, {"value_text": _both(*VALUES[value.value_text_en_in])})
