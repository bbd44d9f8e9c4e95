from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class ProductSitemap(Sitemap):
    """Every product a shopper can browse to."""

    changefreq = "daily"
    priority = 0.7
    limit = 5000

    def items(self):
        return Product.objects.browsable().order_by("pk")

    def lastmod(self, product):
        return product.date_updated
