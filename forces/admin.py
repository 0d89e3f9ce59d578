from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from forces.forms import FigureImportForm
from forces.models import Force, Metric, MetricExclusion, MetricValue, Period, PublishedFigure
from forces.services.figure_import import FigureImportError, figures_import


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


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "ends_on")
    search_fields = ("label", "code")


class MetricExclusionInline(admin.TabularInline):
    model = MetricExclusion
    extra = 0
    autocomplete_fields = ("force",)


class PublishedFigureInline(admin.TabularInline):
    model = PublishedFigure
    extra = 0


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "topic", "unit", "aggregation", "period", "in_force_in_numbers")
    list_filter = ("topic", "aggregation", "unit", "in_force_in_numbers", "chart_all_forces")
    search_fields = ("name", "code")
    list_select_related = ("period",)
    inlines = [MetricExclusionInline, PublishedFigureInline]


@admin.register(MetricValue)
class MetricValueAdmin(admin.ModelAdmin):
    list_display = (
        "metric",
        "force",
        "period",
        "numerator",
        "denominator",
        "value",
        "generated",
        "updated_at",
    )
    list_filter = ("generated", "period", "metric__topic", "force")
    search_fields = ("metric__code", "metric__name", "force__name")
    list_select_related = ("metric", "force", "period")
    autocomplete_fields = ("force",)
    change_list_template = "forces/admin/metricvalue_change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="forces_metricvalue_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        problems = []
        form = FigureImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = figures_import(content=upload.read(), filename=upload.name)
            except FigureImportError as error:
                problems = error.messages()
            else:
                messages.success(request, result.summary(upload.name))
                return redirect(reverse("admin:forces_metricvalue_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import force figures",
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "forces/admin/figure_import.html", context)


@admin.register(MetricExclusion)
class MetricExclusionAdmin(admin.ModelAdmin):
    list_display = ("metric", "force", "period")
    list_filter = ("period", "force")
    search_fields = ("metric__code", "metric__name", "force__name", "reason")
    list_select_related = ("metric", "force", "period")


@admin.register(PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ("metric", "period", "value", "source")
    list_filter = ("period",)
    search_fields = ("metric__code", "metric__name", "source")
    list_select_related = ("metric", "period")
