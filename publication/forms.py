"""Forms of the publication steps. Each carries the digest of the report content the user saw, so a
step taken on a page loaded before someone changed the report is refused rather than applied."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils import timezone

DIGEST = {"max_length": 64, "min_length": 64, "widget": forms.HiddenInput}


class DateInput(forms.DateInput):
    input_type = "date"
    format = "%Y-%m-%d"  # what <input type="date"> accepts, whatever the locale's display format


class SubmitForSignOffForm(forms.Form):
    digest = forms.CharField(**DIGEST)


class DecisionForm(forms.Form):
    """The HM Inspector's decision: sign off, or return with comments (required to return)."""

    SIGN_OFF, RETURN = "sign_off", "return"

    sign_off_id = forms.IntegerField(widget=forms.HiddenInput)
    digest = forms.CharField(**DIGEST)
    comments = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text="Required to return the report: what should change before you sign it off.",
    )
    decision = forms.ChoiceField(choices=[(SIGN_OFF, "Sign off"), (RETURN, "Return with comments")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template lays out the two buttons, which carry the decision
        self.helper.layout = Layout("sign_off_id", "digest", "comments")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comments") or "").strip():
            self.add_error("comments", "Say what should change: the lead reads your comments.")
        return cleaned


class PublishForm(forms.Form):
    sign_off_id = forms.IntegerField(widget=forms.HiddenInput)
    digest = forms.CharField(**DIGEST)
    published_on = forms.DateField(
        label="Publication date",
        widget=DateInput,
        help_text="The day the report is published: it is dated by its month (\u201cMarch 2017\u201d).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("publish", "Publish the report"))

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on > timezone.localdate():
            raise forms.ValidationError(
                "The publication date cannot be in the future: publish on the day the report goes out."
            )
        return published_on


class CorrectionForm(forms.Form):
    notice = forms.CharField(
        label="Correction notice",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is corrected and why, as the republished report will print it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("reopen", "Reopen for correction"))
