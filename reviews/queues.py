"""The moderation queue as the lead narrows and sorts it: by inspector, stratum, kind of review and how
long a review has waited. One filter for the queue page and for "Accept and open next", so the next
review is the next row of the queue the lead was working through."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from peel.models import Inspection
from reviews.models import CaseFileStatus, Review, ReviewKind, ReviewStatus, Stratum
from reviews.selectors import my_files_of, sample_files

WAITING_CHOICES = [("1", "more than a day"), ("3", "more than 3 days"), ("7", "more than a week")]


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class _PersonFilter(django_filters.ModelChoiceFilter):
    """Inspectors by name, as every page names them."""

    field_class = _PersonChoiceField


def _waiting_longer_than(queryset, _name, days: str):
    return queryset.filter(submitted_at__lt=timezone.now() - datetime.timedelta(days=int(days)))


class ModerationQueueFilter(django_filters.FilterSet):
    reviewer = _PersonFilter(
        queryset=get_user_model().objects.none(), label="Inspector", empty_label="Every inspector"
    )
    stratum = django_filters.ModelChoiceFilter(
        field_name="case_file__stratum",
        queryset=Stratum.objects.none(),
        label="Stratum",
        empty_label="Every stratum",
    )
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, label="Review", empty_label="Both kinds")
    waiting = django_filters.ChoiceFilter(
        choices=WAITING_CHOICES, method=_waiting_longer_than, label="Waiting", empty_label="Any time"
    )
    order = django_filters.OrderingFilter(
        fields=[
            ("submitted_at", "submitted"),
            ("case_file__crime__crime_reference", "reference"),
            ("case_file__stratum__order", "stratum"),
            ("reviewer__last_name", "inspector"),
        ],
        choices=[
            ("submitted", "Oldest first"),
            ("-submitted", "Newest first"),
            ("reference", "Crime reference"),
            ("stratum", "Stratum"),
            ("inspector", "Inspector"),
        ],
        label="Sort by",
        empty_label=None,
    )

    def __init__(self, data=None, *, inspection: Inspection, **kwargs):
        super().__init__(data, queryset=waiting_reviews(inspection=inspection), **kwargs)
        self.filters["reviewer"].queryset = (
            get_user_model()
            .objects.filter(reviews__case_file__inspection=inspection)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.filters["stratum"].queryset = Stratum.objects.filter(inspection=inspection)

    @property
    def qs(self):
        # The queue's own order (oldest first, then by id) unless the lead chose another; ties keep it.
        queryset = super().qs
        return queryset.order_by(*queryset.query.order_by, "submitted_at", "pk")


def waiting_reviews(*, inspection: Inspection):
    """Submitted reviews waiting for the lead, with what the queue shows of each."""
    return Review.objects.filter(
        case_file__inspection=inspection, status=ReviewStatus.SUBMITTED
    ).select_related("case_file__crime", "case_file__stratum", "reviewer")


FILE_STATES = [
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("submitted", "Submitted"),
    ("returned", "Returned"),
    ("accepted", "Accepted"),
    ("unusable", "Unusable"),
]


def _in_state(queryset, _name, state: str):
    """By the first review's state (a file's state, as the sample lists it); unusable files by their own."""
    if state == "unusable":
        return queryset.filter(status=CaseFileStatus.UNUSABLE)
    queryset = queryset.filter(status=CaseFileStatus.IN_SAMPLE)
    if state == "not_started":
        return queryset.filter(first_status__isnull=True)
    return queryset.filter(first_status={"in_progress": ReviewStatus.DRAFT}.get(state, state))


def _reviewed_by(queryset, _name, person):
    return queryset.filter(Q(reviewer=person) | Q(second_reviewer=person))


class SampleFilter(django_filters.FilterSet):
    """The drawn files as the lead narrows them: by crime reference, stratum, state and reviewer (first or
    second). Built on ``sample_files``, which annotates each file's review states."""

    reference = django_filters.CharFilter(
        field_name="crime__crime_reference", lookup_expr="icontains", label="Crime reference"
    )
    stratum = django_filters.ModelChoiceFilter(
        queryset=Stratum.objects.none(), label="Stratum", empty_label="Every stratum"
    )
    state = django_filters.ChoiceFilter(
        choices=FILE_STATES, method=_in_state, label="State", empty_label="Any state"
    )
    reviewer = _PersonFilter(
        queryset=get_user_model().objects.none(),
        method=_reviewed_by,
        label="Reviewer",
        empty_label="Every reviewer",
    )

    def __init__(self, data=None, *, inspection: Inspection, **kwargs):
        super().__init__(data, queryset=sample_files(inspection_id=inspection.pk), **kwargs)
        self.filters["stratum"].queryset = Stratum.objects.filter(inspection=inspection)
        self.filters["reviewer"].queryset = (
            get_user_model()
            .objects.filter(
                Q(case_files_first__inspection=inspection) | Q(case_files_second__inspection=inspection)
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )


class MyFilesFilter(django_filters.FilterSet):
    """My files narrowed by crime reference and stratum (their state is the page's sections)."""

    reference = django_filters.CharFilter(
        field_name="crime__crime_reference", lookup_expr="icontains", label="Crime reference"
    )
    stratum = django_filters.ModelChoiceFilter(
        queryset=Stratum.objects.none(), label="Stratum", empty_label="Every stratum"
    )

    def __init__(self, data=None, *, inspection: Inspection, user, **kwargs):
        super().__init__(data, queryset=my_files_of(user=user, inspection_id=inspection.pk), **kwargs)
        self.filters["stratum"].queryset = Stratum.objects.filter(inspection=inspection)
