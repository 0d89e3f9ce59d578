"""Form fields shared by the project's forms."""

import uuid

from django import forms
from django.core.exceptions import ValidationError

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker. ``<input type="date">`` accepts only an ISO value (2016-09-05): given
    the en-GB format (05/09/2016) it shows nothing and the form submits the date empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateField(forms.DateField):
    """The one date field of every form, rendered with ``DateInput`` (the en-GB input formats read the
    ISO value a browser sends)."""

    widget = DateInput


class QuestionChoiceField(forms.ModelChoiceField):
    """A choice of questions labelled for one force (``{force_area}`` filled in): the form sets
    ``force_area``; ``short`` prefers a question's short title."""

    force_area = ""
    short = False

    def label_from_instance(self, question) -> str:
        return question.label_for(self.force_area, short=self.short)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses ids the database cannot hold (``9223372036854775808``)
    with the field's "not a valid value" message, instead of sending them to the database: SQLite raises
    OverflowError for an out-of-range integer in ``IN (...)``, which would be a 500."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model_field = (
            self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        )
        for pk in value:
            try:
                model_field.run_validators(model_field.to_python(pk))
            except (ValidationError, TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                ) from None
        return super()._check_values(value)


class SubmissionKeyField(forms.UUIDField):
    """A create form's key, a fresh UUID rendered into it: the service stores it on the row it creates,
    so the same form submitted twice creates one row (``peel.services.submissions``)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


class LimitedTextField(forms.CharField):
    """Free text no longer than its limit (``peel.models.limits``, the model field's ``max_length``),
    refused beyond with a message naming the field and both lengths; the text stays in the form.

    No ``maxlength`` attribute is sent: a browser would cut a long paste short without a word."""

    def __init__(self, *, limit: int, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def validate(self, value):
        super().validate(value)
        if len(value) > self.limit:
            raise ValidationError(
                f"{self.label}: at most {self.limit:,} characters; this has {len(value):,}. "
                "Shorten it and save again.",
                code="max_length",
            )
