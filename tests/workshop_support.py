"""Helpers for the workshop tests: photos, staff accounts and a batch posted through the form."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from artisans import services
from artisans.models import Artisan, Shelter
from storefront.demo.accounts import DEMO_PASSWORD, SECOND_SHELTER_STAFF


def jpeg(name="batch.jpg", size=(640, 480), colour=(168, 67, 31)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def shelter_a():
    return Artisan.objects.get(pseudonym="Juhi").shelter


def shelter_b():
    return Artisan.objects.get(pseudonym="Palash").shelter


def recorder():
    return get_user_model().objects.get(username="shelter-staff")


def checker():
    return get_user_model().objects.get(username=SECOND_SHELTER_STAFF)


def staffer_of(shelter: Shelter, username: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password=DEMO_PASSWORD
    )
    services.add_shelter_staff(user=user, shelter=shelter)
    return user
