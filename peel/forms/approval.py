"""Forms for approvable content: judgments, summaries of findings, AFIs, causes of concern, their
recommendations, the reason for reopening or rejecting, and the assessment of a previous finding."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from peel.forms.fields import (
    BoundedModelMultipleChoiceField,
    DateField,
    LimitedTextField,
    QuestionChoiceField,
    SubmissionKeyField,
)
from peel.models import Inspection, Judgment, NotablePractice, Progress, Versioned, limits
from peel.selectors.frameworks import core_questions_of

AFI_OPENING = "The force should"
# The content form of an approvable page: its approval buttons (``form="edit-form"``) submit it, so
# approving saves what was typed first.
EDIT_FORM_ID = "edit-form"


class VersionedForm(forms.Form):
    """Carries the version (``Versioned.edit_version``) the editor started from, so a save on a stale
    copy is refused (``peel.services.approval.version_ensure``) and the editor keeps their text. A form
    that creates instead gets a submission key, so submitting it twice creates one row."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def version_of(item: Versioned) -> str:
        return item.edit_version

    def creating(self) -> None:
        """This form makes a new row: no version to check, a submission key instead."""
        del self.fields["version"]
        self.fields["submission_key"] = SubmissionKeyField()

    @property
    def hidden_names(self) -> list[str]:
        """The hidden fields for the form's layout."""
        return [name for name in ("version", "submission_key") if name in self.fields]

    def stale_version_replace(self, item: Versioned) -> None:
        """After a refused stale save: keep the editor's words, carry the current version, so saving
        again is a deliberate replacement of what the other person saved."""
        self.data = self.data.copy()
        self.data["version"] = item.edit_version


def _paragraphs(text: str) -> str:
    """Normalise prose: trimmed lines, paragraphs separated by exactly one blank line."""
    paragraphs = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


class JudgmentForm(VersionedForm):
    grade = forms.ChoiceField(choices=[("", "— choose a grade —")], required=False)
    rationale = LimitedTextField(
        limit=limits.REPORT_PROSE,
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text="Paragraphs separated by a blank line.",
    )

    def __init__(self, *args, inspection: Inspection, item: Judgment, **kwargs):
        super().__init__(*args, **kwargs)
        # The programme's own scale: its graded levels, best first, or its narrative-only ungraded option.
        scale = inspection.programme.grade_scale
        if item.question.graded:
            self.fields["grade"].choices = [("", "— choose a grade —"), *scale.choices(graded=True)]
        else:
            ungraded = scale.choices(graded=False)
            self.fields["grade"].choices = ungraded
            self.fields["grade"].disabled = True
            self.fields["grade"].initial = ungraded[0][0] if ungraded else ""
            self.fields["grade"].help_text = "This question is not graded in this programme."
        self.helper = FormHelper()
        self.helper.form_id = EDIT_FORM_ID
        self.helper.layout = Layout("version", "grade", "rationale", Submit("save", "Save"))

    def clean_rationale(self) -> str:
        return _paragraphs(self.cleaned_data["rationale"])


class FindingSummaryForm(VersionedForm):
    text = LimitedTextField(
        limit=limits.REPORT_PROSE,
        label="Summary of findings",
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text="Paragraphs separated by a blank line.",
    )

    def __init__(self, *args, inspection: Inspection, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = EDIT_FORM_ID
        self.helper.layout = Layout("version", "text", Submit("save", "Save"))

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data["text"])


class CoreQuestionChoiceField(QuestionChoiceField):
    short = True


class EvidenceChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, note) -> str:
        return f"{note.question.code} · {note.get_direction_display()} · {note.text[:110]}"


class CriteriaChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, criterion) -> str:
        return f"{criterion.code} {criterion.text}"


