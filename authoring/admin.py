"""The admin site for a programme's own report texts (introduction, Next steps, Annex A), which every
inspection of the programme shows before its own section of the same key."""

from django import forms
from django.contrib import admin

from authoring.models import ProgrammeReportText
from authoring.services.details import programme_text_save
from peel.markup import markup_problems


class ProgrammeReportTextForm(forms.ModelForm):
    class Meta:
        model = ProgrammeReportText
        fields = ["programme", "key", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {"body": "Narrative markup (docs/report.md, “The markup”)."}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        problems = markup_problems(body)
        if problems:
            raise forms.ValidationError(problems)
        return body


@admin.register(ProgrammeReportText)
class ProgrammeReportTextAdmin(admin.ModelAdmin):
    form = ProgrammeReportTextForm
    list_display = ["programme", "key", "title"]
    list_filter = ["programme"]

    def save_model(self, request, obj, form, change):
        saved = programme_text_save(programme=obj.programme, key=obj.key, body=obj.body, title=obj.title)
        obj.pk = saved.pk
