"""The About page of the demo: a trust page (mission, how the shelters work, how makers are
paid, registrations, audited accounts, contact, team, figures) in English, Bengali and Hindi.

Registration numbers, phone and the audited accounts are DEMO values, marked so on the page:
nothing here is a real registration, account or person."""

from .translated import T, _heading, _p, _para

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
