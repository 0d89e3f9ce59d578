from django.contrib import admin

from forces.models import Force


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "short_name",
        "region",
        "country",
        "population",
        "households",
        "estimate_year",
        "active",
    )
    list_filter = ("country", "region", "active")
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("short_name",)}