class AfiForm(VersionedForm):
    question = CoreQuestionChoiceField(queryset=None, label="Core question")
    text = LimitedTextField(
        limit=limits.STATEMENT,
        label="Area for improvement",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f'Written as the report does: "{AFI_OPENING} ensure that ...".',
    )
    evidence_notes = EvidenceChoiceField(
        queryset=None,
        required=False,
        label="Evidence notes it rests on",
        help_text="Notes under the core question's sub-questions.",
    )
    criteria = CriteriaChoiceField(queryset=None, required=False, label="File-review criteria it rests on")

    def __init__(self, *args, inspection: Inspection, item=None, submit_label: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        if item is None:
            self.creating()
        self.fields["question"].queryset = core_questions_of(programme=inspection.programme)
        self.fields["question"].force_area = inspection.force.short_name
        self.fields["evidence_notes"].queryset = inspection.evidence_notes.select_related("question")
        self.fields["criteria"].queryset = inspection.programme.criteria.all()
        self.helper = FormHelper()
        self.helper.form_id = EDIT_FORM_ID
        self.helper.layout = Layout(
            *self.hidden_names,
            "question",
            "text",
            Field("evidence_notes", size=10),
            Field("criteria", size=6),
            Submit("save", submit_label),
        )

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if not text.startswith(AFI_OPENING):
            raise forms.ValidationError(f'Start the area for improvement with "{AFI_OPENING}".')
        return text

    def clean(self):
        cleaned = super().clean()
        question = cleaned.get("question")
        if question is not None:
            notes = cleaned.get("evidence_notes", [])
            elsewhere = [note for note in notes if note.question.parent_id != question.pk]
            if elsewhere:
                codes = ", ".join(sorted({note.question.code for note in elsewhere}))
                self.add_error(
                    "evidence_notes",
                    f"Link only notes under core question {question.code}; these are about {codes}.",
                )
        return cleaned


class CauseOfConcernForm(VersionedForm):
    question = CoreQuestionChoiceField(queryset=None, label="Core question")
    text = LimitedTextField(
        limit=limits.CONCERN,
        label="Cause of concern",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, inspection: Inspection, item=None, submit_label: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        if item is None:
            self.creating()
        self.fields["question"].queryset = core_questions_of(programme=inspection.programme)
        self.fields["question"].force_area = inspection.force.short_name
        self.helper = FormHelper()
        self.helper.form_id = EDIT_FORM_ID
        self.helper.layout = Layout(*self.hidden_names, "question", "text", Submit("save", submit_label))

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data["text"])


class RecommendationForm(VersionedForm):
    text = LimitedTextField(
        limit=limits.STATEMENT,
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            'What the force should do, without the date: the report puts the due date in front ("By 1 May '
            '2017, the force should ..."). E.g. "The force should produce an action plan that ...".'
        ),
    )
    due_date = DateField(label="Due by")

    def __init__(self, *args, creating: bool = False, submit_label: str = "Save recommendation", **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.creating()
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.hidden_names, "text", "due_date", Submit("save", submit_label))

    def clean_text(self) -> str:
        return " ".join(self.cleaned_data["text"].split())


class ReasonForm(forms.Form):
    """Why the lead reopens (required) or rejects (optional) something; kept in the history."""

    reason = LimitedTextField(
        limit=limits.REASON,
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason: it is kept in the history."},
    )

    def __init__(self, *args, required: bool = True, submit_label: str = "Reopen", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].help_text = (
            "Required: it is recorded in the history with your name and the time."
            if required
            else "Optional: it is recorded in the history with your name and the time."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout("reason", Submit("confirm", submit_label))

    def clean_reason(self) -> str:
        return " ".join(self.cleaned_data["reason"].split())


class PreviousAssessmentForm(forms.Form):
    progress = forms.ChoiceField(
        choices=Progress.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"})
    )
    note = LimitedTextField(
        limit=limits.STATEMENT,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_note(self) -> str:
        return _paragraphs(self.cleaned_data["note"])


class NotablePracticeForm(VersionedForm):
    """Innovative or promising practice under a core question: the kinds the programme records."""

    question = CoreQuestionChoiceField(queryset=None, label="Core question")
    kind = forms.ChoiceField(label="Kind", choices=())
    text = LimitedTextField(
        limit=limits.STATEMENT,
        label="Practice",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the force does that other forces could learn from.",
    )

    def __init__(self, *args, inspection: Inspection, item=None, submit_label: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        if item is None:
            self.creating()
        self.fields["question"].queryset = core_questions_of(programme=inspection.programme)
        self.fields["question"].force_area = inspection.force.short_name
        self.fields["kind"].choices = [
            (finding_type.code, finding_type.label)
            for finding_type in inspection.programme.finding_types.filter(code__in=NotablePractice.KINDS)
        ]
        self.helper = FormHelper()
        self.helper.form_id = EDIT_FORM_ID
        self.helper.layout = Layout(
            *self.hidden_names, "question", "kind", "text", Submit("save", submit_label)
        )

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data["text"])
