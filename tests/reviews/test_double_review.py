"""Double review: the seeded choice of files, blind second reviews, disagreements and adjudication."""

import pytest
from django.urls import reverse

from reviews.models import AdjudicatedAnswer, CaseFile, DoubleReviewSelection, ReviewKind
from reviews.selectors import answers_that_count, review_agreement
from reviews.services.double_review import adjudication_save, double_review_count, double_review_select
from reviews.services.refusals import Refused
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db


def chosen(inspection) -> list[str]:
    return sorted(
        CaseFile.objects.filter(inspection=inspection, double_review=True).values_list(
            "crime__crime_reference", flat=True
        )
    )


def test_ten_percent_of_sixty_files_is_six_chosen_reproducibly_from_the_recorded_seed():
    inspection = drawn_inspection(20)

    double_review_select(inspection=inspection, seed=31)
    first_choice = chosen(inspection)
    double_review_select(inspection=inspection, seed=31)

    assert len(first_choice) == 6
    assert chosen(inspection) == first_choice
    selection = DoubleReviewSelection.objects.get(inspection=inspection)
    assert (selection.seed, selection.share_percent) == (31, 10)


def test_the_share_rounds_half_up_and_is_never_zero():
    assert double_review_count(10, 60) == 6
    assert double_review_count(10, 65) == 7
    assert double_review_count(10, 64) == 6
    assert double_review_count(10, 3) == 1


@pytest.mark.parametrize(("share", "files"), [(2.5, 60), (10, 60.0), (True, 60)])
def test_a_share_or_number_of_files_that_is_not_a_whole_number_is_refused(share, files):
    with pytest.raises(TypeError, match="must be a whole number"):
        double_review_count(share, files)


def test_choosing_a_share_that_is_not_a_whole_number_is_refused_with_a_message():
    with pytest.raises(Refused, match="whole number of percent"):
        double_review_select(inspection=drawn_inspection(3), share_percent=12.5, seed=1)


def test_each_chosen_file_gets_a_second_reviewer_other_than_its_first():
    inspection = drawn_inspection(20)

    double_review_select(inspection=inspection, seed=5)

    files = CaseFile.objects.filter(inspection=inspection, double_review=True)
    assert all(f.second_reviewer_id and f.second_reviewer_id != f.reviewer_id for f in files)


def test_the_choice_cannot_change_once_a_second_review_has_started():
    inspection = drawn_inspection(20)
    double_review_select(inspection=inspection, seed=5)
    submitted_review(
        CaseFile.objects.filter(inspection=inspection, double_review=True).first(), ReviewKind.SECOND
    )

    with pytest.raises(Refused, match="Second reviews have started"):
        double_review_select(inspection=inspection, seed=6)


@pytest.fixture
def double_reviewed():
    """One file reviewed twice: the reviews differ on C01 (yes/no) and C03 (partly/yes)."""
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()
    accepted_review(case_file, overrides={"C03": "partly"})
    submitted_review(case_file, ReviewKind.SECOND, overrides={"C01": "no"})
    return case_file


def test_the_disagreement_view_lists_only_the_criteria_where_the_reviews_differ(client, double_reviewed):
    client.force_login(double_reviewed.inspection.lead)

    page = client.get(
        reverse(
            "reviews:adjudicate", kwargs={"pk": double_reviewed.inspection_id, "file_id": double_reviewed.pk}
        )
    )

    codes = [row["criterion"].code for row in page.context["form"].rows]
    assert codes == ["C01", "C03"]
    assert [(row["first"], row["second"]) for row in page.context["form"].rows] == [
        ("Yes", "No"),
        ("Partly", "Yes"),
    ]


def test_the_adjudicated_answer_is_what_counts(client, double_reviewed):
    by_code = {c.code: c for c in criteria_2016()}
    client.force_login(double_reviewed.inspection.lead)

    response = client.post(
        reverse(
            "reviews:adjudicate", kwargs={"pk": double_reviewed.inspection_id, "file_id": double_reviewed.pk}
        ),
        {f"value_{by_code['C01'].pk}": "no", f"note_{by_code['C01'].pk}": "Log shows no THRIVE"},
    )

    assert response.status_code == 302
    counted = dict(
        answers_that_count(inspection_id=double_reviewed.inspection_id)
        .filter(review__case_file=double_reviewed)
        .values_list("criterion__code", "counted_value")
    )
    assert counted["C01"] == "no"  # adjudicated
    assert counted["C03"] == "partly"  # not adjudicated: the first review's answer
    decision = AdjudicatedAnswer.objects.get(case_file=double_reviewed)
    assert (decision.note, decision.decided_by) == ("Log shows no THRIVE", double_reviewed.inspection.lead)


def test_adjudication_waits_for_both_reviews():
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = CaseFile.objects.filter(inspection=inspection).first()
    submitted_review(case_file)
    c01 = criteria_2016()[0]

    with pytest.raises(Refused, match="Both reviews must be submitted"):
        adjudication_save(
            inspection=inspection, case_file_id=case_file.pk, decisions={c01.pk: ("yes", "")}, user=None
        )


def test_agreement_counts_each_criterion_only_where_it_applies(double_reviewed):
    report = review_agreement(inspection=double_reviewed.inspection)

    by_code = {row.criterion.code: row.agreement for row in report.per_criterion}
    assert report.files == 1
    assert by_code["C01"].pairs == 1 and by_code["C01"].agreed == 0
    assert by_code["C07"].pairs == 0  # domestic-abuse only: a robbery file does not count
    rated = sum(agreement.pairs for agreement in by_code.values())
    assert report.rated_pairs == rated
    assert report.agreed == rated - 2


def test_the_double_review_page_shows_agreement_with_the_number_of_files(client, double_reviewed):
    client.force_login(double_reviewed.inspection.lead)

    page = client.get(reverse("reviews:double_review", kwargs={"pk": double_reviewed.inspection_id}))

    html = page.content.decode()
    assert "Over 1 file with both reviews finished" in html
    assert "Cohen's kappa" in html
    assert "Krippendorff's alpha (ordinal)" in html
    assert "over 1 file where both reviewers answered" in html
    assert "too few files to say (a label needs at least 20)" in html


def test_agreement_leaves_out_a_file_both_reviewers_answered_not_applicable_and_counts_it():
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()
    accepted_review(case_file, overrides={"C16": "not_applicable", "C15": "not_known"})
    submitted_review(case_file, ReviewKind.SECOND, overrides={"C16": "not_applicable"})
    report = review_agreement(inspection=inspection)

    by_code = {row.criterion.code: row.agreement for row in report.per_criterion}

    assert (by_code["C16"].pairs, by_code["C16"].left_out) == (0, 1)
    assert (by_code["C15"].pairs, by_code["C15"].left_out) == (0, 1)
    assert (by_code["C01"].pairs, by_code["C01"].left_out) == (1, 0)
