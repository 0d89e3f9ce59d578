"""The lead's actions on several areas for improvement at once, from the AFI list: accept, reject
(with a reason) or merge (a second step with the merged text). Each ticked AFI's version travels with
it, so an action on a stale list is refused (``peel.services.findings``) and the ticks are kept."""

from django import forms

from peel.forms.approval import _paragraphs
from peel.forms.fields import LimitedTextField
from peel.models import AreaForImprovement, Question, limits

ACCEPT, REJECT, MERGE = "accept", "reject", "merge"
ACTIONS = [(ACCEPT, "Accept selected"), (REJECT, "Reject selected"), (MERGE, "Merge selected")]

SHOW_ALL, SHOW_OPEN, SHOW_PROPOSALS = "all", "open", "proposals"
SHOWS = [
    (SHOW_ALL, "All"),
    (SHOW_OPEN, "Not yet approved or rejected"),
    (SHOW_PROPOSALS, "Compiled proposals not yet decided"),
]


def version_field_name(afi_id: int) -> str:
    return f"version-{afi_id}"


class AfiFilterForm(forms.Form):
    show = forms.ChoiceField(choices=SHOWS, required=False, label="Show")

    def shown(self) -> str:
        """The filter asked for; anything unknown shows all."""
        if not self.is_valid():
            return SHOW_ALL
        return self.cleaned_data["show"] or SHOW_ALL


class AfiBulkForm(forms.Form):
    """Which AFIs, which action, and the reason a rejection needs; ``cleaned_data["versions"]`` maps each
    ticked AFI to the version the list showed."""

    afi = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[],
        required=True,
        widget=forms.CheckboxSelectMultiple,
        label="Areas for improvement",
        error_messages={"required": "Tick at least one area for improvement."},
    )
    action = forms.ChoiceField(choices=ACTIONS, label="Action")
    reason = forms.CharField(
        required=False,
        max_length=limits.STATEMENT,
        label="Reason for rejecting",
        help_text="Needed to reject; kept in the history of each one rejected.",
    )
    show = forms.ChoiceField(choices=SHOWS, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, open_afis: list[AreaForImprovement], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["afi"].choices = [(afi.pk, afi.text) for afi in open_afis]

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == REJECT and not cleaned.get("reason"):
            self.add_error("reason", "Give a reason for rejecting: it is kept in each one's history.")
        if cleaned.get("action") == MERGE and len(cleaned.get("afi") or []) < 2:
            self.add_error("afi", "Tick at least two areas for improvement to merge.")
        versions = {}
        for afi_id in cleaned.get("afi") or []:
            version = self.data.get(version_field_name(afi_id), "")
            if not version:
                self.add_error(
                    "afi", f"Area for improvement {afi_id} came without its version: reload the list."
                )
            versions[afi_id] = version
        cleaned["versions"] = versions
        return cleaned


class AfiMergeForm(AfiBulkForm):
    """The merge's second step: the question (one of the merged AFIs') and the text, pre-filled with
    their texts and editable before saving."""

    question = forms.ModelChoiceField(queryset=Question.objects.none(), label="Core question")
    text = LimitedTextField(
        limit=limits.STATEMENT,
        label="Merged area for improvement",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, chosen: list[AreaForImprovement], **kwargs):
        super().__init__(*args, **kwargs)
        question_ids = {afi.question_id for afi in chosen}
        self.fields["question"].queryset = Question.objects.filter(pk__in=question_ids).order_by(
            "order", "code"
        )
        self.fields["question"].label_from_instance = lambda q: f"{q.code}. {q.short_title or q.text}"
        self.fields["action"].initial = MERGE

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data["text"])
