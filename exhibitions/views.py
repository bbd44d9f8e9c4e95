"""The phone point of sale at /workshop/events/<id>/sell/, its JSON endpoint, UPI QR codes,
receipts and the close of a day. Same area and look as the shelter staff's workshop."""

import json
from functools import wraps
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from catalogue.money import rupees
from commerce import payments

from . import reconciliation, sales, selectors
from .models import EventDay, EventSale


def event_staff_required(view):
    """Signed-in staff of the event in the URL (organisers: any event); others get a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if "pk" in kwargs:
            request.event = selectors.event_for_staff(request.user, kwargs["pk"])
        elif not selectors.is_event_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def _messages(exc):
    return getattr(exc, "messages", None) or [str(exc)]


def upi_uri(amount_paise=None, reference=""):
    """The UPI deep link a payer's app reads: the organisation's VPA and name, the amount in
    rupees (none: the payer types it) and the sale's reference as the note."""
    parts = [
        f"pa={quote(settings.EXHIBITIONS_UPI_VPA, safe='@.')}",
        f"pn={quote(settings.EXHIBITIONS_UPI_PAYEE)}",
    ]
    if amount_paise:
        parts.append(f"am={rupees(amount_paise)}")
    parts.append("cu=INR")
    if reference:
        parts.append(f"tn={quote(reference)}")
    return "upi://pay?" + "&".join(parts)


def qr_svg(data) -> bytes:
    import io

    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False,
                                     svgns=True, dark="#1b2a44")
    return out.getvalue()


@event_staff_required
def event_list(request):
    events = selectors.events_for_staff(request.user).filter(closed_at__isnull=True)
    return render(request, "exhibitions/pos/event_list.html", {"events": events})


@event_staff_required
def sell(request, pk):
    event = request.event
    today = timezone.localdate()
    day = selectors.open_day(event, today)
    sales = list(selectors.sales_of_day(day)[:50]) if day else []
    return render(request, "exhibitions/pos/sell.html", {
        "event": event,
        "today": today,
        "selling_today": event.starts_on <= today <= event.ends_on and not event.is_closed,
        "stock": [h for h in selectors.held_stock(event) if h.stockrecord.price is not None],
        "concessions": event.concessions.filter(is_active=True),
        "sales": sales,
        "day": day,
        "may_close": selectors.may_close_days(request.user, event),
        "vpa": settings.EXHIBITIONS_UPI_VPA,
        "payee": settings.EXHIBITIONS_UPI_PAYEE,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_flavour": settings.STRIPE_JS_FLAVOUR,
    })


def _sale_json(request, sale, created):
    data = {
        "id": str(sale.pk),
        "reference": sale.reference,
        "status": sale.status,
        "method": sale.method,
        "created": created,
        "total_paise": sale.total_paise,
        "total": str(rupees(sale.total_paise)),
        "message": sale.message,
    }
    if sale.status == EventSale.PAID:
        data["receipt_url"] = reverse("exhibitions:receipt", kwargs={"sale": sale.pk})
        data["share_url"] = request.build_absolute_uri(
            reverse("exhibitions:public-receipt", kwargs={"token": sales.receipt_token(sale)})
        )
        data["email_url"] = reverse("exhibitions:receipt-email", kwargs={"sale": sale.pk})
    return data


@require_POST
@event_staff_required
def sale_api(request, pk):
    """Record one sale sent by the phone (JSON). 201: recorded now; 200: it was recorded
    before (a resend) and this is the first answer; 400: refused, nothing changed."""
    try:
        body = json.loads(request.body.decode("utf-8"))
        if not isinstance(body, dict):
            raise ValueError
        lines = [(line["product"], line["quantity"]) for line in body.get("lines") or []]
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        return JsonResponse({"error": _("The sale could not be read.")}, status=400)
    try:
        sale, created = sales.record_sale(
            event=request.event, user=request.user, sale_id=body.get("id"),
            made_at=body.get("made_at"), method=body.get("method"), lines=lines,
            concession_id=body.get("concession"), percent=body.get("percent"),
            reason=str(body.get("reason") or ""), expected_total_paise=body.get("total_paise"),
            payment_method=str(body.get("payment_method") or ""),
        )
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(_messages(exc))}, status=400)
    except payments.PaymentError:
        return JsonResponse({"error": _("The card payment could not be taken.")}, status=502)
    return JsonResponse(_sale_json(request, sale, created), status=201 if created else 200)


