"""The story side's demo pages (called by load_demo), in English, Bengali and Hindi.

English pages: home, about (the trust page: mission, how the shelters work, how makers are paid,
registrations, audited accounts, contact, team, figures), shipping, returns, privacy, the impact
page, a story page of a demo maker whose consent to her story stands, and the campaign page
(made by load_demo._csr). Each is translated into Bengali and Hindi through wagtail-localize's
own records: a TranslationSource of the English page, a StringTranslation for each of its
segments, and a Translation saved into the language's page (translate()), so an editor sees in
/cms/ that they are translated and can change any segment there. Idempotent.

Registration numbers, phone and the audited accounts are DEMO values, marked so on the page:
nothing here is a real registration, account or person."""

import html

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.models import Locale

from artisans.models import Artisan, Consent
from artisans.selectors import consent_state

from .models import HomePage, ImpactPage, StandardPage, StoryPage

LANGUAGES = ("bn", "hi")
STORY_MAKER = "Juhi"


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


# --- Home ----------------------------------------------------------------------------------------
HOME = {
    "title": T("Haat", "হাট", "हाट"),
    "hero_title": T("Handmade in West Bengal, paid fairly",
                    "পশ্চিমবঙ্গে হাতে তৈরি, ন্যায্য পারিশ্রমিকে",
                    "पश्चिम बंगाल में हाथ से बना, उचित मेहनताने पर"),
    "hero_text": T(
        "Tote bags and pouches stitched by women rebuilding their lives after trafficking. "
        "Every purchase pays the maker and funds training for the next.",
        "পাচার থেকে বেঁচে ফেরা নারীরা নতুন করে জীবন গড়ছেন; তাঁদের হাতে সেলাই করা টোট ব্যাগ আর "
        "পাউচ। প্রতিটি কেনাকাটা কারিগরকে তাঁর পারিশ্রমিক দেয় এবং পরের জনের প্রশিক্ষণে টাকা জোগায়।",
        "तस्करी से बचकर नई ज़िंदगी बना रही महिलाओं के हाथों सिले टोट बैग और पाउच। हर ख़रीद "
        "कारीगर को उसका मेहनताना देती है और अगली कारीगर के प्रशिक्षण में पैसा जोड़ती है।"),
    "search_description": T(
        "Tote bags and pouches handmade by women in West Bengal, paid fairly.",
        "পশ্চিমবঙ্গের কারিগরদের হাতে তৈরি টোট ব্যাগ ও পাউচ, ন্যায্য পারিশ্রমিকে।",
        "पश्चिम बंगाल की कारीगरों के हाथ से बने टोट बैग और पाउच, उचित मेहनताने पर।"),
}

# --- About: the trust page -----------------------------------------------------------------------
ABOUT_TITLE = T("About Haat", "হাট সম্পর্কে", "हाट के बारे में")
ABOUT_INTRO = T(
    "Haat sells what women in our partner shelters make, and sends the money where it belongs: "
    "to the maker, to training, and to running the shop.",
    "আমাদের সহযোগী আশ্রয়কেন্দ্রের মেয়েরা যা বানান, হাট তা বিক্রি করে; আর টাকা যায় যেখানে "
    "যাওয়ার কথা: কারিগরের হাতে, প্রশিক্ষণে, আর দোকান চালাতে।",
    "हमारे साथी आश्रय-गृहों की महिलाएँ जो बनाती हैं, हाट उसे बेचता है, और पैसा वहीं जाता है "
    "जहाँ उसे जाना चाहिए: कारीगर के पास, प्रशिक्षण में, और दुकान चलाने में।")
ABOUT_DESCRIPTION = T(
    "Who we are, how the shelters work, how makers are paid, our registrations, audited "
    "accounts and how to reach us.",
    "আমরা কারা, আশ্রয়কেন্দ্র কীভাবে চলে, কারিগরেরা কীভাবে টাকা পান, আমাদের নিবন্ধন, "
    "নিরীক্ষিত হিসাব আর যোগাযোগের উপায়।",
    "हम कौन हैं, आश्रय-गृह कैसे चलते हैं, कारीगरों को पैसा कैसे मिलता है, हमारे पंजीकरण, "
    "ऑडिट किए गए खाते और हमसे संपर्क कैसे करें।")

