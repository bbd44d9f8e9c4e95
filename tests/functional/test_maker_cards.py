"""Makers' cards and pages always carry a picture (issue 20): her photo of hands or work while
she consents to it, otherwise a workbench photo; never a blank."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from artisans import consent_services
from artisans.models import Artisan, Consent
from tests.support.auth import demo_user
from tests.workshop_support import jpeg

pytestmark = pytest.mark.django_db


def cards(client, language="en-in"):
    with translation.override(language):
        url = reverse("artisans:makers")
    body = client.get(url).content.decode()
    return re.findall(r'<li class="maker-card">(.*?)</li>', body, re.S)


def test_every_makers_card_has_a_picture(client):
    found = cards(client)
    assert len(found) == Artisan.objects.filter(is_active=True).count()
    for card in found:
        src = re.search(r'<img src="([^"]+)"', card)
        assert src, card
        assert client.get(src.group(1)).status_code in (200, 304) or src.group(1).startswith(
            "/static/")
    # Without a consented photo it is a workbench, no person in it.
    assert all('data-testid="maker-card-workbench"' in card for card in found)


def test_a_consented_photo_shows_and_goes_when_consent_is_withdrawn(client):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    juhi.hands_photo.save("hands.jpg", ContentFile(jpeg().read()), save=True)
    consent_services.record_consent(artisan=juhi, kind=Consent.HANDS_PHOTO, granted=True,
                            by=demo_user("identity-custodian"))
    juhi.refresh_from_db()
    card = next(c for c in cards(client) if ">Juhi<" in c)
    assert 'data-testid="maker-card-photo"' in card and juhi.hands_photo.url in card
    page = client.get(juhi.get_absolute_url()).content.decode()
    assert 'data-testid="maker-hands-photo"' in page

    consent_services.record_consent(artisan=juhi, kind=Consent.HANDS_PHOTO, granted=False,
                            by=demo_user("identity-custodian"))
    card = next(c for c in cards(client) if ">Juhi<" in c)
    assert 'data-testid="maker-card-workbench"' in card and "maker-card-photo" not in card
    page = client.get(juhi.get_absolute_url()).content.decode()
    assert 'data-testid="maker-workbench"' in page and "maker-hands-photo" not in page


def test_a_maker_page_without_a_photo_shows_the_workbench_in_every_language(client):
    maker = Artisan.objects.get(pseudonym="Bakul")
    for language in ("en-in", "bn", "hi"):
        with translation.override(language):
            url = maker.get_absolute_url()
        page = client.get(url).content.decode()
        assert 'data-testid="maker-workbench"' in page
    assert "A kantha piece half stitched" not in page  # its description is in Hindi there
