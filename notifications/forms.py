"""The notification settings form: for each kind, how to hear about it."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from notifications.models import Delivery, NotificationKind, NotificationPreference
from peel.forms.approval import VersionedForm


class PreferencesForm(VersionedForm):
    def __init__(self, *args, preference: NotificationPreference, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", preference.edit_version)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=preference.delivery_for(kind.value),
                error_messages={"required": f"Choose how to hear when “{kind.label.lower()}”."},
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *self.hidden_names,
            *(Field(kind.value, wrapper_class="mb-4") for kind in NotificationKind),
            Submit("save", "Save settings"),
        )

    def choices(self) -> dict[str, str]:
        """What was chosen, by kind: only the kinds that differ from the default (the digest)."""
        return {
            kind.value: self.cleaned_data[kind.value]
            for kind in NotificationKind
            if self.cleaned_data[kind.value] != Delivery.DIGEST
        }
