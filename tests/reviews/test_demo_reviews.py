"""The demo's Cleveland case-file review agrees with what the published report says of the files."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from demo.cleveland_reviews import DOUBLE_REVIEW_SEED, DRAW_SEED, cleveland_reviews_ensure
from demo.users import demo_users_ensure
from peel.models import Inspection
from reviews.models import (
    AdjudicatedAnswer,
    CaseFile,
    CaseFileStatus,
    CrimeListImport,
    DoubleReviewSelection,
    Review,
    ReviewKind,
    ReviewStatus,
    SampleDraw,
)
from reviews.selectors import answers_that_count
from tests.reviews.shared import shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cleveland(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo")
        yield Inspection.objects.get(force__slug="cleveland", programme__slug="peel-effectiveness-2016")


def yes_share(inspection, code: str) -> tuple[int, int]:
    counted = Counter(
        answers_that_count(inspection_id=inspection.pk)
        .filter(criterion__code=code)
        .values_list("counted_value", flat=True)
    )
    answered = sum(n for value, n in counted.items() if value != "not_applicable")
    return counted["yes"], answered


def test_the_demo_draws_sixty_files_from_a_generated_list_with_recorded_seeds(cleveland):
    crime_list = CrimeListImport.objects.get(inspection=cleveland)

    assert crime_list.is_generated
    assert "GENERATED" in crime_list.filename
    assert SampleDraw.objects.get(inspection=cleveland).seed == DRAW_SEED
    assert DoubleReviewSelection.objects.get(inspection=cleveland).seed == DOUBLE_REVIEW_SEED
    assert CaseFile.objects.filter(inspection=cleveland, status=CaseFileStatus.IN_SAMPLE).count() == 60


def test_every_usable_file_has_an_accepted_review_by_inspector_or_inspector2(cleveland):
    reviews = Review.objects.filter(
        case_file__inspection=cleveland, kind=ReviewKind.FIRST, case_file__status="in_sample"
    )

    assert reviews.count() == 60
    assert set(reviews.values_list("status", flat=True)) == {ReviewStatus.ACCEPTED}
    assert set(reviews.values_list("reviewer__username", flat=True)) == {"inspector", "inspector2"}


def test_six_files_are_double_reviewed_and_their_differences_adjudicated(cleveland):
    seconds = Review.objects.filter(case_file__inspection=cleveland, kind=ReviewKind.SECOND)

    assert seconds.count() == 6
    assert AdjudicatedAnswer.objects.filter(case_file__inspection=cleveland).exists()


def test_the_answers_match_the_report(cleveland):
    # "all the files reviewed were allocated to the most appropriate team"
    assert yes_share(cleveland, "C13") == (60, 60)
    # "advice on safeguarding, although not always on the preservation of evidence and crime prevention"
    safeguarding, evidence, prevention = (yes_share(cleveland, code) for code in ("C02", "C03", "C04"))
    assert safeguarding[0] / safeguarding[1] > 0.8
    assert evidence[0] / evidence[1] < 0.8
    assert prevention[0] / prevention[1] < 0.8
    # "just a couple of instances where a delayed response"
    assert yes_share(cleveland, "C05") == (58, 60)


def test_running_it_again_changes_nothing(cleveland):
    before = (Review.objects.count(), CaseFile.objects.count(), AdjudicatedAnswer.objects.count())

    cleveland_reviews_ensure(inspection=cleveland, users=demo_users_ensure())

    assert (Review.objects.count(), CaseFile.objects.count(), AdjudicatedAnswer.objects.count()) == before