ABOUT_TEXT = {
    "mission_h": T("Our mission", "আমাদের লক্ষ্য", "हमारा मक़सद"),
    "mission": T(
        "Women who survive trafficking need work that pays, on their own terms. Haat is a "
        "not-for-profit trust that sells what they make at a fair price, pays them for every "
        "piece, and puts a share of every sale into training for the women who come next.",
        "পাচার থেকে বেঁচে ফেরা মেয়েদের দরকার এমন কাজ, যাতে টাকা আসে, আর যা তাঁদের নিজেদের "
        "শর্তে। হাট একটি অলাভজনক ট্রাস্ট: তাঁদের তৈরি জিনিস ন্যায্য দামে বিক্রি করে, প্রতিটি "
        "জিনিসের জন্য টাকা দেয়, আর প্রতিটি বিক্রির একটা ভাগ রাখে পরে যাঁরা আসবেন তাঁদের "
        "প্রশিক্ষণের জন্য।",
        "तस्करी से बची महिलाओं को ऐसा काम चाहिए जिससे कमाई हो, और जो उनकी अपनी शर्तों पर हो। "
        "हाट एक गैर-लाभकारी ट्रस्ट है: उनका बनाया सामान उचित दाम पर बेचता है, हर चीज़ का पैसा "
        "देता है, और हर बिक्री का एक हिस्सा आगे आने वाली महिलाओं के प्रशिक्षण में लगाता है।"),
    "shelters_h": T("How the shelters work", "আশ্রয়কেন্দ্র কীভাবে চলে", "आश्रय-गृह कैसे चलते हैं"),
    "shelters": T(
        "Our partner shelters are run by registered organisations that look after women after "
        "rescue: a safe home, counselling, legal help and schooling. Each shelter has a "
        "workroom where women learn to stitch and can earn while they recover. Working with us "
        "is always a choice, never a condition of staying.",
        "আমাদের সহযোগী আশ্রয়কেন্দ্রগুলি চালায় নিবন্ধিত সংস্থা। উদ্ধারের পরে তারা মেয়েদের "
        "দেখাশোনা করে: নিরাপদ থাকার জায়গা, কাউন্সেলিং, আইনি সাহায্য আর পড়াশোনা। প্রতিটি "
        "কেন্দ্রে একটা কাজের ঘর আছে, সেখানে মেয়েরা সেলাই শেখেন আর সেরে ওঠার সময়েই রোজগার "
        "করতে পারেন। আমাদের সঙ্গে কাজ করা সবসময় নিজের ইচ্ছা, থাকার শর্ত কখনও নয়।",
        "हमारे साथी आश्रय-गृह पंजीकृत संस्थाएँ चलाती हैं। छुड़ाए जाने के बाद वे महिलाओं की देखभाल "
        "करती हैं: सुरक्षित घर, काउंसलिंग, क़ानूनी मदद और पढ़ाई। हर आश्रय-गृह में एक कामघर है, "
        "जहाँ महिलाएँ सिलाई सीखती हैं और ठीक होते हुए कमा सकती हैं। हमारे साथ काम करना हमेशा "
        "अपनी मर्ज़ी है, रहने की शर्त कभी नहीं।"),
    "safety": T(
        "We never say where a shelter is. Makers choose the name they are shown by; their real "
        "names, photographs of their faces and where they live are never published. Parcels "
        "leave from our office, never from a shelter.",
        "কোনো আশ্রয়কেন্দ্র কোথায়, আমরা কখনও বলি না। কারিগরেরা নিজেরাই ঠিক করেন কোন নামে "
        "তাঁদের দেখানো হবে; তাঁদের আসল নাম, মুখের ছবি বা কোথায় থাকেন, কখনও প্রকাশ করা হয় না। "
        "পার্সেল যায় আমাদের অফিস থেকে, কোনো আশ্রয়কেন্দ্র থেকে নয়।",
        "कोई आश्रय-गृह कहाँ है, यह हम कभी नहीं बताते। कारीगर ख़ुद चुनती हैं कि उन्हें किस नाम से "
        "दिखाया जाए; उनके असली नाम, चेहरे की तस्वीरें और वे कहाँ रहती हैं, यह कभी नहीं छपता। "
        "पार्सल हमारे दफ़्तर से जाते हैं, किसी आश्रय-गृह से नहीं।"),
    "paid_h": T("How makers are paid", "কারিগরেরা কীভাবে টাকা পান", "कारीगरों को पैसा कैसे मिलता है"),
    "paid": T(
        "A maker is paid twice for every piece. First a piece rate, as soon as her batch passes "
        "its quality check, whether or not the piece has sold yet. Then a share of the price "
        "when it sells. Both are recorded in our accounts against her pseudonym and paid to her "
        "own bank account every month.",
        "প্রতিটি জিনিসের জন্য কারিগর দু'বার টাকা পান। প্রথমে কাজের মজুরি, তাঁর ব্যাচ মান "
        "যাচাইয়ে পাশ করলেই, জিনিসটা বিক্রি হোক বা না হোক। তারপর বিক্রি হলে দামের একটা ভাগ। "
        "দুটোই আমাদের হিসাবে তাঁর ছদ্মনামে লেখা থাকে, আর প্রতি মাসে তাঁর নিজের ব্যাঙ্ক "
        "অ্যাকাউন্টে পাঠানো হয়।",
        "हर चीज़ के लिए कारीगर को दो बार पैसा मिलता है। पहले नग के हिसाब से मज़दूरी, जैसे ही उसका "
        "बैच गुणवत्ता जाँच में पास हो, चीज़ बिकी हो या नहीं। फिर बिकने पर दाम का एक हिस्सा। दोनों "
        "हमारे खातों में उसके बदले हुए नाम से दर्ज होते हैं और हर महीने उसके अपने बैंक खाते में "
        "भेजे जाते हैं।"),
    "split_h": T("Where your money goes", "আপনার টাকা কোথায় যায়", "आपका पैसा कहाँ जाता है"),
    "split": T(
        "When you buy a piece, the price is shared like this. The maker's piece rate has already "
        "been paid before the piece reached the shop.",
        "আপনি একটা জিনিস কিনলে দাম এভাবে ভাগ হয়। জিনিসটা দোকানে আসার আগেই কারিগরের কাজের "
        "মজুরি দেওয়া হয়ে গেছে।",
        "जब आप कोई चीज़ ख़रीदते हैं, तो दाम ऐसे बँटता है। चीज़ के दुकान तक पहुँचने से पहले ही "
        "कारीगर की नग-मज़दूरी दी जा चुकी होती है।"),
    "reg_h": T("Registrations", "নিবন্ধন", "पंजीकरण"),
    "reg_pan": T("PAN of the trust", "ট্রাস্টের প্যান", "ट्रस्ट का पैन"),
    "reg_12a": T("12A registration (Income Tax Act): the trust's income is tax exempt",
                 "১২এ নিবন্ধন (আয়কর আইন): ট্রাস্টের আয় করমুক্ত",
                 "12A पंजीकरण (आयकर अधिनियम): ट्रस्ट की आय कर-मुक्त है"),
    "reg_80g": T("80G registration: donations can be deducted from taxable income",
                 "৮০জি নিবন্ধন: দানের টাকা করযোগ্য আয় থেকে বাদ দেওয়া যায়",
                 "80G पंजीकरण: दान की रक़म कर-योग्य आय से घटाई जा सकती है"),
    "reg_csr": T("CSR-1 registration (Ministry of Corporate Affairs): companies may spend CSR "
                 "funds with us",
                 "সিএসআর-১ নিবন্ধন (কর্পোরেট বিষয়ক মন্ত্রক): কোম্পানিরা আমাদের মাধ্যমে সিএসআর "
                 "তহবিল খরচ করতে পারে",
                 "CSR-1 पंजीकरण (कॉरपोरेट कार्य मंत्रालय): कंपनियाँ हमारे ज़रिए CSR राशि ख़र्च "
                 "कर सकती हैं"),
    "demo_note": T("Demo value: not a real registration",
                   "ডেমো মান: আসল নিবন্ধন নয়",
                   "डेमो मान: असली पंजीकरण नहीं"),
    "accounts_h": T("Audited accounts", "নিরীক্ষিত হিসাব", "ऑडिट किए गए खाते"),
    "accounts": T(
        "Our accounts are audited every year by an independent firm of chartered accountants. "
        "The audited statement is here for anyone to read.",
        "প্রতি বছর একটি স্বাধীন চার্টার্ড অ্যাকাউন্ট্যান্ট সংস্থা আমাদের হিসাব নিরীক্ষা করে। "
        "নিরীক্ষিত বিবরণী এখানে রাখা আছে, যে কেউ পড়তে পারেন।",
        "हर साल एक स्वतंत्र चार्टर्ड अकाउंटेंट फ़र्म हमारे खातों का ऑडिट करती है। ऑडिट किया "
        "हुआ विवरण यहाँ है, कोई भी पढ़ सकता है।"),
    "accounts_link": T("Audited accounts 2025–26 (PDF)", "নিরীক্ষিত হিসাব ২০২৫–২৬ (পিডিএফ)",
                       "ऑडिट किए गए खाते 2025–26 (पीडीएफ़)"),
    "accounts_desc": T("Demo document for the demo shop", "ডেমো দোকানের জন্য ডেমো নথি",
                       "डेमो दुकान के लिए डेमो दस्तावेज़"),
    "figures_h": T("Our figures, from our accounts", "আমাদের হিসাবের খাতা থেকে সংখ্যা",
                   "हमारे खातों से आँकड़े"),
    "team_h": T("The team", "আমাদের দল", "हमारी टीम"),
    "team_trustee": T("Managing trustee", "ম্যানেজিং ট্রাস্টি", "प्रबंध न्यासी"),
    "team_trustee_about": T(
        "Answers for the trust to the board, the auditors and the regulators.",
        "বোর্ড, নিরীক্ষক আর নিয়ন্ত্রকদের কাছে ট্রাস্টের হয়ে জবাবদিহি করেন।",
        "बोर्ड, ऑडिटरों और नियामकों के सामने ट्रस्ट की ओर से जवाबदेह हैं।"),
    "team_liaison": T("Shelter partnerships lead", "আশ্রয়কেন্দ্রের সঙ্গে যোগাযোগের দায়িত্বে",
                      "आश्रय-गृहों से साझेदारी की प्रमुख"),
    "team_liaison_about": T(
        "Works with the shelters' own staff on training, consent and the makers' wellbeing.",
        "প্রশিক্ষণ, সম্মতি আর কারিগরদের ভালো থাকা নিয়ে আশ্রয়কেন্দ্রের কর্মীদের সঙ্গে কাজ করেন।",
        "प्रशिक्षण, सहमति और कारीगरों की भलाई पर आश्रय-गृहों के अपने स्टाफ़ के साथ काम करती हैं।"),
    "team_quality": T("Production and quality lead", "উৎপাদন ও মান যাচাইয়ের দায়িত্বে",
                      "उत्पादन और गुणवत्ता प्रमुख"),
    "team_quality_about": T(
        "Buys the cloth and thread, checks every batch and signs off the piece rates.",
        "কাপড় আর সুতো কেনেন, প্রতিটি ব্যাচ যাচাই করেন আর কাজের মজুরি অনুমোদন করেন।",
        "कपड़ा और धागा ख़रीदती हैं, हर बैच जाँचती हैं और नग-मज़दूरी को मंज़ूरी देती हैं।"),
    "team_finance": T("Finance and compliance officer", "অর্থ ও নিয়ম মানার দায়িত্বে",
                      "वित्त और अनुपालन अधिकारी"),
    "team_finance_about": T(
        "Keeps the accounts, approves each month's payments to makers and files our returns.",
        "হিসাব রাখেন, প্রতি মাসে কারিগরদের টাকা অনুমোদন করেন আর আমাদের রিটার্ন জমা দেন।",
        "खाते रखते हैं, हर महीने कारीगरों के भुगतान को मंज़ूरी देते हैं और हमारे रिटर्न भरते हैं।"),
    "team_note": T(
        "We name roles, not people: some of our colleagues were once shelter residents too.",
        "আমরা মানুষের নাম নয়, কাজের নাম লিখি: আমাদের কয়েকজন সহকর্মীও একসময় আশ্রয়কেন্দ্রে "
        "থাকতেন।",
        "हम लोगों के नाम नहीं, उनकी भूमिकाएँ लिखते हैं: हमारे कुछ साथी भी कभी आश्रय-गृह में "
        "रहते थे।"),
    "contact_h": T("Contact us", "যোগাযোগ", "संपर्क करें"),
    "contact_hours": T("Monday to Saturday, 10 am to 6 pm",
                       "সোমবার থেকে শনিবার, সকাল ১০টা থেকে সন্ধ্যা ৬টা",
                       "सोमवार से शनिवार, सुबह 10 से शाम 6 बजे तक"),
    "contact_address": T("Haat Trust (demo), registered office, Kolkata 700001",
                         "হাট ট্রাস্ট (ডেমো), নিবন্ধিত অফিস, কলকাতা ৭০০০০১",
                         "हाट ट्रस्ट (डेमो), पंजीकृत कार्यालय, कोलकाता 700001"),
}

