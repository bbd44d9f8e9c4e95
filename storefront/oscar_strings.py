"""Words shoppers meet that live outside the shop's own templates (Oscar's, and the product
page's parts from the payouts and artisans apps), listed here so that `makemessages` puts them
in the shop's catalogues (locale/bn, locale/hi): Oscar ships almost no Bengali or Hindi, and the
project's locale wins over the apps'. Never imported; gettext_noop only marks them."""

from django.utils.translation import gettext_noop as _

OSCAR_STRINGS = [
    # Availability (oscar.apps.partner.availability)
    _("In stock"),
    _("In stock (%d available)"),
    _("Unavailable"),
    # Checkout gateway (oscar.apps.checkout.forms.GatewayForm)
    _("My email address is"),
    _("I am a new customer and want to checkout as a guest"),
    _("I am a new customer and want to create an account before checking out"),
    _("I am a returning customer, and my password is"),
    # Basket messages (oscar/basket/messages/*.html)
    _("\n    <strong>%(title)s</strong> has been added to your basket.\n    "),
    _("Your basket is now empty"),
    _("\n        Your basket total is now <strong>%(total)s</strong>\n        "),
    # "Where your money goes" on the product page (payouts/partials/money_split.html)
    _("Of the %(price)s you pay:"),
    _("The maker's share of the sale"),
    _("The training fund for the next makers"),
    _("Running the shop (materials, packing, staff, payments)"),
    _("GST to the government"),
    _("Her piece rate of %(rate)s for this piece was paid when it passed its quality check, "
      "before it was put on sale."),
    _("The maker's piece rate was paid when the piece passed its quality check; this share "
      "comes on top."),
    # "Made by" (artisans/partials/made_by.html)
    _("Made by"),
    _("and"),
]
