"""Reads of the artisans app for other apps and for its own pages.

Object scoping is decided here (DESIGN.md section 6): shelter staff get only their own
shelters' makers and batches, whatever the template or URL asks for.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from oscar.core.loading import get_model

from . import roles
from .models import (
    Artisan,
    BatchLine,
    BatchPhoto,
    Consent,
    ProductionBatch,
    ProductMaker,
    Shelter,
    ShelterStaff,
)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")


def active_artisans():
    return Artisan.objects.filter(is_active=True).select_related("shelter")


# --- Shelter staff -----------------------------------------------------------------------------
def is_shelter_staff(user) -> bool:
    return roles.in_group(user, roles.SHELTER_STAFF) and ShelterStaff.objects.filter(
        user=user
    ).exists()


def shelters_for_staff(user):
    if not (user and user.is_authenticated):
        return Shelter.objects.none()
    return Shelter.objects.filter(staff__user=user).select_related("partner")


def makers_for_staff(user, shelter=None):
    """Active makers of the user's shelters (of one shelter when given), by pseudonym."""
    shelters = shelters_for_staff(user)
    if shelter is not None:
        shelters = shelters.filter(pk=shelter.pk)
    return Artisan.objects.filter(shelter__in=shelters, is_active=True).order_by("pseudonym")


def makers_for_shelter(shelter):
    return Artisan.objects.filter(shelter=shelter, is_active=True).order_by("pseudonym")


def batches_for_staff(user):
    return (
        ProductionBatch.objects.filter(shelter__in=shelters_for_staff(user))
        .select_related("shelter", "product", "product_class", "recorded_by", "checked_by")
        .prefetch_related("lines__artisan")
    )


def batch_photo_for_staff(user, batch_pk, photo_pk):
    """A photo of a batch of one of the user's shelters, or None: for shelter staff only (the
    recorder and the second staffer who checks it), never for anyone else, whatever the URL."""
    if not is_shelter_staff(user):
        return None
    return (
        BatchPhoto.objects.filter(
            pk=photo_pk, batch_id=batch_pk, batch__shelter__in=shelters_for_staff(user)
        )
        .select_related("batch")
        .first()
    )


def batchable_products():
    """What a batch can be of: the shop's stocked products and the one-off kinds."""
    products = Product.objects.filter(
        structure__in=["standalone", "child"], product_class__is_one_off=False
    ).order_by("title")
    classes = ProductClass.objects.filter(is_one_off=True).order_by("name")
    return products, classes


# --- Consent -----------------------------------------------------------------------------------
def consent_state(artisan) -> dict[str, bool]:
    """Which kinds of material the maker agrees to show now (newest event per kind)."""
    state = {kind: False for kind, _label in Consent.KINDS}
    seen = set()
    for kind, granted in (
        Consent.objects.filter(artisan=artisan).order_by("-recorded_at", "-id")
        .values_list("kind", "granted")
    ):
        if kind not in seen:
            seen.add(kind)
            state[kind] = granted
    return state


def _latest_consent(kind):
    return Subquery(
        Consent.objects.filter(artisan=OuterRef("pk"), kind=kind)
        .order_by("-recorded_at", "-id")
        .values("granted")[:1]
    )


def public_material(artisan) -> dict:
    """What the maker's public page and her products may show: only consented material."""
    state = consent_state(artisan)
    return {
        "story": artisan.story if state[Consent.STORY] else "",
        "quote": artisan.quote if state[Consent.QUOTE] else "",
        "hands_photo": artisan.hands_photo if state[Consent.HANDS_PHOTO] and artisan.hands_photo
        else None,
    }


# --- Public maker pages and "Made by" ----------------------------------------------------------
def public_makers():
    """Active makers, each with ``hands_photo_ok``: whether her photo of hands or work may be
    shown now (her newest consent of that kind; computed in the list's one query)."""
    return (
        Artisan.objects.filter(is_active=True)
        .annotate(hands_photo_ok=_latest_consent(Consent.HANDS_PHOTO))
        .order_by("pseudonym")
    )


def public_maker(slug: str):
    return public_makers().filter(slug=slug).select_related("shelter").first()


def products_of_maker(artisan):
    return (
        Product.objects.browsable()
        .filter(pk__in=ProductMaker.objects.filter(artisan=artisan).values("product"))
        .order_by("-date_created", "-id")
    )


def makers_by_product(products) -> dict[int, list]:
    """{product id: [Artisan, ...]} for many products in one query."""
    ids = [p.pk for p in products]
    result = defaultdict(list)
    if not ids:
        return result
    for link in (
        ProductMaker.objects.filter(product_id__in=ids, artisan__is_active=True)
        .select_related("artisan")
        .order_by("artisan__pseudonym")
    ):
        result[link.product_id].append(link.artisan)
    return result


