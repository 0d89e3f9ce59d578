from django import forms

from peel.models import Programme

MAX_FILE_BYTES = 2 * 1024 * 1024


class ProgrammeUploadForm(forms.Form):
    """A programme file to load; the loader checks its content, this form only that it is readable text."""

    file = forms.FileField(
        label="Programme file (YAML)",
        help_text="As 'Download as YAML' or export_framework writes it; docs/frameworks.md describes it.",
    )
    name = forms.CharField(
        max_length=Programme._meta.get_field("name").max_length,
        required=False,
        help_text="Load it under this name instead of the file's (optional).",
    )
    slug = forms.SlugField(
        max_length=Programme._meta.get_field("slug").max_length,
        required=False,
        help_text="Load it under this slug instead of the file's (optional).",
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; a programme file is at most 2 MB."
            )
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as UTF-8 and upload it again."
            ) from None


class ProgrammeCompareForm(forms.Form):
    """The other version to compare a programme with."""

    other = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label="Compare with", empty_label="Choose a programme"
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Programme.objects.exclude(pk=programme.pk).order_by("-year", "name")
