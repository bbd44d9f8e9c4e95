"""Demo data of a maker's own page (issue 21): sign-in codes `make demo` prints.

Codes made here last DEMO_CODE_HOURS so that whoever runs the demo has time to try them; the
15-minute rule of production codes (maker_auth.issue_code) is untouched, and this refuses to
run in production.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from . import maker_auth
from .models import Artisan, MakerSignInCode

DEMO_CODE_HOURS = 12
DEMO_CODE_MAKERS = ("Juhi", "Bakul")


def sign_in_codes(staff_username: str = "shelter-staff") -> list[tuple[str, str]]:
    """[(pseudonym, code)] fresh demo codes for the makers of the demo shelter staff's shelter."""
    if getattr(settings, "DJANGO_ENV", "") == "prod":
        raise RuntimeError("Demo sign-in codes are never made in production.")
    staff = get_user_model().objects.get(username=staff_username)
    codes = []
    for artisan in Artisan.objects.filter(pseudonym__in=DEMO_CODE_MAKERS).order_by("pseudonym"):
        # Loading the demo again within the hour must not hit the hourly limit on codes.
        MakerSignInCode.objects.filter(artisan=artisan).delete()
        code, _record = maker_auth.issue_code(user=staff, artisan=artisan,
                                              minutes=DEMO_CODE_HOURS * 60)
        codes.append((artisan.pseudonym, code))
    return codes


def production(staff_username: str = "shelter-staff", checker_username: str = "shelter-staff-2"):
    """A checked batch of the demo shelter, so the demo makers' pages show pieces and piece-rate
    earnings (the ledger credits them on batch_accepted, as for any batch)."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone
    from oscar.core.loading import get_model

    from . import batch_services
    from .models import BatchLine

    makers = {a.pseudonym: a for a in Artisan.objects.filter(pseudonym__in=DEMO_CODE_MAKERS)}
    if not makers or BatchLine.objects.filter(artisan__in=makers.values()).exists():
        return
    users = get_user_model().objects
    staff, checker = users.get(username=staff_username), users.get(username=checker_username)
    product = get_model("catalogue", "Product").objects.filter(upc="HAAT-TOTE-01").first()
    shelter = next(iter(makers.values())).shelter
    if product is None:
        return
    batch = batch_services.save_batch(
        user=staff, shelter=shelter, made_on=timezone.localdate() - datetime.timedelta(days=2),
        piece_rate=Decimal("45.00"), product=product, submit=True,
        pieces={makers[name]: n for name, n in (("Juhi", 12), ("Bakul", 8)) if name in makers},
        notes="Demo batch",
    )
    batch_services.check_batch(user=checker, batch=batch, accepted={
        makers["Juhi"].pk: (11, "One border came loose")} if "Juhi" in makers else {})


# The demo makers' public profiles in Bengali and Hindi (craft, bio, and for the two who
# consented, quote and story), written as the makers would say them, so /bn/ and /hi/ maker pages
# are not English. English stays in the original columns (load_demo's ARTISANS and STORIES).
PROFILE_TRANSLATIONS = {
    "Juhi": {
        "bn": ("কাঁথা সেলাই",
               "জুহি মেশিনে সেলাই শিখতে দলে এসেছিলেন, এখন তিনি শেষের কাজের টেবিল সামলান।",
               "আমি এখানেই সেলাই শিখেছি। এখন নতুন মেয়েদের শেষের কাজ শেখাই।",
               "আমার বানানো প্রথম ব্যাগটা এখনও আলমারিতে রাখা আছে। বিশ্বাসই হয়নি যে আমি বানিয়েছি।"),
        "hi": ("कांथा कढ़ाई",
               "जूही मशीन सिलाई सीखने समूह में आईं, और अब फ़िनिशिंग की मेज़ संभालती हैं।",
               "मैंने यहीं सिलाई सीखी। अब मैं नई लड़कियों को फ़िनिशिंग सिखाती हूँ।",
               "मेरा बनाया पहला थैला आज भी मेरी अलमारी में है। यक़ीन नहीं हुआ कि मैंने बनाया।"),
    },
    "Bakul": {
        "bn": ("ব্লক প্রিন্ট", "বকুল হাতে পাটের প্যানেলে ছাপ দেন; দুটো কখনও এক রকম হয় না।", "", ""),
        "hi": ("ब्लॉक प्रिंट", "बकुल हाथ से जूट के पैनल छापती हैं; कोई दो एक जैसे नहीं बनते।", "", ""),
    },
    "Shiuli": {
        "bn": ("জোড়াতালির কাজ", "শিউলি কাপড়ের টুকরো জুড়ে জোড়াতালির থলি বানান।", "", ""),
        "hi": ("पैचवर्क", "शिउली कपड़े की कतरनों को जोड़कर पैचवर्क की थैलियाँ बनाती हैं।", "", ""),
    },
    "Palash": {
        "bn": ("কাঁথা সেলাই",
               "পলাশ প্রতিটি ঝোলার পাড়ে কাঁথার ফোঁড় তোলেন।",
               "আমার সেলাই করা প্রতিটি পাড় একটু আলাদা, ঠিক প্রতিটি দিনের মতো।",
               "কাঁথা ছিল আমার ঠাকুমার কাজ। এখন এটা আমার কাজ, আর এতেই আমার ঘরভাড়া চলে।"),
        "hi": ("कांथा कढ़ाई",
               "पलाश हर थैले की किनारी पर कांथा के टाँके लगाती हैं।",
               "मेरी सिली हर किनारी थोड़ी अलग होती है, हर दिन की तरह।",
               "कांथा मेरी दादी का काम था। अब यह मेरा है, और इसी से मेरे कमरे का किराया चलता है।"),
    },
    "Togor": {
        "bn": ("দর্জির কাজ", "টগর কাপড় কেটে লাইনিং দেওয়া ঝোলা সেলাই করেন।", "", ""),
        "hi": ("सिलाई", "टगर कपड़ा काटकर अस्तर वाले थैले सिलती हैं।", "", ""),
    },
    "Champa": {
        "bn": ("চেনের থলি", "চম্পা শুরু থেকে শেষ পর্যন্ত চেন দেওয়া থলি বানান।", "", ""),
        "hi": ("ज़िप वाली थैलियाँ", "चंपा शुरू से आख़िर तक ज़िप वाली थैलियाँ बनाती हैं।", "", ""),
    },
}


def translate_profiles() -> None:
    """Fill the Bengali and Hindi profile columns of the demo makers (empty ones only: an
    editor's translation is never overwritten by loading the demo again)."""
    if getattr(settings, "DJANGO_ENV", "") == "prod":
        raise RuntimeError("Demo translations are never loaded in production.")
    for artisan in Artisan.objects.filter(pseudonym__in=PROFILE_TRANSLATIONS):
        changed = []
        for lang, texts in PROFILE_TRANSLATIONS[artisan.pseudonym].items():
            for field, text in zip(("craft", "bio", "quote", "story"), texts, strict=True):
                column = f"{field}_{lang}"
                if text and not getattr(artisan, column):
                    setattr(artisan, column, text)
                    changed.append(column)
        if changed:
            artisan.save(update_fields=changed)
