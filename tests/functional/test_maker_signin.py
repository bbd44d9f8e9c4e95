"""A maker signs in to her own page (/me/) with a one-time code from shelter staff, or a PIN she
set on the phone (issue 21): codes expire, work once, lock after 5 wrong tries, are issued only
by staff of her shelter and audited without the code; PINs lock after 5 wrong tries; her session
ends after 30 idle minutes; a sign-out is on every page."""

import datetime
import re
import types

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from artisans import maker_auth
from artisans.models import Artisan, MakerDevice, MakerSignInCode
from tests.support.auth import demo_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the sign-in's rate limit counts per address in the cache
    yield
    cache.clear()


@pytest.fixture
def juhi():
    return Artisan.objects.get(pseudonym="Juhi")


def staff_code(artisan, user=None):
    code, _record = maker_auth.issue_code(user=user or demo_user("Shelter staff"), artisan=artisan)
    return code


def english(client):
    """Her pages are in Bengali until she chooses: these tests read the English words."""
    client.post("/me/language/", {"language": "en-in", "next": "/me/sign-in/"})
    return client


def code_sign_in(client, name, code):
    return client.post("/me/sign-in/", {"with": "code", "name": name, "code": code})


def later(monkeypatch, **delta):
    """Move maker_auth's clocks (the code's expiry and the idle timer) forward."""
    now = timezone.now() + datetime.timedelta(**delta)
    seconds = datetime.timedelta(**delta).total_seconds()
    import time as real_time

    monkeypatch.setattr(maker_auth, "timezone", types.SimpleNamespace(now=lambda: now))
    monkeypatch.setattr(maker_auth, "time",
                        types.SimpleNamespace(time=lambda: real_time.time() + seconds))


def test_staff_give_a_code_on_the_workshop_page_and_she_signs_in_with_it_once(client, juhi):
    staff = Client()
    sign_in(staff, demo_user("Shelter staff"))
    page = staff.post("/workshop/makers/codes/", {"maker": juhi.pk})
    assert page.status_code == 200
    shown = re.search(r'class="mk-code">(\d{4} \d{4})<', page.content.decode()).group(1)
    record = MakerSignInCode.objects.filter(artisan=juhi).order_by("-id").first()
    # Only a keyed hash is kept, never the code, and the record says who issued it.
    assert shown.replace(" ", "") not in record.code_hash
    assert record.issued_by == demo_user("Shelter staff")
    assert record.expires_at - record.issued_at <= datetime.timedelta(minutes=15, seconds=1)
    # The audit list shows who gave a code to whom, never the code.
    again = staff.get("/workshop/makers/codes/").content.decode()
    assert "Juhi" in again and shown not in again and shown.replace(" ", "") not in again

    answer = code_sign_in(client, "juhi", shown)  # her name in any case, spaces in the code
    assert answer.status_code == 302 and answer["Location"] == "/me/pin/"
    home = client.get("/me/")
    assert home.status_code == 200 and "Juhi" in home.content.decode()

    other_phone = Client()
    reused = code_sign_in(other_phone, "Juhi", shown)
    assert reused.status_code == 400
    assert other_phone.get("/me/").status_code == 302


def test_a_code_expires_after_15_minutes(client, juhi, monkeypatch):
    english(client)
    code = staff_code(juhi)
    later(monkeypatch, minutes=15, seconds=1)
    answer = code_sign_in(client, "Juhi", code)
    assert answer.status_code == 400
    assert "expired" in answer.content.decode()
    assert client.get("/me/").status_code == 302


def test_a_code_works_just_before_it_expires(client, juhi, monkeypatch):
    code = staff_code(juhi)
    later(monkeypatch, minutes=14, seconds=50)
    assert code_sign_in(client, "Juhi", code).status_code == 302


def test_five_wrong_tries_lock_the_code_even_for_the_right_code_after(client, juhi):
    english(client)
    code = staff_code(juhi)
    wrong = "0" * 8 if code != "0" * 8 else "1" * 8
    for _ in range(5):
        assert code_sign_in(client, "Juhi", wrong).status_code == 400
    answer = code_sign_in(client, "Juhi", code)
    assert answer.status_code == 400 and "locked" in answer.content.decode()
    assert client.get("/me/").status_code == 302
    # A new code from staff works again.
    assert code_sign_in(client, "Juhi", staff_code(juhi)).status_code == 302


