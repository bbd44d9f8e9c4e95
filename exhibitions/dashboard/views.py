"""Organisers' pages for exhibitions in Oscar's dashboard: events with their staff and
concessions, stock transfers to the event and back, QR labels, days and the sales report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from .. import selectors, transfers
from ..forms import ConcessionForm, EventForm, StaffForm
from ..models import Concession, Event, EventStaff, StockTransfer
from ..views import qr_svg

StockRecord = get_model("partner", "StockRecord")


class OrganiserMixin:
    def dispatch(self, request, *args, **kwargs):
        if not selectors.is_organiser(request.user):
            raise PermissionDenied(_("Exhibition organisers only."))
        return super().dispatch(request, *args, **kwargs)


def _errors(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


class EventListView(OrganiserMixin, View):
    def get(self, request):
        return render(request, "exhibitions/dashboard/event_list.html",
                      {"events": Event.objects.all()[:100]})


class EventEditView(OrganiserMixin, View):
    def get(self, request, pk=None, form=None):
        event = get_object_or_404(Event, pk=pk) if pk else None
        form = form or EventForm(instance=event)
        return render(request, "exhibitions/dashboard/event_form.html",
                      {"form": form, "event": event}, status=400 if form.errors else 200)

    def post(self, request, pk=None):
        event = get_object_or_404(Event, pk=pk) if pk else None
        form = EventForm(request.POST, instance=event)
        if not form.is_valid():
            return self.get(request, pk, form)
        event = form.save()
        messages.success(request, _("Event saved."))
        return redirect("exhibitions-dashboard:event-detail", pk=event.pk)


class EventDetailView(OrganiserMixin, View):
    def get(self, request, pk, concession_form=None, staff_form=None, status=200):
        event = get_object_or_404(Event, pk=pk)
        return render(request, "exhibitions/dashboard/event_detail.html", {
            "event": event,
            "held": selectors.held_stock(event),
            "transfers": event.transfers.select_related("created_by")
                              .prefetch_related("lines__product")[:50],
            "days": selectors.days_of(event),
            "staff": event.staff.select_related("user"),
            "concessions": event.concessions.all(),
            "concession_form": concession_form or ConcessionForm(),
            "staff_form": staff_form or StaffForm(),
        }, status=status)

    def post(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        action = request.POST.get("action")
        if action == "concession":
            form = ConcessionForm(request.POST)
            if not form.is_valid():
                return self.get(request, pk, concession_form=form, status=400)
            form.instance.event = event
            form.save()
            messages.success(request, _("Concession added."))
        elif action == "concession-toggle":
            Concession.objects.filter(event=event, pk=request.POST.get("concession")).update(
                is_active=~F("is_active"))
        elif action == "staff":
            form = StaffForm(request.POST)
            if not form.is_valid():
                return self.get(request, pk, staff_form=form, status=400)
            EventStaff.objects.update_or_create(
                event=event, user=form.user,
                defaults={"is_manager": form.cleaned_data["is_manager"]})
            messages.success(request, _("Staff member added."))
        elif action == "staff-remove":
            EventStaff.objects.filter(event=event, pk=request.POST.get("staff")).delete()
        return redirect("exhibitions-dashboard:event-detail", pk=event.pk)


class TransferView(OrganiserMixin, View):
    """To the event: every public product's stock record with pieces free to go. Back: what
    the event holds."""

    def rows(self, event, direction):
        if direction == StockTransfer.TO_EVENT:
            records = (
                StockRecord.objects.filter(product__is_public=True, num_in_stock__gt=0)
                .select_related("product", "partner").order_by("product__title", "pk")
            )
            return [
                {"id": r.pk, "title": r.product.title, "upc": r.product.upc,
                 "partner": r.partner.name,
                 "available": (r.num_in_stock or 0) - (r.num_allocated or 0)}
                for r in records
            ]
        return [
            {"id": h.stockrecord_id, "title": h.product.title, "upc": h.product.upc,
             "partner": h.stockrecord.partner.name, "available": h.quantity}
            for h in selectors.held_stock(event) if h.quantity
        ]

    def get(self, request, pk, direction, status=200, values=None):
        event = get_object_or_404(Event, pk=pk)
        if direction not in (StockTransfer.TO_EVENT, StockTransfer.BACK):
            raise PermissionDenied
        rows = self.rows(event, direction)
        for row in rows:
            row["value"] = (values or {}).get(row["id"], "")
        return render(request, "exhibitions/dashboard/transfer.html", {
            "event": event, "direction": direction, "rows": rows,
            "to_event": direction == StockTransfer.TO_EVENT,
        }, status=status)

    def post(self, request, pk, direction):
        event = get_object_or_404(Event, pk=pk)
        values, lines = {}, []
        for key, value in request.POST.items():
            if key.startswith("qty-") and value.strip():
                try:
                    record_id = int(key[4:])
                except ValueError:
                    continue
                values[record_id] = value
                lines.append((record_id, value.strip()))
        service = (transfers.transfer_to_event if direction == StockTransfer.TO_EVENT
                   else transfers.return_from_event)
        try:
            transfer = service(event=event, user=request.user, lines=lines,
                               note=request.POST.get("note", ""))
        except ValidationError as exc:
            _errors(request, exc)
            return self.get(request, pk, direction, status=400, values=values)
        messages.success(request, _("Transfer #%(n)s recorded.") % {"n": transfer.pk})
        return redirect("exhibitions-dashboard:event-detail", pk=event.pk)


class LabelsView(OrganiserMixin, View):
    """Printable labels, one per piece held at the event, each with a QR code of the product's
    code that the point of sale's scanner (or search box) reads."""

    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        labels = []
        for held in selectors.held_stock(event):
            if not held.quantity:
                continue
            code = held.product.upc or f"HAAT-P{held.product_id}"
            svg = qr_svg(code).decode()
            labels += [{"held": held, "code": code, "svg": svg}] * held.quantity
        return render(request, "exhibitions/dashboard/labels.html",
                      {"event": event, "labels": labels})


class ReportView(OrganiserMixin, View):
    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        return render(request, "exhibitions/dashboard/report.html",
                      {"event": event, "report": selectors.sales_report(event),
                       "days": selectors.days_of(event)})
