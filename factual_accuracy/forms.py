"""Forms of the factual accuracy check: the lead opens a round with a due date; the liaison comments on
a section; the lead answers a comment."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from factual_accuracy.models import Answer
from peel.forms.approval import VersionedForm
from peel.forms.fields import DateField, LimitedTextField
from peel.models import limits


class CheckOpenForm(forms.Form):
    due_on = DateField(
        label="Comments due by",
        help_text="The force's liaison reads the draft and comments until you close the check.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's form posts to the opening URL
        self.helper.layout = Layout("due_on", Submit("open", "Send the draft to the force"))


class CommentForm(VersionedForm):
    """One comment on one section; the section is the form's (one form beside each section)."""

    section_key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    quoted_text = LimitedTextField(
        limit=limits.STATEMENT,
        label="The passage (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Copy the words of the draft your comment is about.",
    )
    text = LimitedTextField(
        limit=limits.EVIDENCE,
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What is factually wrong or missing, and how you know.",
        error_messages={"required": "Write your comment."},
    )
    proposed_correction = LimitedTextField(
        limit=limits.STATEMENT,
        label="Proposed correction (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, section_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.creating()
        # Each section's form has its own ids, so the page's labels and error links stay unique.
        self.auto_id = f"id_{section_key.replace('.', '-')}_%s" if section_key else "id_%s"
        if section_key:
            self.initial.setdefault("section_key", section_key)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "section_key", "submission_key", "quoted_text", "text", "proposed_correction"
        )


class AnswerForm(VersionedForm):
    answer = forms.ChoiceField(
        label="Answer",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the comment is accepted."},
    )
    reason = LimitedTextField(
        limit=limits.REASON,
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the comment is not accepted: the force reads it. For an accepted "
        "comment, what was changed.",
    )

    def __init__(self, *args, comment_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if comment_id is not None:
            self.auto_id = f"id_answer{comment_id}_%s"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("version", "answer", "reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.NOT_ACCEPTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why the comment is not accepted: the force reads the reason.")
        return cleaned
