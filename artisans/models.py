"""Shelters, makers, the identity vault, consent and production batches.

Only pseudonyms and public labels leave this app. A maker's legal identity lives in
ArtisanIdentity, encrypted (artisans/vault.py), read only through identity_services.read_identity.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


class Shelter(models.Model):
    """A production unit run by a partner NGO. Its stock is held by a 1:1 Oscar Partner."""

    public_label = models.CharField(
        _("public label"),
        max_length=120,
        unique=True,
        help_text=_('What shoppers see, e.g. "Shelter group, West Bengal". Never the address.'),
    )
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="shelter"
    )
    # Private: where the shelter is. Shown to no page, export or log.
    private_address = models.TextField(_("private address"), blank=True)
    weekly_capacity = models.PositiveIntegerField(
        _("pieces a week"), default=0, help_text=_("Recorded capacity, used for lead times.")
    )

    class Meta:
        ordering = ["public_label"]

    def __str__(self):
        return self.public_label


class Artisan(models.Model):
    """A maker, known outside the identity vault only by her pseudonym."""

    pseudonym = models.CharField(_("pseudonym"), max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)
    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="artisans")
    craft = models.CharField(_("craft"), max_length=120, blank=True)
    bio = models.TextField(_("public bio"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    joined_on = models.DateField(_("joined on"))
    # Material shown only while the matching consent is granted (see Consent).
    story = models.TextField(_("story"), blank=True)
    quote = models.CharField(_("first-person quote"), max_length=300, blank=True)
    hands_photo = models.ImageField(
        _("photo of hands or work"), upload_to="makers/", blank=True
    )

    class Meta:
        ordering = ["pseudonym"]

    def __str__(self):
        return self.pseudonym

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("artisans:maker", kwargs={"slug": self.slug})


class ShelterStaff(models.Model):
    """A user who works at a shelter; shelter staff see and record for their own shelter only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shelter_memberships"
    )
    shelter = models.ForeignKey(Shelter, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "shelter"], name="unique_shelter_staff")
        ]
        verbose_name_plural = _("shelter staff")

    def __str__(self):
        return f"{self.user} @ {self.shelter}"


class ArtisanIdentity(models.Model):
    """The identity vault: one encrypted record per maker.

    `ciphertext` is a MultiFernet token of a JSON object with IDENTITY_FIELDS. Nothing here
    decrypts it by itself; identity_services.read_identity checks the custodian group and writes
    the audit row first.
    """

    artisan = models.OneToOneField(Artisan, on_delete=models.PROTECT, related_name="identity")
    ciphertext = models.TextField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("identity record")

    def __str__(self):
        return f"Identity record #{self.pk}"

    def __repr__(self):
        return f"<ArtisanIdentity #{self.pk}>"


IDENTITY_FIELDS = [
    ("legal_name", _("Legal name")),
    ("phone", _("Phone")),
    ("bank_account", _("Bank account number")),
    ("ifsc", _("IFSC")),
    ("upi_id", _("UPI id")),
    ("id_number", _("Government ID number")),
    ("emergency_contact", _("Emergency contact")),
]


class IdentityAccessLog(models.Model):
    """The audit log of the vault: who opened or changed which record, when and why."""

    VIEW, CREATE, CHANGE = "view", "create", "change"
    ACTIONS = [(VIEW, _("viewed")), (CREATE, _("created")), (CHANGE, _("changed"))]

    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=ACTIONS)
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user} {self.action} identity of {self.artisan} at {self.at:%Y-%m-%d %H:%M}"


