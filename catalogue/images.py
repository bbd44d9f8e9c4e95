"""The sizes in which product photos are shown, in one place for templates and the task."""

from oscar.core.thumbnails import get_thumbnailer

# name -> options for Oscar's thumbnailer (sorl-thumbnail underneath).
PRODUCT_IMAGE_SIZES = {
    "card": {"size": "600x600", "crop": "center", "upscale": False, "format": "JPEG", "quality": 82},
    "detail": {"size": "1200x1200", "upscale": False, "format": "JPEG", "quality": 85},
    "mini": {"size": "160x160", "crop": "center", "upscale": False, "format": "JPEG", "quality": 80},
}


def product_thumbnail(source, size_name: str):
    """The derived image of `source` at a named size; made now if no task has made it yet."""
    return get_thumbnailer().generate_thumbnail(source, **PRODUCT_IMAGE_SIZES[size_name])