# Demo values only (load_demo never runs in production): clearly not real registrations.
REGISTRATIONS = [
    ("reg_pan", "AAATH0000D"),
    ("reg_12a", "AAATH0000DE20241"),
    ("reg_80g", "AAATH0000DF20241"),
    ("reg_csr", "CSR00000000"),
]
CONTACT_EMAIL = "hello@haat.example"
CONTACT_PHONE = "+91 33 0000 0000"


def _items(values, key):
    """ListBlock items with fixed ids: wagtail-localize finds each item's translated segments by
    its id, so ids made afresh on every read would leave the items in English."""
    return [{"type": "item", "value": value, "id": f"00000000-0000-4000-8000-{key}{n:09d}"}
            for n, value in enumerate(values)]


def about_body(document) -> list:
    a = ABOUT_TEXT
    team = [(a[f"team_{k}"], a[f"team_{k}_about"]) for k in ("trustee", "liaison", "quality",
                                                              "finance")]
    body = [
        _heading(a["mission_h"]), _para(a["mission"]),
        _heading(a["shelters_h"]), _para(a["shelters"], a["safety"]),
        _heading(a["paid_h"]), _para(a["paid"]),
        {"type": "pay_split", "value": {"heading": str(a["split_h"]), "example_price": 1000,
                                        "text": _p(a["split"])}},
        {"type": "figures", "value": {"heading": str(a["figures_h"])}},
        {"type": "registrations", "value": {
            "heading": str(a["reg_h"]),
            "registrations": _items([{"name": str(a[key]), "number": number,
                                      "note": str(a["demo_note"])}
                                     for key, number in REGISTRATIONS], "001"),
        }},
        _heading(a["accounts_h"]), _para(a["accounts"]),
    ]
    if document is not None:
        body.append({"type": "document", "value": {
            "document": document.pk, "label": str(a["accounts_link"]),
            "description": str(a["accounts_desc"])}})
    body += [
        {"type": "team", "value": {"heading": str(a["team_h"]), "members": _items([
            {"role": str(role), "about": str(about)} for role, about in team], "002")}},
        _para(a["team_note"]),
        {"type": "contact", "value": {
            "heading": str(a["contact_h"]), "email": CONTACT_EMAIL, "phone": CONTACT_PHONE,
            "hours": str(a["contact_hours"]), "address": str(a["contact_address"])}},
    ]
    return body


