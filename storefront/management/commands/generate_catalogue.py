"""A catalogue of N generated pieces, for the load benchmark (bench/, issue 10).

    manage.py generate_catalogue --products 10000 [--export bench/var/catalogue.json]

Makes exactly N generated products (upc ``GEN-…``): adds what is missing, deletes the surplus,
so growing 1,000 to 10,000 only writes the 9,000 new ones. Each has a stock record with a price
held by a shelter's partner, a maker (artisans services), a category and a photo. The photos are
a small set drawn once with Pillow and shared, so 10,000 products take seconds, not an hour;
their derived sizes are made once, by the same Celery task a dashboard upload runs.

Rows are written with bulk_create (no per-row signals); the demo data (load_demo) is expected
to exist already, for the product classes, categories and shelters it creates.
"""

import json
import random
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from artisans import selectors as artisan_selectors
from artisans import services as artisan_services
from catalogue.tasks import make_product_image_derivatives
from storefront.demo.images import product_photo

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PREFIX = "GEN-"
PHOTOS = 12  # distinct photos, shared by all generated products
SHELTERS = [("Bench shelter North", 120), ("Bench shelter South", 80)]
MAKERS_PER_SHELTER = 15
KINDS = {
    "tote": ("Tote bag", "Tote bags", ["Kantha", "Handloom", "Jute", "Canvas", "Madder"]),
    "pouch": ("Pouch", "Pouches", ["Zip", "Coin", "Pencil", "Travel", "Indigo"]),
}
BATCH = 1000


class Command(BaseCommand):
    help = "Make exactly N generated products (with stock, makers and photos) for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, required=True)
        parser.add_argument("--export", help="write the generated catalogue as JSON here")
        parser.add_argument("--seed", type=int, default=10)

    def handle(self, *args, products, export=None, seed=10, **options):
        if products < 0:
            raise CommandError("--products must be 0 or more")
        classes = self._classes()
        generated = Product.objects.filter(upc__startswith=PREFIX)
        have = generated.count()
        if have > products:
            surplus = list(generated.order_by("-id").values_list("pk", flat=True)[: have - products])
            Product.objects.filter(pk__in=surplus).delete()
        elif have < products:
            self._make(range(have, products), classes, seed)
        self.stdout.write(f"{products} generated products ({Product.objects.count()} in all)")
        if export:
            self._export(Path(export))

    # --- set-up --------------------------------------------------------------------------------
    def _classes(self):
        classes = {}
        for kind, (class_name, category_name, _words) in KINDS.items():
            product_class, _ = ProductClass.objects.get_or_create(
                name=class_name, defaults={"requires_shipping": True, "track_stock": True}
            )
            classes[kind] = (product_class, create_from_breadcrumbs(category_name))
        one_off, _ = ProductClass.objects.get_or_create(
            name="One-off kantha tote",
            defaults={"requires_shipping": True, "track_stock": True, "is_one_off": True},
        )
        classes["one-off"] = (one_off, classes["tote"][1])
        return classes

    def _makers(self):
        """[(partner id, [artisan, ...])] per bench shelter, made through the artisans services."""
        result = []
        for label, capacity in SHELTERS:
            shelter = artisan_services.register_shelter(
                public_label=label, private_address="Bench", weekly_capacity=capacity
            )
            for n in range(MAKERS_PER_SHELTER):
                artisan_services.register_artisan(
                    shelter=shelter, pseudonym=f"{label.split()[-1]} maker {n + 1:02d}",
                    craft="Stitching",
                )
            result.append((shelter.partner_id, list(artisan_selectors.makers_for_shelter(shelter))))
        return result

    def _photos(self):
        """Storage names of the shared photos, drawn and given their derived sizes once."""
        names = []
        for n in range(PHOTOS):
            kind = "pouch" if n % 2 else "tote"
            name = f"images/products/bench/gen-{kind}-{n:02d}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(product_photo(kind, 1000 + n, size=800)))
            names.append(name)
        return names

    # --- products ------------------------------------------------------------------------------
    @transaction.atomic
    def _make(self, numbers, classes, seed):
        rng = random.Random(seed)
        makers = self._makers()
        photos = self._photos()
        now = timezone.now()
        numbers = list(numbers)
        first_images = {}
        for start in range(0, len(numbers), BATCH):
            chunk = numbers[start : start + BATCH]
            specs = []
            for i in chunk:
                kind = "one-off" if i % 3 == 2 else ("pouch" if i % 2 else "tote")
                base = "tote" if kind == "one-off" else kind
                word = KINDS[base][2][i % 5]
                title = f"{word} {KINDS[base][0].lower()} no. {i + 1}"
                price = Decimal(rng.randrange(350, 2400, 10))
                stock = 1 if kind == "one-off" else rng.randint(0, 40)
                specs.append((i, kind, title, price, stock))
            made = Product.objects.bulk_create(
                Product(
                    upc=f"{PREFIX}{i + 1:06d}",
                    title=title,
                    slug=f"gen-{i + 1}",
                    description=f"<p>{title}: cut, stitched and finished by hand in West Bengal.</p>",
                    product_class=classes[kind][0],
                    structure="standalone",
                    is_public=True,
                    date_created=now,
                    date_updated=now,
                )
                for i, kind, title, price, stock in specs
            )
            records, images, links, categories = [], [], [], []
            for product, (i, kind, _title, price, stock) in zip(made, specs, strict=True):
                partner_id, artisans = makers[i % len(makers)]
                records.append(
                    StockRecord(
                        product=product, partner_id=partner_id, partner_sku=product.upc,
                        price=price, price_currency="INR", num_in_stock=stock,
                    )
                )
                photo = photos[i % len(photos)]
                images.append(ProductImage(product=product, original=photo, display_order=0))
                categories.append(ProductCategory(product=product, category=classes[kind][1]))
                links.append((product, artisans[i % len(artisans)]))
            StockRecord.objects.bulk_create(records)
            ProductCategory.objects.bulk_create(categories)
            for image in ProductImage.objects.bulk_create(images):
                first_images.setdefault(image.original.name, image.pk)
            for product, artisan in links:
                artisan_services.link_maker(product=product, artisan=artisan)
            self.stdout.write(f"  made {start + len(chunk)} of {len(numbers)}")
        # bulk_create sends no post_save, so the derived sizes are asked for here: once per
        # distinct photo, after commit, through Celery (a worker, or eagerly without Redis).
        for image_id in first_images.values():
            transaction.on_commit(lambda pk=image_id: make_product_image_derivatives.delay(pk))

    # --- export for the plain-Oscar peer ---------------------------------------------------------
    def _export(self, path):
        rows = []
        products = (
            Product.objects.browsable()
            .prefetch_related("stockrecords", "categories", "images")
            .order_by("pk")
        )
        for product in products.iterator(chunk_size=2000):
            record = next(iter(product.stockrecords.all()), None)
            image = next(iter(product.images.all()), None)
            rows.append(
                {
                    "upc": product.upc,
                    "title": product.title,
                    "slug": product.slug,
                    "description": product.description,
                    "category": [c.full_name for c in product.categories.all()][:1],
                    "price": str(record.price) if record else None,
                    "stock": record.num_in_stock if record else None,
                    "image": str(Path(settings.MEDIA_ROOT) / image.original.name) if image else None,
                }
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows))
        self.stdout.write(f"exported {len(rows)} products to {path}")
