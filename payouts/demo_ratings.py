"""Demo ratings (issue 21): enough makers rated the kantha course to show its aggregate, too
few rated the micro-business course and the shelter's support, which then read "fewer than 5
responses"."""

from artisans.models import Artisan

from . import ratings
from .models import Programme
from .rating_models import ServiceRating

# (programme name, [(stars for the training, stars for the trainer, comment)]) per maker, in
# pseudonym order.
DEMO = {
    "Kantha embroidery course": [
        (5, 5, "I can price my own work now."), (4, 5, ""), (4, 4, "More practice days, please."),
        (5, 4, ""), (4, 5, "The teacher was patient with us."), (3, 4, ""),
    ],
    "Running a micro-business": [(4, 3, "Hard but useful."), (5, 4, "")],
}
SHELTER_SUPPORT = [4, 5, 3]


def load() -> None:
    makers = list(Artisan.objects.order_by("pseudonym"))
    if ServiceRating.objects.exists():
        return
    for name, rows in DEMO.items():
        programme = Programme.objects.filter(name=name).first()
        if programme is None:
            continue
        for maker, (training, trainer, comment) in zip(makers, rows, strict=False):
            ratings.rate(artisan=maker, occasion=f"programme:{programme.pk}",
                         stars={ServiceRating.TRAINING: training, ServiceRating.TRAINER: trainer},
                         comment=comment)
    for maker, stars in zip(makers, SHELTER_SUPPORT, strict=False):
        ratings.rate(artisan=maker, occasion=f"quarter:{ratings.quarter_of(_today())}",
                     stars={ServiceRating.SHELTER: stars})


def _today():
    from django.utils import timezone

    return timezone.localdate()
