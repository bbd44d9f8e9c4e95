"""Demo data for a development shop. Safe to run again: it finds what it made before."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue import demo as catalogue_demo
from storefront.demo import accounts, pages, partners, shop
from storefront.demo.accounts import DEMO_PASSWORD


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
            home = pages.site()
            shop.country()
            shelters = shop.makers()
            shop.catalogue(shelters)
            catalogue_demo.translate()  # Bengali and Hindi titles, descriptions, attributes
            logins = accounts.role_logins(home)
            logins += shop.workshop(shelters)
            logins += accounts.finance()
            partners.csr(home)
            partners.bulk_orders(shelters, placed=options.get("with_bulk_order", False))
            partners.exhibition()
            if options.get("with_seed_grants"):
                from payouts import demo_grants

                demo_grants.load()
            # Story side: translations, standard pages, impact and story pages.
            pages.load(home, get_user_model().objects.get(username="editor"))
            from artisans import demo as maker_demo  # makers' own page, /me/ (issue 21)
            from payouts import demo_ratings

            if options.get("with_maker_work"):
                maker_demo.production()
            demo_ratings.load()
            maker_demo.translate_profiles()  # makers' craft, bio, quote, story in bn and hi
        accounts.second_factor()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in logins:
            self.stdout.write(f"  {role:<20} {email}")
        self.stdout.write("Makers' sign-in codes at /me/sign-in/ (demo only: valid 12 hours):")
        for pseudonym, code in maker_demo.sign_in_codes():
            self.stdout.write(f"  {pseudonym:<20} {code}")
