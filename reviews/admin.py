"""Admin: admins maintain each programme's default sample design; an inspection's sample records are
shown read-only, because they change only through the services that keep a draw reproducible."""

from django.contrib import admin

from reviews.models import (
    CaseFile,
    CrimeListImport,
    DesignTemplate,
    DoubleReviewSelection,
    Review,
    SampleDraw,
    Stratum,
    StratumTemplate,
)


class StratumTemplateInline(admin.TabularInline):
    model = StratumTemplate
    extra = 0
    fields = ("order", "label", "crime_type", "crime_type_aliases", "requires_domestic_abuse")


@admin.register(DesignTemplate)
class DesignTemplateAdmin(admin.ModelAdmin):
    list_display = ("programme", "kind", "total")
    inlines = [StratumTemplateInline]


@admin.register(Stratum)
class StratumAdmin(admin.ModelAdmin):
    """An inspection's strata: their crime-type names can be corrected until a crime list is imported."""

    list_display = ("inspection", "order", "label", "crime_type", "requires_domestic_abuse", "quota")
    list_filter = ("inspection__programme",)
    list_select_related = ("inspection__force", "inspection__programme")
    fields = (
        "inspection",
        "order",
        "label",
        "crime_type",
        "crime_type_aliases",
        "requires_domestic_abuse",
        "quota",
    )
    readonly_fields = ("inspection", "quota")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.frame_crimes.exists():
            return False
        return super().has_change_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CrimeListImport)
class CrimeListImportAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "filename", "imported_at", "imported", "is_generated")
    list_select_related = ("inspection__force", "inspection__programme")


@admin.register(SampleDraw)
class SampleDrawAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "seed", "frame_size", "algorithm_version", "drawn_at")
    list_select_related = ("inspection__force", "inspection__programme")


@admin.register(DoubleReviewSelection)
class DoubleReviewSelectionAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "share_percent", "seed", "selected_at")
    list_select_related = ("inspection__force", "inspection__programme")


@admin.register(CaseFile)
class CaseFileAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "inspection", "status", "reviewer", "double_review", "second_reviewer")
    list_filter = ("status", "double_review")
    list_select_related = (
        "crime",
        "stratum",
        "inspection__force",
        "inspection__programme",
        "reviewer",
        "second_reviewer",
    )
    search_fields = ("crime__crime_reference",)


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("case_file", "kind", "reviewer", "status", "version", "updated_at")
    list_filter = ("kind", "status")
    list_select_related = ("case_file__crime", "case_file__stratum", "reviewer")
