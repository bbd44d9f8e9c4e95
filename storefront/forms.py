from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description required: it is the image's alt text, read
    out to people who cannot see it (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = _("Alt text")
            field.help_text = _(
                "Describe the image for people who cannot see it, e.g. “Hands stitching the "
                "handle of a jute tote”. Never a maker's real name or where she lives."
            )