def consenting_to_story(artisan_ids) -> set[int]:
    """The makers among these whose consent to their story stands now (one query)."""
    return set(
        Artisan.objects.filter(pk__in=list(artisan_ids))
        .annotate(story_ok=_latest_consent(Consent.STORY)).filter(story_ok=True)
        .values_list("pk", flat=True)
    )


def quotes_with_consent(artisans) -> dict[int, str]:
    """{artisan id: quote} for the makers whose quote may be shown now (one query)."""
    rows = (
        Artisan.objects.filter(pk__in=[a.pk for a in artisans])
        .exclude(quote="")
        .annotate(quote_ok=_latest_consent(Consent.QUOTE))
        .filter(quote_ok=True)
        .values_list("pk", "quote")
    )
    return dict(rows)


# --- Dashboard figures -------------------------------------------------------------------------
def batches_for_dashboard(*, shelter=None, artisan=None, status=None):
    """Batches, newest first, with their pieces and makers. Each figure is a subquery, worked
    out for the page's 50 rows only; a join with GROUP BY summed every batch of the year
    before the page was cut, and its count did the same."""
    lines = BatchLine.objects.filter(batch=OuterRef("pk")).order_by().values("batch")
    batches = ProductionBatch.objects.select_related(
        "shelter", "product", "product_class", "recorded_by", "checked_by"
    ).annotate(
        pieces_made=Subquery(lines.annotate(s=Sum("pieces")).values("s")),
        pieces_accepted=Subquery(lines.annotate(s=Sum("accepted_pieces")).values("s")),
        maker_count=Coalesce(Subquery(lines.annotate(n=Count("id")).values("n")), 0),
    )
    if shelter is not None:
        batches = batches.filter(shelter=shelter)
    if artisan is not None:
        batches = batches.filter(
            pk__in=BatchLine.objects.filter(artisan=artisan).values("batch")
        )
    if status:
        batches = batches.filter(status=status)
    return batches.order_by("-made_on", "-id")


def months_back(months: int = 12) -> datetime.date:
    """The first day of the month ``months - 1`` months before this one: 12 is the last twelve
    months, this one included (the production page's year)."""
    today = datetime.date.today()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


def pieces_per_month(*, shelter=None, months: int = 12):
    """[(month, shelter label, pieces made, pieces accepted)] over the last `months` months."""
    lines = BatchLine.objects.filter(batch__made_on__gte=months_back(months)).exclude(
        batch__status=ProductionBatch.DRAFT
    )
    if shelter is not None:
        lines = lines.filter(batch__shelter=shelter)
    return list(
        lines.annotate(month=TruncMonth("batch__made_on"))
        .values("month", "batch__shelter__public_label")
        .annotate(made=Sum("pieces"), accepted=Sum("accepted_pieces"))
        .order_by("-month", "batch__shelter__public_label")
    )


def production_totals(*, since: datetime.date) -> dict:
    """The totals since a date (drafts left out), summed by the database in one query:
    {"batches", "makers", "made", "accepted"}."""
    totals = BatchLine.objects.filter(batch__made_on__gte=since).exclude(
        batch__status=ProductionBatch.DRAFT
    ).aggregate(
        batches=Count("batch", distinct=True), makers=Count("artisan", distinct=True),
        made=Sum("pieces"), accepted=Sum("accepted_pieces"),
    )
    return {key: value or 0 for key, value in totals.items()}


def pieces_per_maker(*, since: datetime.date | None = None):
    """Per maker (pseudonym): batches, pieces made and accepted since a date (all time if None).
    A queryset of rows, summed by the database, for the page to paginate (LIMIT/OFFSET)."""
    lines = BatchLine.objects.exclude(batch__status=ProductionBatch.DRAFT)
    if since is not None:
        lines = lines.filter(batch__made_on__gte=since)
    return (
        lines.values("artisan__pseudonym", "artisan__shelter__public_label", "artisan_id")
        .annotate(
            batches=Count("batch", distinct=True), made=Sum("pieces"),
            accepted=Sum("accepted_pieces"),
        )
        .order_by("artisan__shelter__public_label", "artisan__pseudonym")
    )


def capacity_per_week(*, weeks: int = 8):
    """Per shelter: recorded weekly capacity and pieces accepted in each of the last weeks.

    [{"shelter": Shelter, "capacity": int, "weeks": [(monday, accepted), ...],
      "average": float}], newest week first. Bulk-order lead times are computed from these.
    """
    today = datetime.date.today()
    this_monday = today - datetime.timedelta(days=today.weekday())
    mondays = [this_monday - datetime.timedelta(weeks=n) for n in range(weeks)]
    rows = (
        BatchLine.objects.filter(
            batch__status=ProductionBatch.STOCKED, batch__made_on__gte=mondays[-1]
        )
        .annotate(week=TruncWeek("batch__made_on"))
        .values("week", "batch__shelter")
        .annotate(accepted=Sum("accepted_pieces"))
    )
    per = defaultdict(int)
    for row in rows:
        week = row["week"]
        week = week.date() if isinstance(week, datetime.datetime) else week
        per[(row["batch__shelter"], week)] += row["accepted"] or 0
    result = []
    for shelter in Shelter.objects.order_by("public_label"):
        counts = [(monday, per[(shelter.pk, monday)]) for monday in mondays]
        result.append({
            "shelter": shelter,
            "capacity": shelter.weekly_capacity,
            "weeks": counts,
            "average": sum(c for _m, c in counts) / len(counts),
        })
    return result