# --- Shipping, returns, privacy ------------------------------------------------------------------
STANDARD_PAGES = [
    ("shipping",
     T("Shipping", "ডেলিভারি", "डिलीवरी"),
     T("We ship across India from our hub in Kolkata, never from a shelter.",
       "আমরা কলকাতার অফিস থেকে সারা ভারতে পাঠাই, কখনও কোনো আশ্রয়কেন্দ্র থেকে নয়।",
       "हम कोलकाता के अपने केंद्र से पूरे भारत में भेजते हैं, कभी किसी आश्रय-गृह से नहीं।"),
     [T("India Post costs ₹80 and is free from ₹1,500; a courier costs ₹180. Parcels leave "
        "within three working days and arrive in 3–8 days.",
        "ইন্ডিয়া পোস্টে খরচ ₹80, ₹1,500 থেকে বিনা খরচে; কুরিয়ারে ₹180। পার্সেল তিন কাজের "
        "দিনের মধ্যে রওনা হয় আর ৩–৮ দিনে পৌঁছায়।",
        "इंडिया पोस्ट से ₹80 लगते हैं, ₹1,500 से ऊपर मुफ़्त; कूरियर से ₹180। पार्सल तीन कामकाजी "
        "दिनों में निकलते हैं और 3–8 दिनों में पहुँचते हैं।")]),
    ("returns",
     T("Returns", "ফেরত", "वापसी"),
     T("Changed your mind? Send a piece back within 14 days for a refund.",
       "মত বদলেছেন? ১৪ দিনের মধ্যে জিনিস ফেরত পাঠান, টাকা ফেরত পাবেন।",
       "मन बदल गया? 14 दिनों के भीतर चीज़ लौटाइए, पैसा वापस मिलेगा।"),
     [T("Write to us with your order number. The maker keeps what she was paid for her work: a "
        "return is our cost, never hers.",
        "অর্ডার নম্বর দিয়ে আমাদের লিখুন। কারিগর তাঁর কাজের জন্য যা পেয়েছেন, তা তাঁরই থাকে: "
        "ফেরতের খরচ আমাদের, কখনও তাঁর নয়।",
        "अपना ऑर्डर नंबर लिखकर हमें बताइए। कारीगर को अपने काम का जो मिला, वह उसी का रहता है: "
        "वापसी का ख़र्च हमारा है, उसका कभी नहीं।")]),
    ("privacy",
     T("Privacy", "গোপনীয়তা", "गोपनीयता"),
     T("What we keep about you, and what we never publish about our makers.",
       "আপনার সম্পর্কে আমরা কী রাখি, আর কারিগরদের সম্পর্কে কী কখনও প্রকাশ করি না।",
       "आपके बारे में हम क्या रखते हैं, और कारीगरों के बारे में क्या कभी नहीं छापते।"),
     [T("We keep your name, address and order history to deliver your order. Card details go "
        "to Stripe and never reach our servers.",
        "আপনার অর্ডার পৌঁছে দিতে আমরা আপনার নাম, ঠিকানা আর অর্ডারের ইতিহাস রাখি। কার্ডের তথ্য "
        "যায় স্ট্রাইপের কাছে, আমাদের সার্ভারে কখনও আসে না।",
        "आपका ऑर्डर पहुँचाने के लिए हम आपका नाम, पता और ऑर्डर का ब्योरा रखते हैं। कार्ड की "
        "जानकारी स्ट्राइप के पास जाती है, हमारे सर्वर तक कभी नहीं आती।"),
      T("Makers are named by pseudonym; their real names, phones, bank details and where they "
        "live are never shown, exported or logged.",
        "কারিগরদের দেখানো হয় ছদ্মনামে; তাঁদের আসল নাম, ফোন, ব্যাঙ্কের তথ্য আর কোথায় থাকেন, "
        "তা কখনও দেখানো, বাইরে পাঠানো বা লগে লেখা হয় না।",
        "कारीगरों को बदले हुए नाम से दिखाया जाता है; उनके असली नाम, फ़ोन, बैंक की जानकारी और "
        "वे कहाँ रहती हैं, यह कभी न दिखाया जाता है, न बाहर भेजा जाता है, न लॉग में लिखा जाता है।"),
      T("When you search the shop while signed in, we keep the words you searched for, to learn "
        "what shoppers look for, but never who searched for them.",
        "সাইন ইন করে দোকানে খুঁজলে আপনি কোন শব্দ খুঁজেছেন তা আমরা রাখি, ক্রেতারা কী খোঁজেন "
        "বুঝতে; কিন্তু কে খুঁজেছেন, তা কখনও নয়।",
        "साइन इन करके दुकान में खोजने पर आपके खोजे शब्द हम रखते हैं, ताकि समझ सकें कि ख़रीदार "
        "क्या ढूँढते हैं; पर किसने खोजा, यह कभी नहीं।")]),
]

