"""Forms of the case-file review: they validate and normalise; saving is the services' job."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

from peel.forms.approval import VersionedForm
from peel.forms.fields import LimitedTextField
from peel.models import AnswerSet, Criterion
from reviews.applicability import FileFacts, criterion_applies
from reviews.models import MESSAGE_LIMIT, AnswerValue, AuditDecision, RiskLevel, UnusableReason
from reviews.services.draw import MAX_SEED

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _helper(submit_label: str, *, css_class: str = "btn-primary") -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label, css_class=css_class))
    return helper


class CrimeListUploadForm(forms.Form):
    crime_list = forms.FileField(
        label="Crime list (CSV or XLSX)",
        help_text=(
            "Columns crime_reference, crime_type and recorded_date are required; domestic_abuse_flag, "
            "outcome_code, vulnerable_victim_flag and repeat_victim_flag are optional. Dates as YYYY-MM-DD "
            "or DD/MM/YYYY. Up to 50 MB."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Import crime list")

    def clean_crime_list(self):
        upload = self.cleaned_data["crime_list"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("The file is larger than 50 MB. Split it or remove unneeded columns.")
        return upload


class CrimeTypeAliasForm(forms.Form):
    """Map a crime type the import did not recognise to one of the inspection's strata."""

    crime_type = forms.CharField(max_length=200, widget=forms.HiddenInput)
    stratum = forms.ModelChoiceField(queryset=None, label="Stratum", empty_label="Choose a stratum")

    def __init__(self, *args, strata, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stratum"].queryset = strata


class QuotasForm(VersionedForm):
    """The sample's total and a quota per stratum; they must add up.

    Quotas are named by the stratum's place in the design (``quota_1`` ...), not its id: the page may
    show the programme's default before the inspection's own strata exist (a GET writes nothing). The
    labels shown travel with the form, so a design changed in between is refused, not misread."""

    total = forms.IntegerField(min_value=1, max_value=1000, label="Files in the sample")
    strata_shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, strata, total: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.strata = strata
        self.fields["total"].initial = total
        self.fields["strata_shown"].initial = self._labels()
        for place, stratum in enumerate(strata, start=1):
            self.fields[f"quota_{place}"] = forms.IntegerField(
                min_value=0, max_value=1000, initial=stratum.quota, label=stratum.label
            )
        self.helper = _helper("Save quotas")

    def _labels(self) -> str:
        return " | ".join(stratum.label for stratum in self.strata)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("strata_shown") != self._labels():
            raise ValidationError(
                "The design's strata changed while you were editing: check the quotas and save again."
            )
        quotas = self.quotas()
        if (
            "total" in cleaned
            and len(quotas) == len(self.strata)
            and sum(quotas.values()) != cleaned["total"]
        ):
            raise ValidationError(
                f"The quotas add up to {sum(quotas.values())}, but the total is {cleaned['total']}."
            )
        return cleaned

    def quotas(self) -> dict[int, int]:
        """Each stratum's quota, by the stratum's id."""
        return {
            stratum.pk: self.cleaned_data[f"quota_{place}"]
            for place, stratum in enumerate(self.strata, start=1)
            if self.cleaned_data.get(f"quota_{place}") is not None
        }


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text="Leave blank for a random seed; it is shown and recorded, so the draw can be repeated.",
    )
    redraw = forms.BooleanField(
        required=False, label="Replace the current draw (only possible while no review has started)"
    )

    def __init__(self, *args, drawn: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not drawn:
            del self.fields["redraw"]
        self.helper = _helper("Redraw the sample" if drawn else "Draw the sample")


class UnusableForm(forms.Form):
    reason = forms.ChoiceField(choices=UnusableReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(required=False, max_length=300, label="Details", help_text="Required for 'other'.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Mark unusable and bring in the next reserve", css_class="btn-danger")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == UnusableReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the file cannot be used.")
        return cleaned


class ReassignForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=None, label="Give the review to")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = candidates
        self.fields["reviewer"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.helper = _helper("Reassign")


class DoubleReviewForm(forms.Form):
    share_percent = forms.IntegerField(
        min_value=1, max_value=100, initial=10, label="Share of files for a blind second review (%)"
    )
    seed = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_SEED, help_text="Leave blank for a random seed (recorded)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Choose files for double review")


class AdjudicationForm(forms.Form):
    """The agreed answer and its reason for each criterion where two reviews differ: a field pair per
    criterion (``value_<id>``, ``note_<id>``). A decided answer needs its reason: it is what counts in
    the results, and the double-review record must say why one reviewer's answer was preferred."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            criterion = row["criterion"]
            decision = row["decision"]
            self.fields[f"value_{criterion.pk}"] = forms.ChoiceField(
                choices=[("", "Not decided"), *row["choices"]],
                required=False,
                label=f"Agreed answer for {criterion.code}",
                initial=decision.value if decision else "",
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                required=False,
                max_length=2000,
                label=f"Reason for {criterion.code}",
                initial=decision.note if decision else "",
            )

    def clean(self):
        cleaned = super().clean()
        decided = 0
        for row in self.rows:
            pk, code = row["criterion"].pk, row["criterion"].code
            if not cleaned.get(f"value_{pk}"):
                continue
            decided += 1
            if not (cleaned.get(f"note_{pk}") or "").strip():
                self.add_error(f"note_{pk}", f"Give the reason for the agreed answer on {code}.")
        if not decided and not self.errors:
            raise ValidationError("Choose the agreed answer for at least one criterion.")
        return cleaned

    def decisions(self) -> dict[int, tuple[str, str]]:
        """Criterion id → (agreed value, reason), for the criteria decided."""
        return {
            row["criterion"].pk: (
                self.cleaned_data[f"value_{row['criterion'].pk}"],
                self.cleaned_data[f"note_{row['criterion'].pk}"].strip(),
            )
            for row in self.rows
            if self.cleaned_data.get(f"value_{row['criterion'].pk}")
        }

    def pairs(self):
        """Each row with its two bound fields, in table order, for the template."""
        for row in self.rows:
            pk = row["criterion"].pk
            yield row, self[f"value_{pk}"], self[f"note_{pk}"]


class AcceptForm(forms.Form):
    """Accepting one review: the version the lead read, and whether to go on to the next in the queue
    (``queue`` is the queue page's filter, so "next" means the next row of what the lead was working on)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    then = forms.ChoiceField(choices=[("", "stay"), ("next", "open the next review")], required=False)
    queue = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class _ReviewVersionsField(forms.MultipleChoiceField):
    """Ticked reviews as "<review id>:<version>". Any well-formed pair is valid here, not only the rows
    the page showed: a review accepted meanwhile is refused by the service, naming its file."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return bool(re.fullmatch(r"[1-9]\d{0,17}:[1-9]\d{0,8}", str(value)))

    def clean(self, value) -> dict[int, int]:
        return {int(pair.split(":")[0]): int(pair.split(":")[1]) for pair in super().clean(value)}


class BulkAcceptForm(forms.Form):
    reviews = _ReviewVersionsField(
        label="Reviews to accept",
        error_messages={"required": "Tick the reviews to accept.", "invalid_choice": "That is not a review."},
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="What needs to change"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page wraps it in its own form, beside "Accept"


YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_UNKNOWN = [("", "Not yet known"), ("yes", "Yes"), ("no", "No")]


def _as_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _as_choice(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class ReviewForm(forms.Form):
    """One page: the file's facts (first review) and, grouped by section, an answer and a note per
    criterion. A draft saves whatever is filled in; submitting needs every applicable criterion."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    FACT_FIELDS = (
        "outcome_code",
        "domestic_abuse",
        "vulnerable_victim",
        "repeat_victim",
        "suspect_identified",
        "risk_level",
    )

    def __init__(
        self,
        *args,
        criteria: list[Criterion],
        facts: FileFacts,
        with_facts: bool,
        submitting: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.initial_facts = facts
        self.with_facts = with_facts
        self.submitting = submitting
        if with_facts:
            self.fields["outcome_code"] = forms.IntegerField(
                required=False,
                min_value=1,
                max_value=22,
                label="Outcome (Home Office outcome number)",
                help_text="E.g. 1 charged or summonsed, 14–16 evidential difficulties. Blank if none yet.",
                initial=facts.outcome_code,
            )
            for name, label in (
                ("domestic_abuse", "Domestic abuse"),
                ("vulnerable_victim", "Victim identified as vulnerable"),
                ("repeat_victim", "Repeat victim"),
            ):
                self.fields[name] = forms.ChoiceField(
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    label=label,
                    initial=_as_choice(getattr(facts, name)),
                )
            self.fields["suspect_identified"] = forms.ChoiceField(
                choices=YES_NO_UNKNOWN,
                required=False,
                widget=forms.RadioSelect,
                label="Suspect identified",
                initial=_as_choice(facts.suspect_identified),
            )
            self.fields["risk_level"] = forms.ChoiceField(
                choices=[("", "Not recorded"), *RiskLevel.choices],
                required=False,
                label="Risk level (DASH)",
                help_text="Needed for domestic-abuse files.",
                initial=facts.risk_level,
            )
        for criterion in criteria:
            choices = [
                (value, label)
                for value, label in AnswerValue.choices
                if not (criterion.answer_set == AnswerSet.YES_NO and value == AnswerValue.PARTLY)
            ]
            self.fields[self.answer_field(criterion)] = forms.ChoiceField(
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                label=f"{criterion.code}. {criterion.text}",
                help_text=criterion.help_text,
            )
            self.fields[self.note_field(criterion)] = forms.CharField(
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                label=f"Note on {criterion.code}",
            )

    @staticmethod
    def answer_field(criterion: Criterion) -> str:
        return f"answer_{criterion.pk}"

    @staticmethod
    def note_field(criterion: Criterion) -> str:
        return f"note_{criterion.pk}"

    def facts(self) -> FileFacts | None:
        """The facts as entered (first review), from cleaned data."""
        if not self.with_facts:
            return None
        data = self.cleaned_data
        return FileFacts(
            outcome_code=data.get("outcome_code"),
            domestic_abuse=_as_bool(data.get("domestic_abuse")) is True,
            vulnerable_victim=_as_bool(data.get("vulnerable_victim")) is True,
            repeat_victim=_as_bool(data.get("repeat_victim")) is True,
            suspect_identified=_as_bool(data.get("suspect_identified", "")),
            risk_level=data.get("risk_level", ""),
        )

    def effective_facts(self) -> FileFacts:
        return self.facts() or self.initial_facts

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        facts = self.effective_facts()
        if self.with_facts:
            if facts.suspect_identified is None:
                self.add_error(
                    "suspect_identified", "Say whether a suspect was identified before submitting."
                )
            if facts.domestic_abuse and not facts.risk_level:
                self.add_error(
                    "risk_level", "Record the risk level (or 'not assessed') for a domestic-abuse file."
                )
        for criterion in self.criteria:
            name = self.answer_field(criterion)
            if (
                criterion_applies(criterion.applicability, facts)
                and not cleaned.get(name)
                and name not in self.errors
            ):
                self.add_error(name, "Answer this before submitting.")
        return cleaned

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(self.answer_field(c), "") for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(self.note_field(c), "") for c in self.criteria}

    def sections(self, theirs: dict | None = None) -> list[tuple[str, list[dict]]]:
        """For the template: criteria by section, each with its bound fields, whether it applies and,
        after a conflict, the answer the other person saved (``theirs``: criterion id -> Answer)."""
        facts = self.initial_facts
        if self.is_bound and hasattr(self, "cleaned_data") and self.with_facts:
            facts = self.effective_facts()
        sections: dict[str, list[dict]] = {}
        for criterion in self.criteria:
            answer = self[self.answer_field(criterion)]
            note = self[self.note_field(criterion)]
            # Plain values, not bound fields: a template lookup on a bound field first tries it as a
            # mapping, which builds its radio subwidgets every time (see _criterion_fields.html).
            sections.setdefault(criterion.section, []).append(
                {
                    "criterion": criterion,
                    "answer_id": answer.auto_id,
                    "answer_name": answer.html_name,
                    "label": answer.label,
                    "help_text": answer.help_text,
                    "errors": answer.errors,
                    "options": self._options(answer),
                    "note_id": note.auto_id,
                    "note_name": note.html_name,
                    "note_label": note.label,
                    "note_text": note.value() or "",
                    "note_errors": note.errors,
                    "note_max_length": note.field.max_length,
                    "applies": criterion_applies(criterion.applicability, facts),
                    "theirs": (theirs or {}).get(criterion.pk),
                    "conflicted": theirs is not None,
                }
            )
        return list(sections.items())

    @staticmethod
    def _options(answer: forms.BoundField) -> list[tuple[str, str, str, bool]]:
        current = answer.value() or ""
        return [
            (value, label, f"{answer.auto_id}_{index}", value == current)
            for index, (value, label) in enumerate(answer.field.choices)
        ]

    def initial_from_review(self, answers) -> None:
        """Fill an unbound form from saved answers."""
        for answer in answers:
            self.initial[f"answer_{answer.criterion_id}"] = answer.value
            self.initial[f"note_{answer.criterion_id}"] = answer.note


class AuditReviewForm(forms.Form):
    """An audit file's review: the design's one yes/no question and a note. A draft may leave the
    decision blank; submitting needs it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(choices=AuditDecision.choices, required=False, widget=forms.RadioSelect)
    decision_note = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Note",
        help_text="What the decision rests on, e.g. why the crime was not correctly recorded.",
    )

    def __init__(self, *args, question: str, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].label = question
        self.submitting = submitting

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not cleaned.get("decision") and "decision" not in self.errors:
            self.add_error("decision", "Give the decision before submitting.")
        return cleaned

    def initial_from_review(self, review) -> None:
        self.initial.update(decision=review.decision, decision_note=review.decision_note)


class _CriterionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, criterion) -> str:
        text = criterion.text if len(criterion.text) <= 90 else criterion.text[:89] + "…"
        return f"{criterion.code} {text}"


class DiscussionForm(VersionedForm):
    """A message to one review's thread of a file, optionally about one of the file's criteria.

    ``back`` says which page the form was posted from, to return there after posting."""

    BACK_CHOICES = [("", "the discussion"), ("file", "the file"), ("review", "the review form")]

    body = LimitedTextField(
        limit=MESSAGE_LIMIT,
        label="Message",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your message."},
        help_text="Plain text; the reviewer and the lead of this file read it.",
    )
    criterion = _CriterionChoiceField(
        queryset=Criterion.objects.none(),
        required=False,
        label="About criterion (optional)",
        empty_label="The file as a whole",
        error_messages={"invalid_choice": "Choose one of this file's criteria."},
    )
    back = forms.ChoiceField(choices=BACK_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, criteria, review_kind: str, action: str, back: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.creating()
        # The lead's file page holds a form per thread: each with its own ids.
        self.auto_id = f"id_discussion_{review_kind}_%s"
        self.initial.setdefault("back", back)
        if criteria is None:
            del self.fields["criterion"]  # an audit's file has no criteria
        else:
            self.fields["criterion"].queryset = criteria
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = f"discussion-form-{review_kind}"
        self.helper.add_input(Submit("post", "Post message"))

    def clean_body(self) -> str:
        return self.cleaned_data["body"].strip()
