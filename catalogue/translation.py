"""What of the catalogue is written in each language (django-modeltranslation).

Oscar owns these models; registering them here adds `title_en_in`, `title_bn`, `title_hi` and so
on beside the English columns (migrations in this fork), and makes `product.title` read the
visitor's language, falling back to English when a translation is empty
(MODELTRANSLATION_FALLBACK_LANGUAGES). The original column stays the English text that slugs,
the dashboard's lists and keyword search read (catalogue.models, catalogue.selectors).
"""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ProductAttribute)
class ProductAttributeTranslation(TranslationOptions):
    # "Materials", "Care", "Size": the labels on a product page.
    fields = ("name",)


@register(ProductAttributeValue)
class ProductAttributeValueTranslation(TranslationOptions):
    # A handmade piece's materials, size and care, written for a buyer (text attributes only).
    fields = ("value_text",)


@register(get_model("catalogue", "ProductClass"))
class ProductClassTranslation(TranslationOptions):
    # "Tote bag", "One-off kantha tote": the "Type" line of a product page.
    fields = ("name",)
