from django.contrib import admin

from .models import Artisan, Shelter


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
