"""The evidence-note form and the evidence list's filters."""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from peel.forms.approval import VersionedForm
from peel.forms.fields import DateField, LimitedTextField, QuestionChoiceField
from peel.forms.filters import TrueFalseFilter
from peel.models import Direction, EvidenceNote, EvidenceSource, Inspection, limits
from peel.selectors.evidence import evidence_notes_matching
from peel.selectors.frameworks import sub_questions_of


class EvidenceNoteForm(VersionedForm):
    question = QuestionChoiceField(queryset=None, label="Sub-question")
    source = forms.ChoiceField(choices=EvidenceSource.choices)
    direction = forms.ChoiceField(
        choices=Direction.choices, widget=forms.RadioSelect, help_text="What the evidence points to."
    )
    observed_on = DateField(label="Date", help_text="When you saw or heard it.")
    text = LimitedTextField(
        limit=limits.EVIDENCE,
        label="What you saw or heard",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    proposed_afi = forms.BooleanField(
        label="Propose an area for improvement",
        required=False,
        help_text="Flag notes that show something the force should improve.",
    )

    def __init__(self, *args, inspection: Inspection, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.creating()
        self.fields["question"].queryset = sub_questions_of(programme=inspection.programme)
        self.fields["question"].force_area = inspection.force.short_name
        self.helper = FormHelper()
        buttons = [Submit("save", "Add note" if creating else "Save note")]
        if creating:
            buttons.append(Submit("add_another", "Add and record another", css_class="btn-outline-primary"))
        self.helper.layout = Layout(
            *self.hidden_names,
            "question",
            Row(Column("source"), Column("observed_on"), Column("direction")),
            "text",
            "proposed_afi",
            *buttons,
        )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write what you saw or heard.")
        return text

    def clean_observed_on(self):
        observed_on = self.cleaned_data["observed_on"]
        if observed_on > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return observed_on

    CONTENT_FIELDS = ("question", "source", "direction", "observed_on", "text", "proposed_afi")

    @staticmethod
    def initial_from(note: EvidenceNote) -> dict:
        initial = {field: getattr(note, field) for field in EvidenceNoteForm.CONTENT_FIELDS}
        return {**initial, "version": note.edit_version}

    def content(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.CONTENT_FIELDS}


class EvidenceNoteFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(
        label="Words", method="filter_text", max_length=200, help_text="Notes containing all these words."
    )
    question = django_filters.ModelChoiceFilter(
        queryset=None, label="Question", method="filter_question", empty_label="Any"
    )
    author = django_filters.ModelChoiceFilter(queryset=None, label="Author", empty_label="Any")
    direction = django_filters.ChoiceFilter(choices=Direction.choices, empty_label="Any")
    source = django_filters.ChoiceFilter(choices=EvidenceSource.choices, empty_label="Any")
    proposed_afi = TrueFalseFilter(label="Proposed AFI")

    class Meta:
        model = EvidenceNote
        fields = ["text", "question", "author", "direction", "source", "proposed_afi"]

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        questions = inspection.programme.questions.exclude(level="overall").order_by("order")
        self.filters["question"].queryset = questions
        area = inspection.force.short_name
        self.filters["question"].field.label_from_instance = lambda q: q.label_for(area, short=True)
        authors = EvidenceNote.objects.filter(inspection=inspection).values("author_id")
        people = Q(inspections_on=inspection) | Q(inspections_led=inspection) | Q(pk__in=authors)
        users = get_user_model().objects.filter(people).distinct()
        self.filters["author"].queryset = users.order_by("last_name", "username")
        self.filters["author"].field.label_from_instance = lambda user: user.get_full_name() or user.username
        for name, field in self.form.fields.items():
            kind = "form-control" if name == "text" else "form-select"
            field.widget.attrs["class"] = f"{kind} {kind}-sm"

    def filter_text(self, queryset, name, words: str):
        """Full-text search (PostgreSQL, best match first), or every word as a substring elsewhere."""
        return evidence_notes_matching(queryset, words)

    def filter_question(self, queryset, name, question):
        """A core question matches the notes under its sub-questions."""
        if question is None:
            return queryset
        return queryset.filter(Q(question=question) | Q(question__parent=question))