class Consent(models.Model):
    """One consent event. The newest event per maker and kind is what holds now."""

    STORY, HANDS_PHOTO, QUOTE = "story", "hands_photo", "quote"
    KINDS = [
        (STORY, _("Story text")),
        (HANDS_PHOTO, _("Photo of hands or work")),
        (QUOTE, _("First-person quote")),
    ]

    artisan = models.ForeignKey(Artisan, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=KINDS)
    granted = models.BooleanField(help_text=_("Granted (true) or withdrawn (false)."))
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Staff who recorded it; empty when the maker withdrew it herself on her own page (she has
    # no user account). Granting always needs staff, who note how it was asked.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    by_maker = models.BooleanField(_("by the maker herself"), default=False)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["artisan", "kind", "-recorded_at"])]
        constraints = [
            # Only a withdrawal can be hers alone; a grant is always recorded by staff.
            models.CheckConstraint(
                condition=models.Q(recorded_by__isnull=False)
                | models.Q(by_maker=True, granted=False),
                name="consent_grant_recorded_by_staff",
            ),
        ]

    def __str__(self):
        state = "granted" if self.granted else "withdrawn"
        return f"{self.get_kind_display()} {state} for {self.artisan}"


class ProductMaker(models.Model):
    """Who made a product: one maker for a one-off piece, one or more for a stocked product."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="product_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "artisan"], name="unique_product_maker")
        ]
        ordering = ["artisan__pseudonym"]

    def __str__(self):
        return f"{self.product_id} made by {self.artisan}"


class ProductionBatch(models.Model):
    """Pieces made at a shelter, recorded by its staff and checked by a second staffer."""

    DRAFT, RECORDED, STOCKED, REJECTED = "draft", "recorded", "stocked", "rejected"
    STATUSES = [
        (DRAFT, _("Draft")),
        (RECORDED, _("Waiting for quality check")),
        (STOCKED, _("Accepted and stocked")),
        (REJECTED, _("Rejected")),
    ]

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="batches")
    product = models.ForeignKey(
        "catalogue.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product_class = models.ForeignKey(
        "catalogue.ProductClass", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    made_on = models.DateField(_("date made"))
    piece_rate = models.DecimalField(
        _("piece rate (INR)"), max_digits=10, decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    # The shop price of each one-off piece; ignored for batches of an existing product.
    price = models.DecimalField(
        _("shop price per piece (INR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    # The shop's Bengali name for what was made: given to the product when the batch is
    # accepted (a one-off piece adds its maker's pseudonym and number, as the English does).
    title_bn = models.CharField(_("name in Bengali"), max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name_plural = _("production batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(piece_rate__gte=0), name="batch_piece_rate_not_negative"
            ),
        ]

    def __str__(self):
        return f"Batch #{self.pk}"

    @property
    def what(self):
        return self.product or self.product_class

    @property
    def total_pieces(self):
        return sum(line.pieces for line in self.lines.all())

    @property
    def accepted_pieces(self):
        return sum(line.accepted_pieces or 0 for line in self.lines.all())


class BatchLine(models.Model):
    """The pieces one maker made in a batch, and how many passed the quality check."""

    batch = models.ForeignKey(ProductionBatch, on_delete=models.CASCADE, related_name="lines")
    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="batch_lines")
    pieces = models.PositiveIntegerField(_("pieces"), validators=[MinValueValidator(1)])
    accepted_pieces = models.PositiveIntegerField(_("accepted pieces"), null=True, blank=True)
    reject_reason = models.CharField(_("reason for rejected pieces"), max_length=300, blank=True)

    class Meta:
        ordering = ["artisan__pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "artisan"], name="one_line_per_maker"),
            models.CheckConstraint(condition=models.Q(pieces__gt=0), name="batch_line_pieces_gt_0"),
            models.CheckConstraint(
                condition=models.Q(accepted_pieces__isnull=True)
                | models.Q(accepted_pieces__lte=models.F("pieces")),
                name="batch_line_accepted_lte_pieces",
            ),
        ]

    def __str__(self):
        return f"{self.pieces} by {self.artisan}"


class BatchPhoto(models.Model):
    """A photo of a batch taken at the shelter, stored only after clean_image stripped it.

    Kept in the private storage (artisans/storage.py): only staff of the batch's shelter see
    it, through the workshop's batch-photo view. Accepting a one-off batch copies photos into
    the products' (public) images.
    """

    batch = models.ForeignKey(ProductionBatch, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="workshop/batches/", storage=private_storage)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"Photo {self.position} of batch #{self.batch_id}"


class BatchProduct(models.Model):
    """A one-off product created from an accepted piece of a batch."""

    batch = models.ForeignKey(ProductionBatch, on_delete=models.PROTECT, related_name="pieces")
    product = models.OneToOneField("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    artisan = models.ForeignKey(Artisan, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Piece {self.product_id} of batch #{self.batch_id}"


class MakerSignInCode(models.Model):
    """A one-time code shelter staff give a maker to sign in on a phone (artisans.maker_auth).

    Only a keyed hash of the code is kept; this row is also the audit of who issued it and when.
    A code works once, for MAKER_CODE_MINUTES, and is locked after MAKER_CODE_MAX_TRIES wrong
    tries against it.
    """

    artisan = models.ForeignKey(Artisan, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    wrong_tries = models.PositiveSmallIntegerField(default=0)
    # Set when a newer code is issued, or staff cancel it.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("maker sign-in code")

    def __str__(self):
        return f"Sign-in code #{self.pk} for {self.artisan}"


class MakerDevice(models.Model):
    """A phone on which a maker set a PIN: the phone keeps a random token in a cookie, the
    shop keeps a hash of the token and a hash of her PIN. Several makers can share a phone."""

    artisan = models.ForeignKey(Artisan, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    pin_hash = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    wrong_pins = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("maker's phone PIN")

    def __str__(self):
        return f"Phone PIN #{self.pk} of {self.artisan}"