def weekly_capacity(shelter) -> int:
    """The recorded capacity of a shelter in pieces a week (for bulk-order lead times)."""
    return shelter.weekly_capacity


def capacity_by_product(product_ids) -> dict[int, dict[int, int]]:
    """{product id: {shelter id: recorded pieces a week}} for the shelters whose active makers
    make each product (one query): bulk-order lead times for pieces that must still be made.
    Shelter ids only, never their addresses."""
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for product_id, shelter_id, capacity in (
        ProductMaker.objects.filter(product_id__in=list(product_ids), artisan__is_active=True)
        .values_list("product_id", "artisan__shelter_id", "artisan__shelter__weekly_capacity")
        .distinct()
    ):
        result[product_id][shelter_id] = capacity or 0
    return dict(result)


# --- For the ledger (payouts) ------------------------------------------------------------------
def maker_ids_by_product(product_ids) -> dict[int, list[int]]:
    """{product id: [artisan id, ...]} for every linked maker, active or not (one query): the
    ledger pays a maker her sales share even after she stopped making."""
    result = defaultdict(list)
    for product_id, artisan_id in (
        ProductMaker.objects.filter(product_id__in=list(product_ids))
        .order_by("product_id", "artisan_id").values_list("product_id", "artisan_id")
    ):
        result[product_id].append(artisan_id)
    return result


def one_off_pieces(product_ids) -> dict[int, tuple[int, object]]:
    """{product id: (artisan id, piece rate in INR)} for the one-off pieces among the products
    (one query)."""
    from .models import BatchProduct

    return {
        product_id: (artisan_id, rate)
        for product_id, artisan_id, rate in BatchProduct.objects.filter(
            product_id__in=list(product_ids)
        ).values_list("product_id", "artisan_id", "batch__piece_rate")
    }


def accepted_pieces_of_batch(batch) -> list[tuple[int, int]]:
    """[(artisan id, accepted pieces)] of a checked batch, makers with none left out."""
    return list(
        BatchLine.objects.filter(batch=batch, accepted_pieces__gt=0)
        .order_by("artisan_id").values_list("artisan_id", "accepted_pieces")
    )


def accepted_pieces_by_maker(*, start, end, artisan_ids=None) -> dict[int, int]:
    """{artisan id: pieces accepted in batches checked in [start, end)} (one query)."""
    qs = BatchLine.objects.filter(
        batch__checked_at__gte=start, batch__checked_at__lt=end, accepted_pieces__gt=0
    )
    if artisan_ids is not None:
        qs = qs.filter(artisan_id__in=list(artisan_ids))
    return dict(qs.values_list("artisan_id").annotate(n=Sum("accepted_pieces")).order_by())


def accepted_pieces_in_batches_by_maker(artisan_ids, batch_ids) -> dict[tuple[int, int], int]:
    """{(artisan id, batch id): her pieces accepted in it}, for the lines of the statements of
    many makers at once (one query, a maker's own statement or a month's batch)."""
    rows = (
        BatchLine.objects.filter(artisan_id__in=list(artisan_ids), batch_id__in=list(batch_ids),
                                 accepted_pieces__gt=0)
        .values_list("artisan_id", "batch_id").annotate(n=Sum("accepted_pieces")).order_by()
    )
    return {(a, b): n for a, b, n in rows}


def artisans_by_id(ids) -> dict[int, Artisan]:
    return {a.pk: a for a in Artisan.objects.filter(pk__in=list(ids)).select_related("shelter")}


# --- A maker's own page (issue 21) -------------------------------------------------------------
def batches_of_maker(artisan, limit: int = 12) -> list[dict]:
    """Her own lines in the newest batches: [{"made_on", "what", "pieces", "accepted",
    "status"}]. Her pieces only, never the other makers' of the same batch."""
    rows = []
    for line in (
        BatchLine.objects.filter(artisan=artisan).exclude(batch__status=ProductionBatch.DRAFT)
        .select_related("batch__product", "batch__product_class")
        .order_by("-batch__made_on", "-batch_id")[:limit]
    ):
        batch = line.batch
        what = batch.product.title if batch.product_id else (
            batch.product_class.name if batch.product_class_id else "")
        rows.append({"made_on": batch.made_on, "what": what, "pieces": line.pieces,
                     "accepted": line.accepted_pieces, "status": batch.status})
    return rows
