"""Forms of report authoring: a section's text, the lead's assignment of authors, returning a section,
comments, the title page's details and the choice of two versions to compare."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.contrib.auth import get_user_model

from authoring.models import ReportSection, SectionRevision
from peel.forms.approval import VersionedForm
from peel.forms.fields import DateField, LimitedTextField
from peel.markup import References, markup_problems
from peel.models import Inspection, limits

SECTION_FORM_ID = "section-form"


class SectionBodyForm(VersionedForm):
    body = LimitedTextField(
        limit=limits.REPORT_SECTION,
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 22, "class": "markup-editor", "spellcheck": "true"}),
        help_text="Narrative markup: see “How to format the text” above.",
    )

    def __init__(self, *args, references: References | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.references = references
        self.helper = FormHelper()
        self.helper.form_id = SECTION_FORM_ID
        self.helper.form_tag = False  # the page's form holds the Preview and status buttons too
        self.helper.layout = Layout("version", "body")

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        problems = markup_problems(body, references=self.references)
        if problems:
            raise forms.ValidationError(problems)
        return body


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


class AuthorAssignmentForm(forms.Form):
    """One author choice per section, in report order: the inspection's team and its lead only."""

    def __init__(self, *args, inspection: Inspection, sections: list[ReportSection], **kwargs):
        super().__init__(*args, **kwargs)
        members = {member.pk for member in inspection.team.all()} | {inspection.lead_id}
        writers = (
            get_user_model().objects.filter(pk__in=members).order_by("first_name", "last_name", "username")
        )
        self.sections = sections
        for section in sections:
            self.fields[self.field_name(section)] = AuthorChoiceField(
                queryset=writers,
                required=False,
                empty_label="— no author —",
                label=section.title,
                initial=section.author_id,
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Submit("assign", "Save authors"))

    @staticmethod
    def field_name(section: ReportSection) -> str:
        return f"author_{section.pk}"

    def authors(self) -> dict[int, object]:
        return {section.pk: self.cleaned_data[self.field_name(section)] for section in self.sections}


class ReturnForm(forms.Form):
    comment = LimitedTextField(
        limit=limits.STATEMENT,
        label="What should change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what should change: the author reads it on the section."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "comment", Submit("return", "Return to the author", css_class="btn-secondary")
        )

    def clean_comment(self) -> str:
        return self.cleaned_data["comment"].strip()


class CommentForm(forms.Form):
    remark = LimitedTextField(
        limit=limits.STATEMENT,
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the comment."},
    )
    quoted = LimitedTextField(
        limit=limits.REASON,
        label="Passage it is about (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Copy the words from the section, so the author finds them.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "remark", "quoted", Submit("add_comment", "Add comment", css_class="btn-secondary")
        )


class ReportDetailsForm(VersionedForm):
    publication_date = DateField(label="Publication date", required=False)
    copyright_line = forms.CharField(
        label="Copyright line", max_length=120, required=False, help_text="E.g. © HMIC 2017"
    )
    isbn = forms.CharField(label="ISBN", max_length=20, required=False, help_text="E.g. 978-1-78655-306-6")
    web_address = forms.URLField(
        label="Web address",
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text="Where the report is published, e.g. https://www.justiceinspectorates.gov.uk/hmicfrs/",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            "publication_date",
            "copyright_line",
            "isbn",
            "web_address",
            Submit("save", "Save details"),
        )

    def clean_isbn(self) -> str:
        isbn = self.cleaned_data["isbn"].strip()
        digits = isbn.replace("-", "").replace(" ", "")
        if isbn and not (
            len(digits) in (10, 13) and digits[:-1].isdigit() and (digits[-1].isdigit() or digits[-1] in "Xx")
        ):
            raise forms.ValidationError("An ISBN has 13 digits (or 10), e.g. 978-1-78655-306-6.")
        return isbn


class RevisionCompareForm(forms.Form):
    """Two saved versions of a section, chosen by number."""

    older = forms.TypedChoiceField(coerce=int, label="Compare version")
    newer = forms.TypedChoiceField(coerce=int, label="with version")

    def __init__(self, *args, revisions: list[SectionRevision], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.number, f"{r.number} · {r.saved_at:%d %b %Y %H:%M} · {r.saved_by}") for r in revisions]
        self.fields["older"].choices = choices
        self.fields["newer"].choices = choices
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout("older", "newer", Submit("compare", "Show the difference", name=""))
