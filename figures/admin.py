from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from figures.forms import PreviewForceForm, PreviewProgrammeForm
from figures.models import FigureDefinition, FigureMetric
from figures.rendering import figure_renderer


class FigureMetricInline(admin.TabularInline):
    model = FigureMetric
    extra = 0
    autocomplete_fields = ("metric",)
    fields = ("order", "metric", "label", "in_chart")


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "kind", "order", "programme")
    list_filter = ("programme", "kind")
    search_fields = ("key", "title")
    list_select_related = ("programme",)
    filter_horizontal = ("periods",)
    inlines = [FigureMetricInline]
    change_form_template = "figures/admin/change_form.html"
    change_list_template = "figures/admin/change_list.html"

    def get_urls(self):
        return [
            path(
                "preview/",
                self.admin_site.admin_view(self.preview_all_view),
                name="figures_figuredefinition_preview_all",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="figures_figuredefinition_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        """The figure drawn for a chosen force, as a report shows it (numbered by its place in the
        programme's order)."""
        definition = get_object_or_404(FigureDefinition.objects.select_related("programme"), pk=pk)
        if not self.has_view_permission(request, definition):
            raise PermissionDenied
        form = PreviewForceForm(request.GET or None)
        force = None
        if form.is_bound and form.is_valid():
            force = form.cleaned_data["force"]
        elif not form.is_bound:
            force = form.fields["force"].queryset.first()
            form = PreviewForceForm(initial={"force": getattr(force, "slug", None)})
        keys = list(
            FigureDefinition.objects.filter(programme_id=definition.programme_id)
            .order_by("order", "key")
            .values_list("key", flat=True)
        )
        figure = None
        if force is not None:
            renderer = figure_renderer(
                programme_id=definition.programme_id, force=force, keys=[definition.key]
            )
            figure = renderer.render(key=definition.key, number=keys.index(definition.key) + 1)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": definition,
            "title": f"Preview of {definition.key}",
            "form": form,
            "force": force,
            "figure": figure,
            "problems": definition.shape_problems(
                metrics=definition.figure_metrics.count(), periods=definition.periods.count()
            ),
            "change_url": reverse("admin:figures_figuredefinition_change", args=[definition.pk]),
        }
        return TemplateResponse(request, "figures/admin/preview.html", context)

    def preview_all_view(self, request):
        """Every figure of a programme drawn for a chosen force, numbered in the programme's order."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = PreviewProgrammeForm(request.GET or None)
        programme = force = None
        if form.is_bound and form.is_valid():
            programme, force = form.cleaned_data["programme"], form.cleaned_data["force"]
        elif not form.is_bound:
            programme = form.fields["programme"].queryset.first()
            force = form.fields["force"].queryset.first()
            form = PreviewProgrammeForm(
                initial={"programme": getattr(programme, "slug", None), "force": getattr(force, "slug", None)}
            )
        figures = []
        if programme is not None and force is not None:
            renderer = figure_renderer(programme_id=programme.pk, force=force)
            drawn = (
                renderer.render(key=key, number=number) for number, key in enumerate(renderer.definitions, 1)
            )
            figures = [figure for figure in drawn if figure is not None]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Preview a programme's figures",
            "form": form,
            "programme": programme,
            "force": force,
            "figures": figures,
        }
        return TemplateResponse(request, "figures/admin/preview_all.html", context)