# --- Impact, story, campaign ---------------------------------------------------------------------
IMPACT = {
    "title": T("Our impact", "আমাদের প্রভাব", "हमारा असर"),
    "introduction": T(
        "What every purchase has done so far, counted from our accounts.",
        "প্রতিটি কেনাকাটা এ পর্যন্ত কী করেছে, আমাদের হিসাবের খাতা থেকে গোনা।",
        "हर ख़रीद ने अब तक क्या किया, हमारे खातों से गिना हुआ।"),
    "search_description": T(
        "Bags sold, makers earning and money to the training fund, counted from Haat's accounts.",
        "কত ব্যাগ বিক্রি হল, কতজন কারিগর রোজগার করছেন, প্রশিক্ষণ তহবিলে কত গেল: হাটের হিসাব থেকে।",
        "कितने बैग बिके, कितनी कारीगर कमा रही हैं, प्रशिक्षण कोष में कितना गया: हाट के खातों से।"),
    "body": T(
        "Makers are paid a piece rate when their work passes its quality check, and a share of "
        "each sale. A share of every sale and every company's pledge goes to the training fund, "
        "which pays for courses and seed grants for new businesses.",
        "কাজ মান যাচাইয়ে পাশ করলে কারিগরেরা কাজের মজুরি পান, আর প্রতিটি বিক্রির একটা ভাগ। "
        "প্রতিটি বিক্রি আর প্রতিটি কোম্পানির অঙ্গীকারের একটা ভাগ যায় প্রশিক্ষণ তহবিলে; সেই "
        "টাকায় চলে নানা কোর্স আর নতুন ব্যবসার জন্য প্রথম পুঁজি।",
        "काम गुणवत्ता जाँच में पास होने पर कारीगरों को नग-मज़दूरी मिलती है, और हर बिक्री का एक "
        "हिस्सा। हर बिक्री और हर कंपनी के वादे का एक हिस्सा प्रशिक्षण कोष में जाता है; उससे कोर्स "
        "चलते हैं और नए काम-धंधों को शुरुआती पूँजी मिलती है।"),
}

