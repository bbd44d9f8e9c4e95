"""The demo's people: one login per role (all with DEMO_PASSWORD, at DEMO_EMAIL_DOMAIN), a
second finance login and the training programmes, and every member of staff's demo
authenticator."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from storefront import roles

DEMO_PASSWORD = "haat-demo-2026"
DEMO_EMAIL_DOMAIN = "demo.haat.test"
SECOND_SHELTER_STAFF = "shelter-staff-2"
SECOND_FINANCE = "finance-approver"
DEMO_PROGRAMMES = [
    ("Kantha embroidery course", "ii", "Twelve weeks with a master embroiderer: stitches, finishing, pricing."),
    ("Running a micro-business", "iii", "Book-keeping, buying materials and selling at local haats."),
]


def role_logins(home):
    User = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL}
    editor = groups[roles.EDITOR]
    editor.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editor,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=permission
            ),
        )
    # Finance refunds orders from the dashboard (commerce/dashboard/orders).
    groups[roles.FINANCE].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    accounts = []
    for role in roles.ALL:
        slug = role.lower().replace(" ", "-")
        email = f"{slug}@{DEMO_EMAIL_DOMAIN}"
        user, _ = User.objects.get_or_create(
            username=slug, defaults={"email": email, "first_name": role}
        )
        user.is_staff = role in roles.STAFF_ROLES
        user.is_superuser = role == roles.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role]])
        accounts.append((role, email))
    return accounts


def finance():
    """A second finance login (a payout run or a fund disbursement is approved by another
    person than the one who prepared it) and the partner NGO's training programmes."""
    from payouts.models import Programme

    user, _ = get_user_model().objects.get_or_create(
        username=SECOND_FINANCE,
        defaults={"email": f"{SECOND_FINANCE}@{DEMO_EMAIL_DOMAIN}",
                  "first_name": "Finance (approver)"},
    )
    user.is_staff = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=roles.FINANCE)])
    for name, head, description in DEMO_PROGRAMMES:
        Programme.objects.get_or_create(
            name=name, defaults={"schedule_vii_head": head, "description": description}
        )
    return [(f"{roles.FINANCE} 2", user.email)]


def second_factor():
    """Every demo member of staff gets the demo's known authenticator secret (README, "Staff
    sign-in and roles"); never in production, where this command refuses to run."""
    from security.policy import is_staff_member
    from security.services import give_demo_device

    for user in get_user_model().objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"):
        if is_staff_member(user):
            give_demo_device(user)
