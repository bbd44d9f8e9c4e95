"""Stripe events in the Django admin, read-only: staff find the flagged ones ("Unknown
payment": signed by Stripe but about a payment the shop never made) with the filter."""

from django.contrib import admin
from oscar.core.loading import get_model

StripeEvent = get_model("checkout", "StripeEvent")


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "intent_id", "received_at", "processed_at",
                    "unknown_intent")
    list_filter = ("unknown_intent", "type")
    search_fields = ("event_id", "intent_id")
    # The body may carry a buyer's name, email or address: not shown, only the ids.
    fields = ("event_id", "type", "intent_id", "received_at", "processed_at", "unknown_intent",
              "error")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
