"""Forms to create an inspection (admins), keep its team and dates (its lead) and move its stage."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model

from forces.selectors import force_list
from peel.forms.approval import VersionedForm
from peel.forms.fields import BoundedModelMultipleChoiceField, DateField
from peel.models import Inspection, InspectionStatus, Programme
from peel.roles import Role


def users_with_role(role: str):
    users = get_user_model().objects.filter(is_active=True, groups__name=role)
    return users.order_by("last_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.get_full_name() or user.username} ({user.username})"


class UsersChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.get_full_name() or user.username} ({user.username})"


class _DatesMixin:
    def _ordered(self, cleaned: dict, start: str, end: str, what: str) -> None:
        if cleaned.get(start) and cleaned.get(end) and cleaned[start] > cleaned[end]:
            self.add_error(end, f"The {what} must end on or after its first day.")


class InspectionCreateForm(_DatesMixin, forms.Form):
    force = forms.ModelChoiceField(queryset=force_list())
    programme = forms.ModelChoiceField(queryset=Programme.objects.all())
    lead = UserChoiceField(
        queryset=users_with_role(Role.LEAD), required=False, help_text="A user with the Lead role."
    )
    hmi = UserChoiceField(
        label="HM Inspector",
        queryset=users_with_role(Role.HMI),
        required=False,
        help_text="Signs the report off before it is published: a user with the HM Inspector role.",
    )
    team = UsersChoiceField(
        queryset=users_with_role(Role.INSPECTOR),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The inspectors besides the lead.",
    )
    review_window_start = DateField(label="File-review window: first day")
    review_window_end = DateField(label="File-review window: last day")
    fieldwork_start = DateField(label="Fieldwork: first day", required=False)
    fieldwork_end = DateField(label="Fieldwork: last day", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Force and programme", Row(Column("force"), Column("programme"))),
            Fieldset("People", "lead", "hmi", "team"),
            Fieldset(
                "Dates",
                Row(Column("review_window_start"), Column("review_window_end")),
                Row(Column("fieldwork_start"), Column("fieldwork_end")),
            ),
            Submit("create", "Create inspection"),
        )

    def clean(self):
        cleaned = super().clean()
        self._ordered(cleaned, "review_window_start", "review_window_end", "file-review window")
        self._ordered(cleaned, "fieldwork_start", "fieldwork_end", "fieldwork")
        lead, team = cleaned.get("lead"), cleaned.get("team") or []
        if lead is not None and lead in team:
            self.add_error("team", f"{lead.username} is the lead; the team lists the other inspectors.")
        force, programme = cleaned.get("force"), cleaned.get("programme")
        if force and programme:
            existing = Inspection.objects.filter(force=force, programme=programme).first()
            if existing is not None:
                raise forms.ValidationError(
                    f"{force.name} already has an inspection in {programme.name} (id {existing.pk})."
                )
        return cleaned


class InspectionSettingsForm(_DatesMixin, VersionedForm):
    hmi = UserChoiceField(
        label="HM Inspector",
        queryset=users_with_role(Role.HMI),
        required=False,
        help_text="Signs the report off before it is published: a user with the HM Inspector role.",
    )
    team = UsersChoiceField(
        queryset=users_with_role(Role.INSPECTOR),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The inspectors besides the lead.",
    )
    fieldwork_start = DateField(label="Fieldwork: first day", required=False)
    fieldwork_end = DateField(label="Fieldwork: last day", required=False)

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        if inspection.lead_id:
            self.fields["team"].queryset = self.fields["team"].queryset.exclude(pk=inspection.lead_id)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            "hmi",
            "team",
            Row(Column("fieldwork_start"), Column("fieldwork_end")),
            Submit("save", "Save"),
        )

    def clean(self):
        cleaned = super().clean()
        self._ordered(cleaned, "fieldwork_start", "fieldwork_end", "fieldwork")
        return cleaned


class InspectionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=InspectionStatus.choices)
