"""The demo's shelters, makers (their stories, consents and obviously fake identities, shelter
staff) and the catalogue they stock, with drawn product photos."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from artisans import consent_services, identity_services
from artisans import services as artisan_services
from artisans.models import Artisan, ArtisanIdentity, Consent
from storefront import roles

from .accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, SECOND_SHELTER_STAFF
from .images import product_photo

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")

SHELTERS = [
    {"public_label": "Shapla collective, West Bengal", "weekly_capacity": 60},
    {"public_label": "Kadam collective, West Bengal", "weekly_capacity": 40},
]
# Makers' own words, shown only while their consent stands (artisans.Consent).
STORIES = {
    "Juhi": ("I learnt to stitch here. Now I teach the new girls at the finishing table.",
             "The first bag I finished is still in my cupboard. I could not believe I made it."),
    "Palash": ("Every border I stitch is a little different, like every day.",
               "Kantha was my grandmother's work. Now it is mine, and it pays for my room."),
}
# Obviously fake identities for the demo vault: nothing here is a real person or account.
DEMO_IDENTITY = {
    "legal_name": "DEMO-ONLY Not A Real Name {n}",
    "phone": "DEMO-PHONE-{n}",
    # Format-valid, so a demo payout run's bank file has its lines, but no bank's: the IFSC's
    # bank code HAAT belongs to no bank and the account numbers are zeros then the maker's n.
    "bank_account": "000000000{n:03d}",
    "ifsc": "HAAT0DEMO{n:02d}",
    "upi_id": "demo.maker{n}@haatdemo",
    "id_number": "DEMO-ID-{n}",
    "emergency_contact": "DEMO-CONTACT-{n}",
}
ARTISANS = [
    ("Juhi", 0, "Kantha embroidery", "Juhi joined the collective to learn machine stitching and "
     "now leads the finishing table."),
    ("Bakul", 0, "Block printing", "Bakul prints the jute panels by hand; no two come out alike."),
    ("Shiuli", 0, "Patchwork", "Shiuli turns offcuts into patchwork pouches."),
    ("Palash", 1, "Kantha embroidery", "Palash stitches the running-stitch borders on every tote."),
    ("Togor", 1, "Tailoring", "Togor cuts and sews the lined totes."),
    ("Champa", 1, "Zip pouches", "Champa makes the zip pouches, start to finish."),
]
# (upc, title, kind, price in INR, stock, shelter index, description)
PRODUCTS = [
    ("HAAT-TOTE-01", "Kantha market tote", "tote", "850.00", 12, 0,
     "A roomy everyday tote in cotton canvas with a hand-stitched kantha border."),
    ("HAAT-TOTE-02", "Block-print jute tote", "tote", "720.00", 8, 0,
     "Jute tote with a hand block-printed panel and cotton webbing handles."),
    ("HAAT-TOTE-03", "Indigo stripe tote", "tote", "790.00", 6, 1,
     "Striped handloom cotton, lined, with an inside pocket for a phone."),
    ("HAAT-TOTE-04", "Marigold dot tote", "tote", "690.00", 15, 1,
     "A light cotton tote that folds into its own pocket."),
    ("HAAT-TOTE-05", "Patchwork book tote", "tote", "940.00", 4, 0,
     "Patchwork of handloom offcuts, sized for books and a laptop up to 13 inches."),
    ("HAAT-TOTE-06", "Kantha shoulder tote", "tote", "1150.00", 5, 1,
     "Long handles, a magnetic clasp and dense kantha stitching across the front."),
    ("HAAT-TOTE-07", "Terracotta canvas tote", "tote", "780.00", 10, 0,
     "Heavy canvas in terracotta, reinforced at the base."),
    ("HAAT-TOTE-08", "Sea-green grocery tote", "tote", "650.00", 20, 1,
     "A sturdy grocery tote that carries 10 kg."),
    ("HAAT-POUCH-01", "Kantha zip pouch", "pouch", "380.00", 18, 1,
     "A lined zip pouch for pens, cables or make-up."),
    ("HAAT-POUCH-02", "Block-print coin purse", "pouch", "240.00", 25, 0,
     "A small zip purse, hand block printed."),
    ("HAAT-POUCH-03", "Patchwork travel pouch", "pouch", "520.00", 7, 0,
     "Patchwork pouch with a waterproof lining for toiletries."),
    ("HAAT-POUCH-04", "Indigo pencil case", "pouch", "320.00", 14, 1,
     "Long enough for a ruler, with a sturdy metal zip."),
    ("HAAT-POUCH-05", "Marigold cosmetic pouch", "pouch", "450.00", 9, 1,
     "Boxy pouch that stands up on a shelf."),
    ("HAAT-POUCH-06", "Jute phone sling", "pouch", "560.00", 3, 0,
     "A cross-body sling that fits a phone and cards."),
]
MATERIALS = {"tote": "Cotton canvas, jute, cotton thread", "pouch": "Handloom cotton, metal zip"}
SIZES = {"tote": "About 38 × 40 cm, handles 60 cm", "pouch": "About 22 × 14 cm"}
CARE = "Hand wash cold and dry in shade. Colours are natural and may soften over time."


ATTRIBUTES = (("materials", "Materials"), ("size", "Size"), ("care", "Care"))


def country():
    Country.objects.update_or_create(
        iso_3166_1_a2="IN",
        defaults={
            "iso_3166_1_a3": "IND",
            "iso_3166_1_numeric": "356",
            "printable_name": "India",
            "name": "Republic of India",
            "is_shipping_country": True,
            "display_order": 1,
        },
    )


def makers():
    shelters = [
        artisan_services.register_shelter(
            private_address=f"Demo private address {n}", **spec
        )
        for n, spec in enumerate(SHELTERS, start=1)
    ]
    for pseudonym, shelter_index, craft, bio in ARTISANS:
        artisan_services.register_artisan(
            shelter=shelters[shelter_index],
            pseudonym=pseudonym,
            craft=craft,
            bio=bio,
            joined_on=datetime.date(2024, 3, 8),
        )
    return shelters


def catalogue(shelters):
    classes = {}
    for kind, name in (("tote", "Tote bag"), ("pouch", "Pouch")):
        product_class, _ = ProductClass.objects.get_or_create(
            name=name, defaults={"requires_shipping": True, "track_stock": True}
        )
        for code, label in ATTRIBUTES:
            ProductAttribute.objects.get_or_create(
                product_class=product_class, code=code, defaults={"name": label, "type": "text"}
            )
        classes[kind] = product_class
    # One-off pieces: an accepted workshop batch makes one product per piece.
    one_off, _ = ProductClass.objects.get_or_create(
        name="One-off kantha tote",
        defaults={"requires_shipping": True, "track_stock": True, "is_one_off": True},
    )
    for code, label in ATTRIBUTES:
        ProductAttribute.objects.get_or_create(
            product_class=one_off, code=code, defaults={"name": label, "type": "text"}
        )
    categories = {
        "tote": create_from_breadcrumbs("Tote bags"),
        "pouch": create_from_breadcrumbs("Pouches"),
    }
    for seed, (upc, title, kind, price, stock, shelter_index, description) in enumerate(
        PRODUCTS
    ):
        product, created = Product.objects.get_or_create(
            upc=upc,
            defaults={
                "title": title,
                "description": f"<p>{description}</p>",
                "product_class": classes[kind],
                "is_public": True,
            },
        )
        if created:
            product.attr.materials = MATERIALS[kind]
            product.attr.size = SIZES[kind]
            product.attr.care = CARE
            product.save()
            product.categories.add(categories[kind])
        StockRecord.objects.get_or_create(
            product=product,
            partner=shelters[shelter_index].partner,
            defaults={
                "partner_sku": upc,
                "price": Decimal(price),
                "price_currency": "INR",
                "num_in_stock": stock,
            },
        )
        # Who makes it: the makers of the shelter that stocks it whose craft fits.
        makers = [a for a in shelters[shelter_index].artisans.order_by("pseudonym")]
        artisan_services.link_maker(product=product, artisan=makers[seed % len(makers)])
        if not product.images.exists():
            ProductImage.objects.create(
                product=product,
                display_order=0,
                caption=title,
                original=ContentFile(product_photo(kind, seed), name=f"{upc.lower()}.jpg"),
            )


def workshop(shelters):
    """Shelter staff (two, so one can check the other's batch), consents, fake identities."""
    User = get_user_model()
    staff = User.objects.get(username=roles.SHELTER_STAFF.lower().replace(" ", "-"))
    artisan_services.add_shelter_staff(user=staff, shelter=shelters[0])
    second, _ = User.objects.get_or_create(
        username=SECOND_SHELTER_STAFF,
        defaults={"email": f"{SECOND_SHELTER_STAFF}@{DEMO_EMAIL_DOMAIN}",
                  "first_name": "Shelter staff (checker)"},
    )
    second.set_password(DEMO_PASSWORD)
    second.save()
    artisan_services.add_shelter_staff(user=second, shelter=shelters[0])

    custodian = User.objects.get(username=roles.IDENTITY_CUSTODIAN.lower().replace(" ", "-"))
    for n, artisan in enumerate(Artisan.objects.order_by("pk"), start=1):
        if artisan.pseudonym in STORIES and not artisan.story:
            artisan.quote, artisan.story = STORIES[artisan.pseudonym]
            artisan.save(update_fields=["quote", "story"])
        if artisan.pseudonym in STORIES and not Consent.objects.filter(artisan=artisan).exists():
            for kind in (Consent.STORY, Consent.QUOTE):
                consent_services.record_consent(
                    artisan=artisan, kind=kind, granted=True, by=custodian,
                    note="Demo consent",
                )
        if not ArtisanIdentity.objects.filter(artisan=artisan).exists():
            identity_services.save_identity(
                user=custodian, artisan=artisan,
                data={k: v.format(n=n) for k, v in DEMO_IDENTITY.items()},
                reason="Demo data: obviously fake identity",
            )
    return [(f"{roles.SHELTER_STAFF} 2", second.email)]
