"""Makers rate the services they receive (issue 21): writes and the only reads there are.

She rates an occasion: a training programme (the training and its trainer), a payment made to
her (was it on time?) or, once a quarter, the shelter's support. A rating is stored without her
(rating_models.ServiceRating): the one thing that ties it to her is ``dedupe``, an HMAC of her
id and the occasion under a key derived from SECRET_KEY, which lets her rate each occasion once.

Reads are aggregates only, and none per maker: a count and an average per thing rated, and the
written comments only when MIN_PEOPLE (5) or more people rated that thing (privacy rule 4, as in
the CSR report); with fewer, neither the average nor the comments are shown, only "fewer than 5
responses".
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Disbursement, Programme
from .rating_models import ServiceRating

MIN_PEOPLE = 5
# A payment can be rated for this long after it was made.
PAYOUT_RATING_DAYS = 120
MAX_COMMENT = 1000


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def _dedupe(artisan_id: int, occasion: str) -> str:
    key = f"haat-service-ratings:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{artisan_id}|{occasion}".encode(), hashlib.sha256).hexdigest()


# --- What she can rate now ---------------------------------------------------------------------
def occasions_for(artisan, today: datetime.date | None = None) -> list[dict]:
    """What she may rate now, each {"occasion", "kind", "subjects", "programme", "on", "rated"}:
    every training programme of the fund, each payment made to her in the last
    PAYOUT_RATING_DAYS days, and the shelter's support this quarter."""
    today = today or timezone.localdate()
    quarter = quarter_of(today)
    items = []
    for programme in Programme.objects.order_by("name"):
        items.append({"occasion": f"programme:{programme.pk}", "kind": "training",
                      "subjects": [ServiceRating.TRAINING, ServiceRating.TRAINER],
                      "programme": programme, "on": None})
    paid = (
        Disbursement.objects.filter(
            line__artisan=artisan, paid_on__gte=today - datetime.timedelta(days=PAYOUT_RATING_DAYS))
        .exclude(line__bank_outcome__status__in=["failed", "returned"])
        .order_by("-paid_on").values_list("line_id", "paid_on")
    )
    for line_id, paid_on in paid:
        items.append({"occasion": f"payout-line:{line_id}", "kind": "payout",
                      "subjects": [ServiceRating.PAYOUT], "programme": None, "on": paid_on})
    items.append({"occasion": f"quarter:{quarter}", "kind": "shelter",
                  "subjects": [ServiceRating.SHELTER], "programme": None, "on": None})
    rated = set(ServiceRating.objects.filter(
        dedupe__in=[_dedupe(artisan.pk, f"{i['occasion']}|{s}") for i in items
                    for s in i["subjects"]]).values_list("dedupe", flat=True))
    for item in items:
        item["rated"] = all(_dedupe(artisan.pk, f"{item['occasion']}|{s}") in rated
                            for s in item["subjects"])
    return items


def find_occasion(artisan, occasion: str, today=None) -> dict | None:
    return next((i for i in occasions_for(artisan, today) if i["occasion"] == occasion), None)


@transaction.atomic
def rate(*, artisan, occasion: str, stars: dict, comment: str = "", today=None) -> int:
    """Store her ratings of one occasion: ``stars`` maps subject -> 1..5 (a subject left out is
    not rated). Returns how many were stored; a subject she rated already is refused."""
    item = find_occasion(artisan, occasion, today)
    if item is None:
        raise ValidationError(_("This cannot be rated."), code="occasion")
    comment = " ".join((comment or "").split())[:MAX_COMMENT]
    quarter = quarter_of(today or timezone.localdate())
    stored = 0
    for subject in item["subjects"]:
        value = stars.get(subject)
        if value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Choose from 1 to 5."), code="stars") from None
        if not 1 <= value <= 5:
            raise ValidationError(_("Choose from 1 to 5."), code="stars")
        try:
            with transaction.atomic():
                ServiceRating.objects.create(
                    subject=subject, programme=item["programme"], quarter=quarter, stars=value,
                    # The comment goes with the first thing rated only, not copied.
                    comment=comment if stored == 0 else "",
                    dedupe=_dedupe(artisan.pk, f"{occasion}|{subject}"),
                )
        except IntegrityError:
            raise ValidationError(_("You have rated this already. Thank you."),
                                  code="rated") from None
        stored += 1
    if not stored:
        raise ValidationError(_("Choose from 1 to 5."), code="stars")
    return stored


