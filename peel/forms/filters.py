"""Filters shared by the lists of the pages and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

TRUE_VALUES = ("true", "True", "1")
FALSE_VALUES = ("false", "False", "0")


class TrueFalseSelect(forms.Select):
    """Any, Yes or No; it passes on what was sent, so a bad value reaches the field to be refused
    (Django's NullBooleanSelect reads anything it does not know as "any")."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "Any"), ("true", "Yes"), ("false", "No")])


class TrueFalseField(forms.NullBooleanField):
    widget = TrueFalseSelect
    default_error_messages = {"invalid": "Enter true or false."}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value is True or value in TRUE_VALUES:
            return True
        if value is False or value in FALSE_VALUES:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class TrueFalseFilter(django_filters.BooleanFilter):
    """A true/false filter that refuses any other value (``?unread=perhaps``) instead of ignoring it."""

    field_class = TrueFalseField
