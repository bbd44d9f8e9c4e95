"""Makers' ratings of the services they receive (issue 21), kept without any link to her.

A rating says what was rated (a training programme, its trainer, the shelter's support, a
payment's timeliness), the quarter, 1-5 stars and an optional comment: no artisan, no payout
line, no time of day. ``dedupe`` is a keyed one-way hash (payouts.ratings) of her id and the
occasion, so she rates each occasion once, and nobody without the key can tell whose it is.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ServiceRating(models.Model):
    TRAINING, TRAINER, SHELTER, PAYOUT = "training", "trainer", "shelter", "payout"
    SUBJECTS = [
        (TRAINING, _("Training session")),
        (TRAINER, _("Trainer")),
        (SHELTER, _("Shelter support")),
        (PAYOUT, _("Payment on time")),
    ]

    subject = models.CharField(max_length=10, choices=SUBJECTS, db_index=True)
    programme = models.ForeignKey(
        "payouts.Programme", null=True, blank=True, on_delete=models.PROTECT,
        related_name="ratings",
    )
    quarter = models.CharField(max_length=7, help_text="e.g. 2026Q4")
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True, max_length=1000)
    dedupe = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        # No order by id on any page: the order of rows would hint at who rated when.
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5),
                                   name="service_rating_stars_1_to_5"),
            models.CheckConstraint(
                condition=Q(subject__in=["training", "trainer"], programme__isnull=False)
                | (Q(subject__in=["shelter", "payout"]) & Q(programme__isnull=True)),
                name="service_rating_programme_for_training_only",
            ),
        ]

    def __str__(self):
        return f"{self.get_subject_display()} rating, {self.quarter}"
