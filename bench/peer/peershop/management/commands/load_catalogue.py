"""Load the catalogue Haat's generate_catalogue exported (bench/var/catalogue.json).

Replaces whatever catalogue was loaded before, so the peer always shows the same products.
"""

import json
import shutil
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, path, **options):
        rows = json.loads(Path(path).read_text())
        Country.objects.update_or_create(
            iso_3166_1_a2="IN",
            defaults={"iso_3166_1_a3": "IND", "iso_3166_1_numeric": "356", "printable_name": "India",
                      "name": "Republic of India", "is_shipping_country": True},
        )
        product_class, _ = ProductClass.objects.get_or_create(
            name="Bag", defaults={"requires_shipping": True, "track_stock": True}
        )
        partner, _ = Partner.objects.get_or_create(name="Shelters")
        have = set(Product.objects.values_list("upc", flat=True))
        wanted = {row["upc"] for row in rows}
        Product.objects.exclude(upc__in=wanted).delete()
        rows = [row for row in rows if row["upc"] not in have]
        categories = {}
        media = Path(settings.MEDIA_ROOT)
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            made = Product.objects.bulk_create(
                Product(upc=r["upc"], title=r["title"], slug=r["slug"], description=r["description"],
                        product_class=product_class, structure="standalone", is_public=True)
                for r in chunk
            )
            records, links, images = [], [], []
            for product, row in zip(made, chunk, strict=True):
                if row["price"] is not None:
                    records.append(StockRecord(
                        product=product, partner=partner, partner_sku=row["upc"],
                        price=Decimal(row["price"]), price_currency="INR",
                        num_in_stock=row["stock"]))
                for name in row["category"]:
                    if name not in categories:
                        categories[name] = create_from_breadcrumbs(name)
                    links.append(ProductCategory(product=product, category=categories[name]))
                if row["image"]:
                    source = Path(row["image"])
                    target = media / "images" / "products" / "bench" / source.name
                    if not target.exists():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(source, target)
                    images.append(ProductImage(product=product, display_order=0,
                                               original=str(target.relative_to(media))))
            StockRecord.objects.bulk_create(records)
            ProductCategory.objects.bulk_create(links)
            ProductImage.objects.bulk_create(images)
        self.stdout.write(f"{Product.objects.count()} products in the peer's catalogue")
