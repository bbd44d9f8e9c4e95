"""Demo data for a development shop. Safe to run again: it finds what it made before."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from artisans import services as artisan_services
from artisans.models import Artisan, ArtisanIdentity, Consent
from catalogue import demo as catalogue_demo
from storefront import roles
from storefront.demo_images import product_photo
from storefront.models import HomePage, StandardPage

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")

DEMO_PASSWORD = "haat-demo-2026"
DEMO_EMAIL_DOMAIN = "demo.haat.test"

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
SECOND_SHELTER_STAFF = "shelter-staff-2"
SECOND_FINANCE = "finance-approver"
DEMO_EVENT = "Spring fest stall"
DEMO_EVENT_PIECES = {"HAAT-TOTE-08": 4, "HAAT-POUCH-04": 3, "HAAT-POUCH-02": 3}
DEMO_PROGRAMMES = [
    ("Kantha embroidery course", "ii", "Twelve weeks with a master embroiderer: stitches, finishing, pricing."),
    ("Running a micro-business", "iii", "Book-keeping, buying materials and selling at local haats."),
]

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


class Command(BaseCommand):
    help = "Load demo data: home page, shelters, makers, products with photos, one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-bulk-order", action="store_true",
            help="Also place a bulk order for Acme (make demo does; the tests' demo data has no "
                 "orders, which many tests rely on).")
        parser.add_argument("--with-seed-grants", action="store_true",
                            help="Also add seed grants in each state (payouts.demo_grants).")
        parser.add_argument(
            "--with-maker-work", action="store_true",
            help="Also record and check a batch by Juhi and Bakul, so their own pages (/me/) "
                 "show pieces and earnings (make demo does; the tests' demo data has no batch).")

    def handle(self, *args, **options):
        if settings.DJANGO_ENV == "prod":
            raise CommandError("Demo data and demo accounts are never loaded in production.")
        with transaction.atomic():
            home = self._pages()
            self._country()
            shelters = self._makers()
            self._catalogue(shelters)
            catalogue_demo.translate()  # Bengali and Hindi titles, descriptions, attributes
            accounts = self._accounts(home)
            accounts += self._workshop(shelters)
            accounts += self._finance()
            self._csr(home)
            self._bulk_orders(shelters, placed=options.get("with_bulk_order", False))
            self._exhibition()
            if options.get("with_seed_grants"):
                from payouts import demo_grants

                demo_grants.load()
            # Story side: translations, standard pages, impact and story pages.
            from storefront import demo_pages

            demo_pages.load(home, get_user_model().objects.get(username="editor"))
            from artisans import demo as maker_demo  # makers' own page, /me/ (issue 21)
            from payouts import demo_ratings

            if options.get("with_maker_work"):
                maker_demo.production()
            demo_ratings.load()
            maker_demo.translate_profiles()  # makers' craft, bio, quote, story in bn and hi
        self._second_factor()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in accounts:
            self.stdout.write(f"  {role:<20} {email}")
        self.stdout.write("Makers' sign-in codes at /me/sign-in/ (demo only: valid 12 hours):")
        for pseudonym, code in maker_demo.sign_in_codes():
            self.stdout.write(f"  {pseudonym:<20} {code}")

    # --- Wagtail ----------------------------------------------------------------------------
    def _pages(self):
        # Wagtail makes these in its migrations; a flushed test database has lost them.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's migration makes a plain "Welcome" page with our slug: replace it.
            for page in root.get_children().filter(slug="home"):
                if page.specific_class is Page:
                    page.delete()
            home = root.add_child(instance=HomePage(title="Haat", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "site_name": "Haat"},
        )
        # Host and port from settings.HAAT_PUBLIC_URL, as the Django Site's (public_host.py).
        from storefront.public_host import sync_sites

        sync_sites()
        if not StandardPage.objects.filter(slug="about").exists():
            home.add_child(
                instance=StandardPage(
                    title="About Haat",
                    slug="about",
                    introduction=(
                        "Haat sells what women in our partner shelters make, and sends the "
                        "money where it belongs: to the maker, to training, and to running the shop."
                    ),
                )
            )
        return home

    def _country(self):
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

    # --- Makers -----------------------------------------------------------------------------
    def _makers(self):
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

    # --- Catalogue --------------------------------------------------------------------------
    def _catalogue(self, shelters):
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

    # --- People -----------------------------------------------------------------------------
    def _accounts(self, home):
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL}
        editor = groups[roles.EDITOR]
        editor.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for permission in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=editor,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=permission
                ),
            )
        # Finance refunds orders from the dashboard (commerce/dashboard/orders).
        groups[roles.FINANCE].permissions.add(
            *Permission.objects.filter(
                content_type__app_label="order", codename__in=["view_order", "change_order"]
            )
        )
        accounts = []
        for role in roles.ALL:
            slug = role.lower().replace(" ", "-")
            email = f"{slug}@{DEMO_EMAIL_DOMAIN}"
            user, _ = User.objects.get_or_create(
                username=slug, defaults={"email": email, "first_name": role}
            )
            user.is_staff = role in roles.STAFF_ROLES
            user.is_superuser = role == roles.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[role]])
            accounts.append((role, email))
        return accounts

    # --- CSR partners (csr_partners) ----------------------------------------------------------
    def _csr(self, home):
        """Acme (work addresses @acme.example), its Women's Day tie-up at 20% with a cap, the
        campaign page, and csr-buyer@ as its CSR contact. The demo's window runs from today
        for a week, so the campaign is live whenever the demo is loaded."""
        from django.utils import timezone

        from csr_partners import services as csr_services
        from csr_partners.models import CampaignPage, Company, TieUp

        company = Company.objects.filter(name="Acme").first()
        if company is None:
            company = Company(name="Acme", gstin="27AABCA1234F1Z9",
                              billing_address="Acme India Pvt Ltd, 5th floor, 21 Marine Drive, "
                                              "Mumbai 400002",
                              billing_state="Maharashtra", billing_pin_code="400002",
                              email_domains="acme.example")
            company.full_clean()
            company.save()
        buyer = get_user_model().objects.get(username="csr-buyer")
        csr_services.add_contact(company=company, user=buyer)
        today = timezone.localdate()
        tieup = TieUp.objects.filter(company=company, name="Women's Day week").first()
        if tieup is None:
            tieup = TieUp.objects.create(
                company=company, name="Women's Day week", rate=Decimal("20"), basis=TieUp.PAID,
                starts_on=today, ends_on=today + datetime.timedelta(days=6),
                cap_paise=5_000_000)  # INR 50,000
            tieup.categories.set(get_model("catalogue", "Category").objects.filter(
                name__in=["Tote bags", "Pouches"]))
        if not CampaignPage.objects.filter(tieup=tieup).exists():
            home.add_child(instance=CampaignPage(
                title="Acme × Haat: Women's Day week", slug="acme-womens-day", tieup=tieup,
                intro="Acme's people buy a bag; Acme adds 20% of its price to the training fund "
                      "that teaches women new skills.",
                body="<p>Every bag is made by a woman rebuilding her life in West Bengal. "
                     "Acme employees: confirm your work e-mail below and Acme's gift is added "
                     "to each bag you buy this week.</p>"))

    # --- Bulk orders (csr_partners.bulk, issue 8) --------------------------------------------
    def _bulk_orders(self, shelters, *, placed):
        """A quote sent to Acme and, with --with-bulk-order, a placed bulk order with parcels
        on their way."""
        from csr_partners.bulk import demo

        admin, buyer = demo.demo_users()
        demo.load(shelter=shelters[0], admin=admin, buyer=buyer, placed=placed)

    # --- Staff sign-in (security) -------------------------------------------------
    def _second_factor(self):
        """Every demo member of staff gets the demo's known authenticator secret (README, "Staff
        sign-in and roles"); never in production, where this command refuses to run."""
        from security.policy import is_staff_member
        from security.services import give_demo_device

        for user in get_user_model().objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"):
            if is_staff_member(user):
                give_demo_device(user)

    # --- Payouts and the training fund --------------------------------------------------------
    def _finance(self):
        """A second finance login (a payout run or a fund disbursement is approved by another
        person than the one who prepared it) and the partner NGO's training programmes."""
        from payouts.models import Programme

        user, _ = get_user_model().objects.get_or_create(
            username=SECOND_FINANCE,
            defaults={"email": f"{SECOND_FINANCE}@{DEMO_EMAIL_DOMAIN}",
                      "first_name": "Finance (approver)"},
        )
        user.is_staff = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=roles.FINANCE)])
        for name, head, description in DEMO_PROGRAMMES:
            Programme.objects.get_or_create(
                name=name, defaults={"schedule_vii_head": head, "description": description}
            )
        return [(f"{roles.FINANCE} 2", user.email)]

    # --- Exhibitions (exhibitions) ---------------------------------------------------
    def _exhibition(self):
        """One stall this week with a few pieces sent to it; the shelter-staff login sells there
        (and may close its days) at /workshop/events/."""
        from exhibitions import transfers as exhibition_transfers
        from exhibitions.models import Concession, Event, EventStaff

        today = datetime.date.today()
        event, created = Event.objects.get_or_create(
            name=DEMO_EVENT,
            defaults={"place": "Jadavpur University, Kolkata", "starts_on": today,
                      "ends_on": today + datetime.timedelta(days=2),
                      "notes": "Students get the student price with a college ID."},
        )
        for name, percent in (("Student price", "20"), ("Partner company staff", "15")):
            Concession.objects.get_or_create(event=event, name=name,
                                             defaults={"max_percent_off": Decimal(percent)})
        staff = get_user_model().objects.get(username=roles.SHELTER_STAFF.lower().replace(" ", "-"))
        EventStaff.objects.get_or_create(event=event, user=staff, defaults={"is_manager": True})
        if created:
            admin = get_user_model().objects.get(username=roles.ADMIN.lower())
            records = dict(StockRecord.objects.filter(product__upc__in=DEMO_EVENT_PIECES)
                           .values_list("product__upc", "pk"))
            exhibition_transfers.transfer_to_event(
                event=event, user=admin, note="Demo: pieces for the stall",
                lines=[(records[upc], n) for upc, n in DEMO_EVENT_PIECES.items()],
            )

    # --- Workshop, consent and the identity vault ---------------------------------------------
    def _workshop(self, shelters):
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
                    artisan_services.record_consent(
                        artisan=artisan, kind=kind, granted=True, by=custodian,
                        note="Demo consent",
                    )
            if not ArtisanIdentity.objects.filter(artisan=artisan).exists():
                artisan_services.save_identity(
                    user=custodian, artisan=artisan,
                    data={k: v.format(n=n) for k, v in DEMO_IDENTITY.items()},
                    reason="Demo data: obviously fake identity",
                )
        return [(f"{roles.SHELTER_STAFF} 2", second.email)]
