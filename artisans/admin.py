"""Django admin (superusers). The identity vault is deliberately not here: custodians use its
own audited page (artisans.dashboard), and nothing here lists, searches or exports a vault value.
"""

from django.contrib import admin

from .models import (
    Artisan,
    BatchLine,
    Consent,
    IdentityAccessLog,
    ProductionBatch,
    Shelter,
    ShelterStaff,
)


@admin.register(Shelter)
class ShelterAdmin(admin.ModelAdmin):
    # The private address is deliberately not listed or searchable.
    list_display = ("public_label", "weekly_capacity")
    fields = ("public_label", "partner", "private_address", "weekly_capacity")


@admin.register(Artisan)
class ArtisanAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "shelter", "craft", "is_active", "joined_on")
    list_filter = ("shelter", "is_active")
    search_fields = ("pseudonym",)
    prepopulated_fields = {"slug": ("pseudonym",)}


@admin.register(ShelterStaff)
class ShelterStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "shelter")
    list_filter = ("shelter",)
    raw_id_fields = ("user",)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("artisan", "kind", "granted", "recorded_at", "recorded_by")
    list_filter = ("kind", "granted")
    fields = ("artisan", "kind", "granted", "note")
    readonly_fields = ("recorded_at",)

    def save_model(self, request, obj, form, change):
        # Consent is a history: who recorded it is whoever is signed in.
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class BatchLineInline(admin.TabularInline):
    model = BatchLine
    extra = 0


@admin.register(ProductionBatch)
class ProductionBatchAdmin(admin.ModelAdmin):
    list_display = ("__str__", "shelter", "made_on", "status", "piece_rate")
    list_filter = ("shelter", "status")
    inlines = [BatchLineInline]
    raw_id_fields = ("recorded_by", "checked_by", "product")


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(admin.ModelAdmin):
    """The vault's audit log, for admins to read: who opened which maker's record, when and why
    (no vault value is in it). Append-only: nobody adds, edits or deletes a row here."""

    list_display = ("at", "user", "action", "artisan", "reason")
    list_filter = ("action",)
    date_hierarchy = "at"
    list_select_related = ("user", "artisan")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