STORY = {
    "title": T("Juhi's first bag", "জুহির প্রথম ব্যাগ", "जूही का पहला बैग"),
    "introduction": T(
        "Juhi learnt to stitch at the collective. Now she leads the finishing table and teaches "
        "the women who join after her.",
        "জুহি সেলাই শিখেছেন এই দলেই। এখন তিনি শেষ ধাপের টেবিলের দায়িত্বে, আর পরে যাঁরা আসেন "
        "তাঁদের শেখান।",
        "जूही ने सिलाई इसी समूह में सीखी। अब वह फ़िनिशिंग की मेज़ सँभालती हैं और बाद में आने "
        "वाली महिलाओं को सिखाती हैं।"),
    "body": T(
        "The first bag Juhi finished is still in her cupboard. She could not believe she had "
        "made it. Today every tote from the Shapla collective passes through her hands before "
        "it is packed.",
        "জুহির শেষ করা প্রথম ব্যাগটা এখনও তাঁর আলমারিতে আছে। নিজেই বিশ্বাস করতে পারেননি যে "
        "ওটা তাঁর বানানো। আজ শাপলা দলের প্রতিটি টোট প্যাক হওয়ার আগে তাঁর হাত দিয়ে যায়।",
        "जूही का पूरा किया पहला बैग आज भी उनकी अलमारी में है। उन्हें यक़ीन नहीं हुआ था कि वह "
        "उन्होंने बनाया है। आज शापला समूह का हर टोट पैक होने से पहले उनके हाथों से गुज़रता है।"),
}

