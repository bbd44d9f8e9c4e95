"""Oscar's catalogue dashboard forms, with the Bengali and Hindi text of a product or category
(django-modeltranslation's columns, catalogue/translation.py) beside the English.

Staff work in English here; "title" and "name" are the English text. A translation left empty
shows the English to shoppers.
"""

from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403 (Oscar fork convention)

OTHER_LANGUAGES = ("bn", "hi")


def _translated(*fields):
    return [f"{field}_{language}" for field in fields for language in OTHER_LANGUAGES]


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = oscar_forms.ProductForm.Meta.fields + _translated("title", "description")


class CategoryForm(oscar_forms.CategoryForm):
    class Meta(oscar_forms.CategoryForm.Meta):
        fields = list(oscar_forms.CategoryForm.Meta.fields) + _translated("name", "description")
