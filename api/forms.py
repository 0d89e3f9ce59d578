"""The token form, and the web's forms' errors in the API's words: the API validates what it is sent
with the web's forms, so both refuse the same input with the same words."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms


def form_errors(form: forms.Form, names: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A bound form's errors by field (``non_field_errors`` for the form's own), with field names
    translated to the API's where ``names`` maps them."""
    names = names or {}
    return {
        "non_field_errors" if field == "__all__" else names.get(field, field): list(messages)
        for field, messages in form.errors.items()
    }


LIFETIMES = [(7, "7 days"), (30, "30 days"), (90, "90 days"), (365, "1 year")]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What the token is for, e.g. “Analysts' notebook”.")
    lifetime_days = forms.TypedChoiceField(
        choices=LIFETIMES, coerce=int, initial=90, label="Expires after", widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("create", "Create token"))
