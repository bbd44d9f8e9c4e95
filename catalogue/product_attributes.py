from modeltranslation.translator import NotRegistered, translator
from oscar.apps.catalogue.product_attributes import (
    ProductAttributesContainer as OscarProductAttributesContainer,
)


class ProductAttributesContainer(OscarProductAttributesContainer):
    """Oscar's, writing the translated columns of a changed value too.

    Oscar saves changed attribute values with ``bulk_update(fields=["value_text", ...])``, which
    writes the English column only; a materials or care text edited in Bengali (catalogue/
    translation.py) would be read back from its own column and found unchanged.
    """

    def prepare_save(self):
        to_update, to_create, to_delete, update_fields = super().prepare_save()
        if to_update:
            try:
                options = translator.get_options_for_model(to_update[0].__class__)
            except NotRegistered:
                return to_update, to_create, to_delete, update_fields
            for name in list(update_fields):
                update_fields |= {f.name for f in options.all_fields.get(name, ())}
        return to_update, to_create, to_delete, update_fields
