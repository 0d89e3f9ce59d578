from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class FigureImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text=(
            "Header row: force, metric, period, then numerator and denominator (a rate or proportion) or "
            "value. All rows are imported, or none."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choose a .csv or an .xlsx file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: split it into smaller files.")
        return upload