def test_a_new_code_replaces_the_old_one(client, juhi):
    old = staff_code(juhi)
    new = staff_code(juhi)
    assert code_sign_in(client, "Juhi", old).status_code == 400
    assert code_sign_in(client, "Juhi", new).status_code == 302


def test_another_makers_name_with_her_code_does_not_sign_in(client, juhi):
    code = staff_code(juhi)
    assert code_sign_in(client, "Bakul", code).status_code == 400
    assert client.get("/me/").status_code == 302


def test_only_staff_of_her_shelter_may_issue_her_a_code(juhi):
    from django.core.exceptions import PermissionDenied

    from tests.workshop_support import shelter_b, staffer_of

    palash = Artisan.objects.get(pseudonym="Palash")
    with pytest.raises(PermissionDenied):
        maker_auth.issue_code(user=demo_user("Shelter staff"), artisan=palash)
    with pytest.raises(PermissionDenied):
        maker_auth.issue_code(user=staffer_of(shelter_b(), "kadam-codes"), artisan=juhi)
    with pytest.raises(PermissionDenied):
        maker_auth.issue_code(user=demo_user("Finance"), artisan=juhi)
    staff = Client()
    sign_in(staff, demo_user("Shelter staff"))
    assert staff.post("/workshop/makers/codes/", {"maker": palash.pk}).status_code == 404
    assert "Palash" not in staff.get("/workshop/makers/codes/").content.decode()


def test_staff_may_issue_only_a_few_codes_an_hour_for_one_maker(juhi):
    from django.core.exceptions import ValidationError

    before = MakerSignInCode.objects.filter(
        artisan=juhi, issued_at__gte=timezone.now() - datetime.timedelta(hours=1)).count()
    for _ in range(5 - before):
        staff_code(juhi)
    with pytest.raises(ValidationError):
        staff_code(juhi)


@override_settings(HAAT_RATE_LIMITS={"maker-sign-in": "4/h"})
def test_sign_in_attempts_are_rate_limited_per_address(client, juhi):
    for _ in range(4):
        assert code_sign_in(client, "Nobody", "12345678").status_code == 400
    assert code_sign_in(client, "Juhi", staff_code(juhi)).status_code == 429


def test_two_phones_racing_with_one_code_only_one_signs_in(juhi):
    code = staff_code(juhi)
    first, second = Client(), Client()
    answers = [code_sign_in(first, "Juhi", code).status_code,
               code_sign_in(second, "Juhi", code).status_code]
    assert sorted(answers) == [302, 400]


def test_she_sets_a_pin_and_signs_in_with_it_on_that_phone_only(client, juhi):
    code_sign_in(client, "Juhi", staff_code(juhi))
    answer = client.post("/me/pin/", {"pin": "470215", "again": "470215"})
    assert answer.status_code == 302
    device = MakerDevice.objects.get(artisan=juhi)
    assert "470215" not in device.pin_hash
    client.post("/me/sign-out/")
    assert client.get("/me/").status_code == 302
    page = client.get("/me/sign-in/").content.decode()
    assert "Juhi" in page  # this phone knows her name for the PIN sign-in
    assert client.post("/me/sign-in/", {"name": "Juhi", "pin": "470215"}).status_code == 302
    assert client.get("/me/").status_code == 200
    # Another phone has no cookie: a PIN alone does not sign in there.
    other = Client()
    assert other.post("/me/sign-in/", {"name": "Juhi", "pin": "470215"}).status_code == 400
    assert other.get("/me/").status_code == 302