# --- Aggregates (k >= 5) -----------------------------------------------------------------------
def _shape(n: int, avg, comments) -> dict:
    shown = n >= MIN_PEOPLE
    average = (Decimal(str(avg)).quantize(Decimal("0.1"), ROUND_HALF_UP)
               if shown and avg is not None else None)
    # Shuffled by their text, not in the order they came in.
    return {"responses": n if shown else None, "fewer": 0 < n < MIN_PEOPLE, "none": n == 0,
            "average": average, "comments": sorted(comments) if shown else [], "shown": shown}


def _summary(qs) -> dict:
    agg = qs.aggregate(n=Count("id"), avg=Avg("stars"))
    n = agg["n"] or 0
    comments = (qs.exclude(comment="").values_list("comment", flat=True)
                if n >= MIN_PEOPLE else [])
    return _shape(n, agg["avg"], comments)


def _summaries(qs, keys: tuple[str, ...]) -> dict[tuple, dict]:
    """The summary of every group of ``keys`` (e.g. subject and programme) in two queries
    whatever the number of ratings or programmes: one count and average per group, and the
    comments of the groups with 5 or more responses (the only ones shown)."""
    groups = {tuple(row[k] for k in keys): row
              for row in qs.values(*keys).annotate(n=Count("id"), avg=Avg("stars")).order_by()}
    shown = {key for key, row in groups.items() if row["n"] >= MIN_PEOPLE}
    comments: dict[tuple, list[str]] = {key: [] for key in shown}
    # Asked even when no group is shown yet, so the page's queries do not change with the data.
    for *key, comment in qs.exclude(comment="").values_list(*keys, "comment").order_by():
        if tuple(key) in shown:
            comments[tuple(key)].append(comment)
    return {key: _shape(row["n"], row["avg"], comments.get(key, []))
            for key, row in groups.items()}


def summary(subject: str, *, programme=None, programmes=None, since=None, until=None) -> dict:
    """{"responses", "average" (one decimal), "comments", "shown", "fewer", "none"} for one
    subject (of one programme, or of several); average and comments only with 5 or more."""
    qs = ServiceRating.objects.filter(subject=subject)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if programmes is not None:
        qs = qs.filter(programme__in=list(programmes))
    if since is not None:
        qs = qs.filter(quarter__gte=quarter_of(since))
    if until is not None:
        qs = qs.filter(quarter__lte=quarter_of(until))
    return _summary(qs)


def programme_summaries() -> list[dict]:
    """Every programme with its training and trainer summaries (finance's fund page): three
    queries however many programmes and ratings."""
    groups = _summaries(ServiceRating.objects.filter(
        subject__in=[ServiceRating.TRAINING, ServiceRating.TRAINER]), ("subject", "programme_id"))
    none = _shape(0, None, [])
    return [{"programme": p, "training": groups.get((ServiceRating.TRAINING, p.pk), none),
             "trainer": groups.get((ServiceRating.TRAINER, p.pk), none)}
            for p in Programme.objects.order_by("name")]


def service_summaries() -> list[dict]:
    """The shelter's support and payments on time, over all makers (two queries)."""
    labels = dict(ServiceRating.SUBJECTS)
    subjects = (ServiceRating.SHELTER, ServiceRating.PAYOUT)
    groups = _summaries(ServiceRating.objects.filter(subject__in=subjects), ("subject",))
    return [{"subject": s, "label": labels[s], **groups.get((s,), _shape(0, None, []))}
            for s in subjects]


def training_rating(programme_ids, start: datetime.date, end: datetime.date) -> dict:
    """How trainees rated the training of these programmes (a CSR report's programmes funded in
    the period), rated in the quarters of the period."""
    return summary(ServiceRating.TRAINING, programmes=programme_ids, since=start, until=end)


__all__ = ["MIN_PEOPLE", "occasions_for", "rate", "summary", "programme_summaries",
           "service_summaries", "training_rating", "quarter_of"]
