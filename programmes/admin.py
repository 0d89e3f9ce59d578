"""The programme admin with its file: "Download as YAML", "Upload a programme" and "Compare with…".

It extends peel's programme admin (``peel.admin.ProgrammeAdmin``, which keeps a programme in use from
changing) rather than replacing it, because this app comes after peel and peel may not import it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from peel.admin import ProgrammeAdmin
from peel.models import Programme
from programmes.comparison import programme_compare
from programmes.forms import ProgrammeCompareForm, ProgrammeUploadForm
from programmes.reading import ProgrammeFileError
from programmes.services import programme_file_load, programme_version_create
from programmes.writing import programme_file_name, programme_file_text


def _file_response(programme: Programme) -> HttpResponse:
    response = HttpResponse(programme_file_text(programme), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme_file_name(programme)}"'
    return response


@admin.action(description="Create a new version (copies every part of the programme, as its file holds it)")
def programme_copy_as_new_version(modeladmin, request, queryset):
    for programme in queryset:
        try:
            copy = programme_version_create(programme=programme)
        except ProgrammeFileError as error:
            problems = "; ".join(str(problem) for problem in error.problems)
            modeladmin.message_user(request, f"{programme}: {problems}", messages.ERROR)
            continue
        url = reverse("admin:peel_programme_change", args=[copy.pk])
        modeladmin.message_user(
            request,
            format_html(
                'Created <a href="{}">{}</a> from {}; rename and change it freely.', url, copy, programme
            ),
            messages.SUCCESS,
        )


@admin.action(description="Download as YAML (one programme)")
def programme_download(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "Choose one programme to download as YAML.", messages.WARNING)
        return None
    return _file_response(queryset.select_related("previous_version").get())


admin.site.unregister(Programme)


@admin.register(Programme)
class ProgrammeFileAdmin(ProgrammeAdmin):
    change_form_template = "programmes/admin/programme_change_form.html"
    change_list_template = "programmes/admin/programme_change_list.html"
    # The new-version copy is this app's (programme_version_create): it copies every part, by way of the
    # file, which peel alone could not (the sample design, figures and report texts are not peel's).
    actions = [programme_copy_as_new_version, programme_download]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="peel_programme_upload"),
            path("<int:object_id>/download/", view(self.download_view), name="peel_programme_download"),
            path("<int:object_id>/compare/", view(self.compare_view), name="peel_programme_compare"),
            *super().get_urls(),
        ]

    def _programme(self, request, object_id) -> Programme:
        if not self.has_view_permission(request):
            raise PermissionDenied
        programme = Programme.objects.select_related("previous_version").filter(pk=object_id).first()
        if programme is None:
            raise Http404("No such programme.")
        return programme

    def download_view(self, request, object_id):
        return _file_response(self._programme(request, object_id))

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        problems = []
        form = ProgrammeUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                programme, created = programme_file_load(
                    text=form.cleaned_data["file"],
                    name=form.cleaned_data["name"] or None,
                    slug=form.cleaned_data["slug"] or None,
                )
            except ProgrammeFileError as error:
                problems = error.problems
            else:
                verb = "Loaded" if created else "Replaced the unused programme"
                url = reverse("admin:peel_programme_change", args=[programme.pk])
                self.message_user(
                    request,
                    format_html('{} <a href="{}">{}</a> from the file.', verb, url, programme),
                    messages.SUCCESS,
                )
                return redirect(url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload a programme",
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "programmes/admin/programme_upload.html", context)

    def compare_view(self, request, object_id):
        programme = self._programme(request, object_id)
        form = ProgrammeCompareForm(request.GET or None, programme=programme)
        parts = None
        other = None
        if form.is_valid():
            other = form.cleaned_data["other"]
            parts = programme_compare(before=other, after=programme)
        elif not request.GET and programme.previous_version_id:
            other = programme.previous_version
            form = ProgrammeCompareForm(initial={"other": other.pk}, programme=programme)
            parts = programme_compare(before=other, after=programme)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Compare {programme} with another version",
            "programme": programme,
            "other": other,
            "form": form,
            "parts": parts,
        }
        return TemplateResponse(request, "programmes/admin/programme_compare.html", context)
