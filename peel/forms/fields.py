"""Form fields shared by peel's forms."""

from django import forms
from django.core.exceptions import ValidationError


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