@require_GET
@event_staff_required
def upi_qr(request, pk):
    """The UPI QR code for an amount (paise) and a sale reference; without an amount, the VPA
    alone (the page loads that one while online, for use when the network drops)."""
    amount = request.GET.get("amount", "")
    reference = request.GET.get("ref", "")[:40]
    try:
        amount_paise = int(amount) if amount else None
    except ValueError:
        raise Http404 from None
    if amount_paise is not None and not 0 < amount_paise <= 10_000_000:
        raise Http404
    response = HttpResponse(qr_svg(upi_uri(amount_paise, reference)),
                            content_type="image/svg+xml")
    if amount_paise is None:
        response["Cache-Control"] = "private, max-age=86400"
    return response


def _staff_sale(request, sale_id):
    sale = get_object_or_404(
        EventSale.objects.select_related("event", "concession", "sold_by")
        .prefetch_related("lines"), pk=sale_id, status=EventSale.PAID,
    )
    selectors.event_for_staff(request.user, sale.event_id)
    return sale


@event_staff_required
def receipt(request, sale):
    sale = _staff_sale(request, sale)
    return render(request, "exhibitions/pos/receipt.html", {
        "sale": sale, "for_staff": True,
        "share_url": request.build_absolute_uri(
            reverse("exhibitions:public-receipt", kwargs={"token": sales.receipt_token(sale)})),
    })


@require_POST
@event_staff_required
def receipt_email(request, sale):
    """Email the buyer a link to the receipt. The address is used once and not kept."""
    sale = _staff_sale(request, sale)
    email = (request.POST.get("email") or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        messages.error(request, _("That is not an email address."))
        return redirect("exhibitions:receipt", sale=sale.pk)
    link = request.build_absolute_uri(
        reverse("exhibitions:public-receipt", kwargs={"token": sales.receipt_token(sale)}))
    send_mail(
        _("Your receipt from Haat (%(ref)s)") % {"ref": sale.reference},
        _("Thank you for buying from Haat at %(event)s.\n\nYour receipt: %(link)s\n")
        % {"event": sale.event.name, "link": link},
        None, [email],
    )
    messages.success(request, _("The receipt link was sent."))
    return redirect("exhibitions:receipt", sale=sale.pk)


@never_cache
def public_receipt(request, token):
    """The buyer's receipt, by the signed link staff sent (no sign-in)."""
    sale = sales.sale_from_receipt_token(token)
    if sale is None:
        raise Http404
    return render(request, "exhibitions/pos/receipt.html", {"sale": sale, "for_staff": False})


@event_staff_required
def close_day(request, pk, date):
    event = request.event
    day_date = parse_date(date)
    if day_date is None:
        raise Http404
    if not selectors.may_close_days(request.user, event):
        raise Http404
    day = get_object_or_404(EventDay, event=event, date=day_date)
    errors = []
    values = {}
    if request.method == "POST" and not day.is_closed:
        values = {k: request.POST.get(k, "") for k in ("cash", "upi", "reason")}
        try:
            cash = reconciliation.parse_rupees(values["cash"], _("Cash counted"))
        except ValidationError as exc:
            errors += _messages(exc)
        try:
            upi = reconciliation.parse_rupees(values["upi"], _("UPI received"))
        except ValidationError as exc:
            errors += _messages(exc)
        if not errors:
            try:
                reconciliation.close_day(day=day, user=request.user, counted_cash_paise=cash,
                                         counted_upi_paise=upi, reason=values["reason"])
            except ValidationError as exc:
                errors += _messages(exc)
            else:
                messages.success(request, _("The day is closed and its sales are in the books."))
                return redirect("exhibitions:close-day", pk=event.pk, date=day.date.isoformat())
    elif request.method == "POST":
        errors.append(_("%(d)s was closed already.") % {"d": day.date})
    day.refresh_from_db()
    return render(request, "exhibitions/pos/close_day.html", {
        "event": event, "day": day, "takings": selectors.takings(day), "errors": errors,
        "values": values, "sales": selectors.sales_of_day(day),
    }, status=400 if errors else 200)


@require_GET
def service_worker(request):
    """The point of sale's service worker, served from /workshop/events/ so that its scope
    covers the sale pages: it keeps the page shell so the POS opens with no network."""
    from django.contrib.staticfiles import finders

    path = finders.find("exhibitions/pos-sw.js")
    with open(path, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/javascript")
    response["Service-Worker-Allowed"] = reverse("exhibitions:index")
    response["Cache-Control"] = "no-cache"
    return response