CAMPAIGN = [
    T("Acme × Haat: Women's Day week", "Acme × হাট: নারী দিবসের সপ্তাহ",
      "Acme × हाट: महिला दिवस सप्ताह"),
    T("Acme's people buy a bag; Acme adds 20% of its price to the training fund that teaches "
      "women new skills.",
      "Acme-এর কর্মীরা একটা ব্যাগ কিনলে Acme তার দামের ২০% যোগ করে প্রশিক্ষণ তহবিলে, যা "
      "মেয়েদের নতুন কাজ শেখায়।",
      "Acme के कर्मचारी एक बैग ख़रीदें, तो Acme उसके दाम का 20% प्रशिक्षण कोष में जोड़ता है, जो "
      "महिलाओं को नए हुनर सिखाता है।"),
    T("Every bag is made by a woman rebuilding her life in West Bengal. Acme employees: confirm "
      "your work e-mail below and Acme's gift is added to each bag you buy this week.",
      "প্রতিটি ব্যাগ বানিয়েছেন পশ্চিমবঙ্গের এমন একজন মেয়ে, যিনি নতুন করে জীবন গড়ছেন। Acme-এর "
      "কর্মীরা: নিচে আপনার অফিসের ই-মেল নিশ্চিত করুন, এই সপ্তাহে আপনার কেনা প্রতিটি ব্যাগে "
      "Acme-এর দান যোগ হবে।",
      "हर बैग पश्चिम बंगाल की एक ऐसी महिला ने बनाया है जो अपनी ज़िंदगी फिर से बना रही है। Acme "
      "के कर्मचारी: नीचे अपना दफ़्तर का ई-मेल पक्का करें, इस हफ़्ते ख़रीदे हर बैग में Acme का "
      "दान जुड़ जाएगा।"),
]


# --- Translation through wagtail-localize -------------------------------------------------------
def _plain(data: str) -> str:
    return html.unescape(data.replace("<br>", "\n")).strip()


