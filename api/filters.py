"""The lists' filters, by the names the API shows (codes, slugs, usernames), validated like any input:
an unknown choice, a malformed id or a true/false filter given anything else is a 400 naming the
parameter."""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend

from notifications.models import Notification
from peel.forms.filters import TrueFalseFilter
from peel.models import AfiOrigin, ApprovalState, Inspection, InspectionStatus, Programme
from reports.models import CriterionResult
from reviews.models import CaseFile, CaseFileStatus, Review, ReviewKind, ReviewStatus

MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, passing the view's inspection to filter sets that need it."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        return {**kwargs, **getattr(view, "filterset_extra_kwargs", dict)()}


class ProgrammeFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", min_value=1900, max_value=2999)

    class Meta:
        model = Programme
        fields = ["year"]


class InspectionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InspectionStatus.choices)
    programme = django_filters.CharFilter(field_name="programme__slug", help_text="A programme's slug.")
    force = django_filters.CharFilter(field_name="force__slug", help_text="A force's slug.")

    class Meta:
        model = Inspection
        fields = ["status", "programme", "force"]


class CaseFileFilter(django_filters.FilterSet):
    stratum = IdFilter(field_name="stratum_id")
    status = django_filters.ChoiceFilter(choices=CaseFileStatus.choices)
    reviewer = django_filters.CharFilter(field_name="reviewer__username")
    double_review = TrueFalseFilter()

    class Meta:
        model = CaseFile
        fields = ["stratum", "status", "reviewer", "double_review"]


class ReviewFilter(django_filters.FilterSet):
    file = IdFilter(field_name="case_file_id")
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices)
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    reviewer = django_filters.CharFilter(field_name="reviewer__username")

    class Meta:
        model = Review
        fields = ["file", "kind", "status", "reviewer"]


class ApprovableFilter(django_filters.FilterSet):
    question = django_filters.CharFilter(field_name="question__code", help_text="A question's code.")
    state = django_filters.ChoiceFilter(choices=ApprovalState.choices)


class AfiFilter(ApprovableFilter):
    origin = django_filters.ChoiceFilter(choices=AfiOrigin.choices)
    rejected = TrueFalseFilter()


class CriterionResultFilter(django_filters.FilterSet):
    criterion = django_filters.CharFilter(field_name="criterion__code", help_text="A criterion's code.")
    stratum = IdFilter(field_name="stratum_id")
    overall = TrueFalseFilter(
        field_name="stratum", lookup_expr="isnull", help_text="true: the all-files results only."
    )
    below_threshold = TrueFalseFilter()

    class Meta:
        model = CriterionResult
        fields = ["criterion", "stratum", "overall", "below_threshold"]


class NotificationFilter(django_filters.FilterSet):
    unread = TrueFalseFilter(
        field_name="read_at", lookup_expr="isnull", help_text="true: the unread only; false: the read only."
    )

    class Meta:
        model = Notification
        fields = ["unread"]
