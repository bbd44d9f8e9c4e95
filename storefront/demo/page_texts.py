"""The words of the demo's other pages in English, Bengali and Hindi: home, shipping, returns,
privacy, the impact page, a demo maker's story page and the campaign page."""

from .translated import T

STORY_MAKER = "Juhi"


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