def translate(page, locale, user=None) -> list[str]:
    """Translate `page` into `locale` with wagtail-localize: its source (re)read from the English
    page, each segment given its translation from T.registry (a slug stays the English slug, so
    /bn/about/ is the Bengali about page), then the language's page saved and published.
    Returns the English segments left untranslated (none, for the demo's pages)."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    source, _created = TranslationSource.update_or_create_from_instance(page)
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string",
                                                                               "context"):
        english = _plain(segment.string.data)
        if segment.context.path == "slug":
            text = english
        else:
            text = T.registry.get(english, {}).get(locale.language_code)
        if not text:
            missing.append(english)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": escape(text),
                      "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "last_translated_by": user},
        )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True})
    # Saved as a draft, then published here and now: wagtail-localize publishes on commit, and
    # inside load_demo's one transaction that would save each page as it was before its
    # children were added (treebeard's child count back to 0, its children unreachable).
    translation.save_target(user=user, publish=False)
    target = page.get_translation(locale)
    target = type(target).objects.get(pk=target.pk)
    target.get_latest_revision().publish(user=user, skip_permission_checks=True)
    return missing


def _audited_accounts_document():
    """A demo PDF of 'audited accounts' in Wagtail's documents, made once."""
    from wagtail.documents.models import Document

    title = "Audited accounts 2025-26 (DEMO)"
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document
    try:
        from weasyprint import HTML

        pdf = HTML(string=(
            "<h1>Haat Trust: audited accounts 2025-26</h1>"
            "<p><strong>DEMO DOCUMENT.</strong> Not a real audit, not a real trust. The demo shop "
            "links it where the real audited statement will be uploaded (CMS, Documents).</p>"
        )).write_pdf()
    except Exception:  # noqa: BLE001 - a machine without WeasyPrint's libraries: a text file
        pdf = None
    if pdf:
        file = ContentFile(pdf, name="audited-accounts-2025-26-demo.pdf")
    else:
        file = ContentFile(b"DEMO: audited accounts 2025-26 (not real)",
                           name="audited-accounts-2025-26-demo.txt")
    document = Document(title=title, file=file)
    document.save()
    return document


def load(home: HomePage, editor) -> None:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    # Fresh from the database: the caller's instance predates the children it added since.
    home = HomePage.objects.get(pk=home.pk)

    for field, text in HOME.items():
        if field != "title":
            setattr(home, field, str(text))
    home.save_revision(user=editor).publish()

    about = StandardPage.objects.filter(slug="about", locale=home.locale).first()
    if about is not None and not about.body:
        about.title, about.introduction = str(ABOUT_TITLE), str(ABOUT_INTRO)
        about.search_description = str(ABOUT_DESCRIPTION)
        about.body = about_body(_audited_accounts_document())
        about.save_revision(user=editor).publish()

    for slug, title, intro, paragraphs in STANDARD_PAGES:
        if not StandardPage.objects.filter(slug=slug, locale=home.locale).exists():
            home.add_child(instance=StandardPage(
                title=str(title), slug=slug, introduction=str(intro),
                body=[_para(*paragraphs)], search_description=str(intro)))

    impact = ImpactPage.objects.filter(locale=home.locale).first()
    if impact is None:
        impact = home.add_child(instance=ImpactPage(
            title=str(IMPACT["title"]), slug="impact", introduction=str(IMPACT["introduction"]),
            body=[_para(IMPACT["body"])],
            search_description=str(IMPACT["search_description"])))

    maker = Artisan.objects.filter(pseudonym=STORY_MAKER).first()
    story = StoryPage.objects.filter(locale=home.locale, slug="juhis-story").first()
    if maker is not None and story is None and consent_state(maker)[Consent.STORY]:
        home.add_child(instance=StoryPage(
            title=str(STORY["title"]), slug="juhis-story", artisan=maker,
            introduction=str(STORY["introduction"]), body=[_para(STORY["body"])], owner=editor))

    # Every English page under home (home too), translated with wagtail-localize.
    pages = [home] + list(home.get_children().filter(locale=home.locale).specific())
    for code, locale in locales.items():
        for page in pages:
            translation = page.get_translation_or_none(locale)
            if translation is not None and not translation.alias_of_id and \
                    _already_translated(page, locale):
                continue
            missing = translate(page, locale, user=editor)
            if missing:
                raise ValueError(f"demo_pages: {page.slug} has no {code} text for {missing!r}")
    _same_permissions_in_every_language(home)


def _same_permissions_in_every_language(home) -> None:
    """Editors may edit, translate and publish the Bengali and Hindi trees as the English one
    (the permissions load_demo gives on the English home, given on each language's home)."""
    from wagtail.models import GroupPagePermission

    for translated in home.get_translations():
        for grant in GroupPagePermission.objects.filter(page=home):
            GroupPagePermission.objects.get_or_create(
                group_id=grant.group_id, page=translated, permission_id=grant.permission_id)


def _already_translated(page, locale) -> bool:
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale).exists()