def test_easy_or_mismatched_pins_are_refused(client, juhi):
    code_sign_in(client, "Juhi", staff_code(juhi))
    assert client.post("/me/pin/", {"pin": "111111", "again": "111111"}).status_code == 400
    assert client.post("/me/pin/", {"pin": "123456", "again": "123456"}).status_code == 400
    assert client.post("/me/pin/", {"pin": "470215", "again": "470216"}).status_code == 400
    assert client.post("/me/pin/", {"pin": "4702", "again": "4702"}).status_code == 400
    assert not MakerDevice.objects.filter(artisan=juhi).exists()


def test_five_wrong_pins_lock_that_phones_pin_until_a_new_code(client, juhi):
    english(client)
    code_sign_in(client, "Juhi", staff_code(juhi))
    client.post("/me/pin/", {"pin": "470215", "again": "470215"})
    client.post("/me/sign-out/")
    for _ in range(5):
        assert client.post("/me/sign-in/", {"name": "Juhi", "pin": "999000"}).status_code == 400
    answer = client.post("/me/sign-in/", {"name": "Juhi", "pin": "470215"})
    assert answer.status_code == 400 and "locked" in answer.content.decode()
    assert client.get("/me/").status_code == 302
    # A new code, then a new PIN: she is back in.
    assert code_sign_in(client, "Juhi", staff_code(juhi)).status_code == 302
    client.post("/me/pin/", {"pin": "582614", "again": "582614"})
    client.post("/me/sign-out/")
    assert client.post("/me/sign-in/", {"name": "Juhi", "pin": "582614"}).status_code == 302


def test_two_makers_share_a_phone_each_with_her_own_pin(client, juhi):
    bakul = Artisan.objects.get(pseudonym="Bakul")
    code_sign_in(client, "Juhi", staff_code(juhi))
    client.post("/me/pin/", {"pin": "470215", "again": "470215"})
    client.post("/me/sign-out/")
    code_sign_in(client, "Bakul", staff_code(bakul))
    client.post("/me/pin/", {"pin": "836105", "again": "836105"})
    client.post("/me/sign-out/")
    assert client.post("/me/sign-in/", {"name": "Bakul", "pin": "470215"}).status_code == 400
    assert client.post("/me/sign-in/", {"name": "Juhi", "pin": "470215"}).status_code == 302
    assert "Juhi" in client.get("/me/").content.decode()


def test_her_session_ends_after_30_idle_minutes(client, juhi, monkeypatch):
    code_sign_in(client, "Juhi", staff_code(juhi))
    assert client.get("/me/").status_code == 200
    later(monkeypatch, minutes=29)
    assert client.get("/me/").status_code == 200  # still there, and the clock moved on
    later(monkeypatch, minutes=29 + 31)
    answer = client.get("/me/")
    assert answer.status_code == 302 and answer["Location"] == "/me/sign-in/"


def test_sign_out_is_on_her_pages_and_ends_the_session(client, juhi):
    code_sign_in(client, "Juhi", staff_code(juhi))
    for path in ("/me/", "/me/consent/", "/me/rate/", "/me/pin/"):
        assert 'data-testid="sign-out"' in client.get(path).content.decode(), path
    assert client.get("/me/sign-out/").status_code == 405  # a POST, so no link can sign her out
    client.post("/me/sign-out/")
    assert client.get("/me/").status_code == 302


def test_signing_in_on_a_phone_ends_a_staff_session_there(client, juhi):
    sign_in(client, demo_user("Shelter staff"))
    assert client.get("/workshop/").status_code == 200
    code_sign_in(client, "Juhi", staff_code(juhi))
    assert client.get("/workshop/").status_code == 302  # staff are signed out
    assert client.get("/me/").status_code == 200


def test_her_page_is_in_bengali_unless_she_chooses_another_language(client, juhi):
    page = client.get("/me/sign-in/")
    assert page["Content-Language"] == "bn"
    code_sign_in(client, "Juhi", staff_code(juhi))
    assert client.get("/me/")["Content-Language"] == "bn"
    client.post("/me/language/", {"language": "en-in", "next": "/me/"})
    assert client.get("/me/")["Content-Language"] == "en-in"
    # A made-up target is not followed off her page.
    assert client.post("/me/language/", {"language": "bn", "next": "https://evil.test/"})[
        "Location"] == "/me/"
