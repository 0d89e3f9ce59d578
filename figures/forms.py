from django import forms

from forces.models import Force
from peel.models import Programme


class PreviewForceForm(forms.Form):
    """The force an admin previews a figure for."""

    force = forms.ModelChoiceField(
        queryset=Force.objects.filter(active=True).order_by("name"),
        to_field_name="slug",
        empty_label=None,
        help_text="The figure is drawn as that force's report would show it.",
    )


class PreviewProgrammeForm(PreviewForceForm):
    """The programme whose figures an admin previews, all at once, for a force."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.filter(figure_definitions__isnull=False)
        .distinct()
        .order_by("-year", "name"),
        to_field_name="slug",
        empty_label=None,
    )
    field_order = ["programme", "force"]
