"""Reads only the API needs; everything the pages also read comes from the apps' own selectors."""

from django.db.models import Prefetch, QuerySet

from api.models import PersonalAccessToken
from peel.models import Criterion, Programme, Question
from reports.models import CriterionResult
from reviews.models import Stratum


def tokens_of(*, user) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user)


def programme_with_framework(*, slug: str) -> Programme:
    """A programme with its questions (each with its parent) and its criteria (each with the codes of
    the sub-questions it is evidence for), its grade levels and finding types: five queries."""
    questions = Question.objects.select_related("parent").order_by("order", "code")
    criteria = Criterion.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.only("pk", "code", "programme_id"))
    ).order_by("order", "code")
    return Programme.objects.prefetch_related(
        Prefetch("questions", queryset=questions),
        Prefetch("criteria", queryset=criteria),
        "grade_levels",
        "finding_types",
    ).get(slug=slug)


def strata_of(*, inspection_id: int) -> QuerySet[Stratum]:
    return Stratum.objects.filter(inspection_id=inspection_id).order_by("order")


def criterion_results_of(*, inspection_id: int) -> QuerySet[CriterionResult]:
    """The compiled results, overall (no stratum) and per stratum, in criterion then stratum order."""
    return CriterionResult.objects.filter(inspection_id=inspection_id).select_related("criterion", "stratum")
