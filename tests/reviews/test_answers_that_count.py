"""The compile's input: one answer per drawn, usable, accepted file × criterion, adjudication applied."""

import pytest
from django.db.models import Count

from reviews.models import AnswerValue, CaseFile, ReviewKind, UnusableReason
from reviews.selectors import answers_that_count
from reviews.services.double_review import adjudication_save, double_review_select
from reviews.services.draw import case_file_mark_unusable
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    """Seven files (one per stratum): four accepted (one double-reviewed and adjudicated), one only
    submitted, one marked unusable after its review was submitted, one not started."""
    inspection = drawn_inspection(1)
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("stratum__order"))
    # The design asks for 60 but each stratum has one crime: everything is drawn.
    assert len(files) == 7
    accepted_review(files[0], overrides={"C01": "no"})
    accepted_review(files[1])
    accepted_review(files[2], value=AnswerValue.PARTLY)
    submitted_review(files[3])
    submitted_review(files[4])
    case_file_mark_unusable(inspection=inspection, case_file_id=files[4].pk, reason=UnusableReason.NOT_FOUND)
    double_review_select(inspection=inspection, share_percent=100, seed=1)
    files[0].refresh_from_db()
    submitted_review(files[0], ReviewKind.SECOND)
    c01 = next(c for c in criteria_2016() if c.code == "C01")
    adjudication_save(
        inspection=inspection,
        case_file_id=files[0].pk,
        decisions={c01.pk: ("yes", "The log shows a THRIVE assessment.")},
        user=None,
    )
    accepted_review(files[6])
    return inspection


def test_there_is_exactly_one_row_per_accepted_usable_file_and_criterion(inspection):
    rows = answers_that_count(inspection_id=inspection.pk)

    pairs = list(rows.values_list("review__case_file_id", "criterion_id"))
    assert len(pairs) == len(set(pairs)) == 4 * len(criteria_2016())


def test_second_reviews_unaccepted_and_unusable_files_do_not_count(inspection):
    files = list(CaseFile.objects.filter(inspection=inspection).order_by("stratum__order", "rank"))
    counted_files = set(
        answers_that_count(inspection_id=inspection.pk).values_list("review__case_file_id", flat=True)
    )

    assert counted_files == {files[0].pk, files[1].pk, files[2].pk, files[6].pk}
    assert set(answers_that_count(inspection_id=inspection.pk).values_list("review__kind", flat=True)) == {
        "first"
    }


def test_the_adjudicated_value_replaces_the_first_reviews_answer(inspection):
    robbery = CaseFile.objects.get(inspection=inspection, stratum__label="Robbery")

    row = answers_that_count(inspection_id=inspection.pk).get(
        review__case_file=robbery, criterion__code="C01"
    )

    assert row.value == "no"
    assert row.counted_value == "yes"
    assert row.stratum_id == robbery.stratum_id


def test_the_compile_can_aggregate_by_criterion_and_stratum_in_one_query(
    inspection, django_assert_num_queries
):
    c01 = next(c for c in criteria_2016() if c.code == "C01")

    with django_assert_num_queries(1):
        totals = list(
            answers_that_count(inspection_id=inspection.pk)
            .filter(criterion_id=c01.pk)
            .values("criterion_id", "stratum_id", "counted_value")
            .annotate(n=Count("pk"))
            .order_by("stratum_id")
        )

    assert [(row["counted_value"], row["n"]) for row in totals] == [
        ("yes", 1),
        ("yes", 1),
        ("partly", 1),
        ("yes", 1),
    ]


def test_another_inspections_answers_never_count():
    other = drawn_inspection(1)
    accepted_review(CaseFile.objects.filter(inspection=other).first())
    empty = drawn_inspection(1)

    assert answers_that_count(inspection_id=empty.pk).count() == 0
