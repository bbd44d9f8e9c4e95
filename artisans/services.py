"""Writes to the artisans app. Other apps call these, never the models directly."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from .models import Artisan, Shelter

Partner = get_model("partner", "Partner")


@transaction.atomic
def register_shelter(*, public_label: str, private_address: str = "", weekly_capacity: int = 0):
    """Create (or find) a shelter and the Oscar partner that holds its stock."""
    shelter = Shelter.objects.filter(public_label=public_label).first()
    if shelter:
        return shelter
    partner = Partner.objects.create(name=public_label)
    return Shelter.objects.create(
        public_label=public_label,
        partner=partner,
        private_address=private_address,
        weekly_capacity=weekly_capacity,
    )


def register_artisan(
    *, shelter: Shelter, pseudonym: str, craft: str = "", bio: str = "",
    joined_on: datetime.date | None = None,
) -> Artisan:
    """Create (or find, by pseudonym) a maker of a shelter."""
    artisan, _created = Artisan.objects.get_or_create(
        pseudonym=pseudonym,
        defaults={
            "slug": slugify(pseudonym),
            "shelter": shelter,
            "craft": craft,
            "bio": bio,
            "joined_on": joined_on or datetime.date.today(),
        },
    )
    return artisan
