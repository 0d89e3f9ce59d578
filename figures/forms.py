from django import forms

from forces.models import Force


class PreviewForceForm(forms.Form):
    """The force an admin previews a figure for."""

    force = forms.ModelChoiceField(
        queryset=Force.objects.filter(active=True).order_by("name"),
        to_field_name="slug",
        empty_label=None,
        help_text="The figure is drawn as that force's report would show it.",
    )
