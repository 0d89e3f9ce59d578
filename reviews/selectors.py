"""Reads for the case-file review: querysets with the related rows each page needs."""

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from reviews.models import AdjudicatedAnswer, Answer, CaseFileStatus, ReviewKind, ReviewStatus


def answers_that_count(*, inspection_id: int) -> QuerySet[Answer]:
    """The answers the file-review results are computed from, one row per file × criterion.

    Exactly one row per (drawn, usable, accepted) case file × criterion: the answers of the file's
    accepted *first* review (files marked unusable, reserves never brought in, unaccepted reviews and
    blind second reviews are left out). Where the lead adjudicated a double review, the lead's
    adjudicated value is substituted. Each row is annotated in SQL with

    - ``counted_value``: the value that counts (the adjudicated value if there is one, else the
      first review's answer), one of ``AnswerValue``;
    - ``stratum_id``: the case file's stratum;

    and carries ``criterion_id`` (its own column), so the compile can aggregate in one query, e.g.
    ``answers_that_count(inspection_id=i).values("criterion_id", "stratum_id", "counted_value")
    .annotate(n=Count("pk"))``. Submitting a review records an answer for every criterion of the
    programme (``not_applicable`` for criteria that do not apply to the file), so every accepted file
    has a row for every criterion that existed when it was submitted.
    """
    adjudicated = AdjudicatedAnswer.objects.filter(
        case_file_id=OuterRef("review__case_file_id"), criterion_id=OuterRef("criterion_id")
    ).values("value")[:1]
    return Answer.objects.filter(
        review__case_file__inspection_id=inspection_id,
        review__case_file__status=CaseFileStatus.IN_SAMPLE,
        review__kind=ReviewKind.FIRST,
        review__status=ReviewStatus.ACCEPTED,
    ).annotate(
        counted_value=Coalesce(Subquery(adjudicated), F("value")),
        stratum_id=F("review__case_file__stratum_id"),
    )
