"""Writes to the artisans app: shelters, makers and who makes what. Other apps call these (and
artisans.identity_services, consent_services, batch_services), never the models directly."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from . import roles
from .models import Artisan, ProductMaker, Shelter, ShelterStaff

Partner = get_model("partner", "Partner")


# --- Shelters and makers -----------------------------------------------------------------------
@transaction.atomic
def without_identity(text: str) -> str:
    """`text` (say a bank's remark on a returned payment) with every vault value this process
    knows and anything shaped like a phone, account number, IFSC or UPI id replaced, as the log
    filter does: for other apps that must keep outside words where staff read them."""
    from .log_filters import scrub

    return scrub(text)


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
    joined_on: datetime.date | None = None, story: str = "", quote: str = "",
) -> Artisan:
    """Create (or find, by pseudonym) a maker of a shelter."""
    artisan, _created = Artisan.objects.get_or_create(
        pseudonym=pseudonym,
        defaults={
            "slug": slugify(pseudonym),
            "shelter": shelter,
            "craft": craft,
            "bio": bio,
            "story": story,
            "quote": quote,
            "joined_on": joined_on or datetime.date.today(),
        },
    )
    return artisan


def add_shelter_staff(*, user, shelter: Shelter) -> ShelterStaff:
    """Let a user record batches for a shelter (and put them in the Shelter staff group)."""
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=roles.SHELTER_STAFF)[0])
    return ShelterStaff.objects.get_or_create(user=user, shelter=shelter)[0]


def link_maker(*, product, artisan: Artisan) -> ProductMaker:
    """Record that `artisan` makes `product` (shown as "Made by" on its page)."""
    return ProductMaker.objects.get_or_create(product=product, artisan=artisan)[0]
