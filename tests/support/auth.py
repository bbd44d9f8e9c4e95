"""Signing people in from tests, in one place.

Every test that signs someone in goes through these helpers, so that when staff sign-in gains
steps only this module changes, not every test. Staff now pass a second factor (django-otp,
security): `sign_in` marks the session as verified by a backup-code device the way
django_otp.login does, and `browser_sign_in` types a fresh backup code into the code page.

Never `client.force_login` or `client.login` elsewhere: django-axes refuses `client.login`
(it needs the request), and a forced login skips the second factor the back offices demand.
"""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from security.policy import needs_second_factor
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

TEST_DEVICE_NAME = "Backup codes (tests)"


def _test_device(user) -> StaticDevice:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=TEST_DEVICE_NAME)
    return device


def sign_in(client, user):
    """Sign a Django test client in as `user` (staff or shopper), past every sign-in step."""
    client.force_login(user)
    if needs_second_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = _test_device(user).persistent_id
        session.save()
    return client


def demo_user(role_or_email: str):
    """The demo account of a role ("Finance", "shelter-staff") or an email address."""
    email = role_or_email
    if "@" not in email:
        email = f"{email.lower().replace(' ', '-')}@{DEMO_EMAIL_DOMAIN}"
    return get_user_model().objects.get(email__iexact=email)


def backup_code_for(user) -> str:
    """A fresh one-time backup code for `user` (the code page accepts it once)."""
    token = StaticToken.random_token()
    _test_device(user).token_set.create(token=token)
    return token


def browser_sign_in(page, email, password=DEMO_PASSWORD, next_url="/"):
    """Sign a Playwright page in through the shop's login form and, for staff, the second-factor
    page (with a fresh backup code), then open `next_url`."""
    if "@" not in email:
        email = f"{email}@{DEMO_EMAIL_DOMAIN}"
    user = demo_user(email)
    # Made before the password step, so staff land on the code page (not enrolment).
    code = backup_code_for(user) if needs_second_factor(user) else None
    page.goto(f"/shop/accounts/login/?next={next_url}")
    page.fill('[name="login-username"]', email)
    page.fill('[name="login-password"]', password)
    # Wait for each post's own navigation: the page already has a load state (and, with
    # ?next=..., a URL like the target), so waiting on those can return before the post has left.
    with page.expect_navigation():
        page.click('[name="login_submit"]')
    if code and "/accounts/second-factor/" in page.url:
        page.fill('[name="token"]', code)
        with page.expect_navigation():
            page.click('[name="verify"]')
    return page
