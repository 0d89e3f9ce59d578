"""An audit inspection end to end: an audit design sampled at different rates, files decided through the
review form as a browser submits it, moderated, compiled, and the stratified estimate on the results
and in the report."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.estimates import StratumTally, stratified_proportion
from reports.models import AuditEstimate, CriterionResult
from reports.services.runs import compile_inspection
from reviews.models import (
    AdjudicatedDecision,
    Answer,
    CaseFile,
    CaseFileStatus,
    Review,
    ReviewKind,
    ReviewStatus,
    UnusableReason,
)
from reviews.selectors import decisions_that_count
from reviews.services.double_review import double_review_select
from reviews.services.draw import case_file_mark_unusable
from tests.factories.reviews import AUDIT_QUESTION, audit_decided, audit_inspection
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db

FRAME = {"Robbery": 200, "Rape": 40, "Stalking": 10}
QUOTAS = {"Robbery": 20, "Rape": 10, "Stalking": 10}  # 10%, 25% and every crime of the frame


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_url(case_file, kind="first") -> str:
    return reverse(f"reviews:review_{kind}", kwargs={"pk": case_file.inspection_id, "file_id": case_file.pk})


def files_of(inspection, label: str) -> list[CaseFile]:
    return list(
        CaseFile.objects.filter(inspection=inspection, stratum__label=label, status=CaseFileStatus.IN_SAMPLE)
        .select_related("reviewer", "inspection")
        .order_by("rank")
    )


@pytest.fixture
def inspection():
    return audit_inspection(FRAME, QUOTAS)


def test_the_design_copies_the_programmes_audit_question_and_shows_each_strata_rate(inspection):
    page = logged_in(inspection.lead).get(reverse("reviews:sample", kwargs={"pk": inspection.pk}))

    assert inspection.sample_design.is_audit()
    assert inspection.sample_design.decision_question == AUDIT_QUESTION
    html = page.content.decode()
    assert AUDIT_QUESTION in html
    assert "10.0%" in html and "25.0%" in html and "100.0%" in html  # n_h / N_h per stratum


def test_the_audit_review_form_asks_the_one_question_and_records_the_decision_as_submitted(inspection):
    case_file = files_of(inspection, "Robbery")[0]
    reviewer = logged_in(case_file.reviewer)
    page = reviewer.get(form_url(case_file))
    form = form_with(page.content, "decision")

    assert AUDIT_QUESTION in page.content.decode()
    assert not any(name.startswith("answer_") for name in form.names)  # no criteria
    response = reviewer.post(
        form_url(case_file),
        form.submission("action=submit", decision="no", decision_note="Recorded as common assault."),
    )

    assert response.status_code == 302
    review = Review.objects.get(case_file=case_file, kind=ReviewKind.FIRST)
    assert (review.status, review.decision, review.decision_note) == (
        ReviewStatus.SUBMITTED,
        "no",
        "Recorded as common assault.",
    )
    assert not Answer.objects.filter(review=review).exists()


def test_submitting_without_a_decision_is_refused_beside_the_question_and_a_draft_is_not(inspection):
    case_file = files_of(inspection, "Rape")[0]
    reviewer = logged_in(case_file.reviewer)
    form = form_with(reviewer.get(form_url(case_file)).content, "decision")

    refused = reviewer.post(form_url(case_file), form.submission("action=submit", decision_note="Unsure"))
    drafted = reviewer.post(form_url(case_file), form.submission("action=save", decision_note="Unsure"))

    assert refused.status_code == 200
    assert "Give the decision before submitting." in refused.content.decode()
    assert drafted.status_code == 302
    review = Review.objects.get(case_file=case_file)
    assert (review.status, review.decision, review.decision_note) == (ReviewStatus.DRAFT, "", "Unsure")


def test_two_people_saving_one_audit_review_at_once_the_second_sees_the_first_decision(inspection):
    case_file = files_of(inspection, "Rape")[1]
    reviewer, lead = logged_in(case_file.reviewer), logged_in(inspection.lead)
    theirs = form_with(reviewer.get(form_url(case_file)).content, "decision")
    mine = form_with(lead.get(form_url(case_file)).content, "decision")
    reviewer.post(form_url(case_file), theirs.submission("action=save", decision="yes"))

    clash = lead.post(form_url(case_file), mine.submission("action=save", decision="no"))

    assert clash.status_code == 409
    assert "They saved the decision <strong>Yes</strong>" in clash.content.decode()
    assert Review.objects.get(case_file=case_file).decision == "yes"


def test_the_automatic_draft_save_keeps_an_audit_decision(inspection):
    case_file = files_of(inspection, "Rape")[2]
    reviewer = logged_in(case_file.reviewer)
    form = form_with(reviewer.get(form_url(case_file)).content, "decision")
    url = reverse("reviews:draft_first", kwargs={"pk": inspection.pk, "file_id": case_file.pk})

    response = reviewer.post(url, form.submission("action=save", decision="yes"))

    assert response.status_code == 200 and response.json()["version"] == 1
    assert Review.objects.get(case_file=case_file).decision == "yes"


def test_the_lead_accepts_an_audit_review_from_the_file_page_that_shows_the_decision(inspection):
    case_file = files_of(inspection, "Stalking")[0]
    audit_decided(case_file, "no", accept=False, note="Should have been recorded as harassment.")
    lead = logged_in(inspection.lead)
    url = reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    page = lead.get(url).content.decode()
    accept = form_with(page, "version")  # the accept form, as the page renders it

    assert AUDIT_QUESTION in page and "Should have been recorded as harassment." in page
    assert lead.post(accept.action(url), accept.submission()).status_code == 302
    assert Review.objects.get(case_file=case_file).status == ReviewStatus.ACCEPTED


def test_a_decided_and_compiled_audit_gives_the_stratum_weighted_estimate(inspection):
    # An unusable file is left out: its reserve is brought in and decided in its place.
    unusable = files_of(inspection, "Robbery")[0]
    case_file_mark_unusable(
        inspection=inspection, case_file_id=unusable.pk, reason=UnusableReason.NOT_FOUND, user=inspection.lead
    )
    yes_in = {"Robbery": 17, "Rape": 9, "Stalking": 10}
    for label, yes in yes_in.items():
        for number, case_file in enumerate(files_of(inspection, label)):
            audit_decided(case_file, "yes" if number < yes else "no")

    compile_inspection(inspection=inspection, user=inspection.lead)

    estimate = AuditEstimate.objects.get(inspection=inspection)
    expected = stratified_proportion(
        [StratumTally(label, FRAME[label], QUOTAS[label], yes_in[label]) for label in FRAME]
    )
    assert estimate.question == AUDIT_QUESTION
    assert (estimate.files, estimate.strata_count, estimate.frame_size) == (40, 3, 250)
    assert float(estimate.proportion) == pytest.approx(expected.proportion, abs=5e-5)
    assert float(estimate.margin) == pytest.approx(expected.margin, abs=5e-5)
    assert float(estimate.interval_low) == pytest.approx(expected.interval_low, abs=5e-5)
    written = (
        f"{expected.proportion * 100:.1f}% (± {expected.margin * 100:.1f} percentage points, 95% confidence)"
    )
    assert estimate.as_written() == written
    # Strata that are not in this audit's frame carry no weight; no criterion was answered.
    assert {row["label"] for row in estimate.strata} == set(FRAME)
    assert not CriterionResult.objects.filter(inspection=inspection, n__gt=0).exists()

    lead = logged_in(inspection.lead)
    results = lead.get(reverse("reports:compile", kwargs={"pk": inspection.pk})).content.decode()
    report = lead.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()
    assert written in results
    assert written in report and "40 files decided in 3 strata" in report
    assert "in three crime types: robbery, stalking and rape" in report


def test_a_stratum_without_a_decided_file_leaves_the_audit_without_an_estimate_naming_it(inspection):
    for label in ("Robbery", "Rape"):
        for case_file in files_of(inspection, label):
            audit_decided(case_file, "yes")

    compile_inspection(inspection=inspection, user=inspection.lead)

    estimate = AuditEstimate.objects.get(inspection=inspection)
    assert estimate.proportion is None and estimate.missing_strata == ["Stalking"]
    assert estimate.as_written() == "no estimate yet"


def test_a_recompile_of_unchanged_decisions_keeps_the_same_estimate(inspection):
    for case_file in (
        files_of(inspection, "Stalking") + files_of(inspection, "Rape") + files_of(inspection, "Robbery")
    ):
        audit_decided(case_file, "yes")
    compile_inspection(inspection=inspection, user=inspection.lead)
    first = AuditEstimate.objects.get(inspection=inspection)

    compile_inspection(inspection=inspection, user=inspection.lead)

    again = AuditEstimate.objects.get(inspection=inspection)
    assert (again.pk, again.proportion, again.interval_low) == (
        first.pk,
        first.proportion,
        first.interval_low,
    )
    assert again.as_written().startswith("100.0% (95% confidence interval ")  # no "± 0.0"


def test_a_double_reviewed_audit_file_decided_differently_counts_the_leads_agreed_decision(inspection):
    double_review_select(inspection=inspection, share_percent=10, seed=7)
    case_file = CaseFile.objects.filter(inspection=inspection, double_review=True).select_related(
        "reviewer", "second_reviewer", "inspection"
    )[0]
    audit_decided(case_file, "yes")
    audit_decided(case_file, "no", kind=ReviewKind.SECOND, accept=False)
    lead = logged_in(inspection.lead)
    overview = lead.get(reverse("reviews:double_review", kwargs={"pk": inspection.pk}))
    url = reverse("reviews:adjudicate", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    form = form_with(lead.get(url).content, "decision")

    response = lead.post(url, form.submission(decision="no", decision_note="Not a crime as recorded."))

    assert overview.status_code == 200
    agreement = overview.context["agreement"]
    assert (agreement.files, agreement.decision.pairs, agreement.decision.agreed) == (1, 1, 0)
    assert agreement.per_criterion == []  # an audit has no criteria to agree on
    assert response.status_code == 302
    counted = decisions_that_count(inspection_id=inspection.pk).get(case_file=case_file)
    assert counted.counted_decision == "no"
    assert AdjudicatedDecision.objects.get(case_file=case_file).note == "Not a crime as recorded."


def test_the_audit_pages_read_as_many_queries_for_many_files_as_for_few():
    def queries_for(frame, quotas) -> list[int]:
        inspection = audit_inspection(frame, quotas)
        for case_file in CaseFile.objects.filter(inspection=inspection).select_related(
            "reviewer", "inspection"
        ):
            audit_decided(case_file, "yes")
        compile_inspection(inspection=inspection, user=inspection.lead)
        lead = logged_in(inspection.lead)
        case_file = CaseFile.objects.filter(inspection=inspection).first()
        counts = []
        for url in (
            reverse("reviews:sample", kwargs={"pk": inspection.pk}),
            reverse("reports:compile", kwargs={"pk": inspection.pk}),
            reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": case_file.pk}),
        ):
            with CaptureQueriesContext(connection) as captured:
                assert lead.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries_for({"Robbery": 10, "Rape": 5}, {"Robbery": 2, "Rape": 2})
    many = queries_for(
        {"Robbery": 200, "Rape": 40, "Stalking": 10}, {"Robbery": 20, "Rape": 10, "Stalking": 10}
    )

    assert many == few


def test_the_api_refuses_to_save_an_audit_review_rather_than_clear_its_decision(inspection):
    case_file = files_of(inspection, "Rape")[3]
    audit_decided(case_file, "no", accept=False)
    Review.objects.filter(case_file=case_file).update(status=ReviewStatus.RETURNED)
    url = f"/api/v1/inspections/{inspection.pk}/files/{case_file.pk}/reviews/first/"

    response = logged_in(case_file.reviewer).put(
        url, {"version": 1, "answers": []}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "This inspection is an audit" in response.content.decode()
    assert Review.objects.get(case_file=case_file).decision == "no"


def test_an_audit_files_agreed_decision_needs_a_reason_and_shows_both_reviewers_notes(inspection):
    double_review_select(inspection=inspection, share_percent=10, seed=7)
    case_file = CaseFile.objects.filter(inspection=inspection, double_review=True).select_related(
        "reviewer", "second_reviewer", "inspection"
    )[0]
    audit_decided(case_file, "yes", note="Recorded within 24 hours as the rules ask.")
    audit_decided(case_file, "no", kind=ReviewKind.SECOND, accept=False, note="The crime type is wrong.")
    lead = logged_in(inspection.lead)
    url = reverse("reviews:adjudicate", kwargs={"pk": inspection.pk, "file_id": case_file.pk})
    page = lead.get(url).content.decode()
    assert "Recorded within 24 hours as the rules ask." in page and "The crime type is wrong." in page
    form = form_with(page, "decision")

    response = lead.post(url, form.submission(decision="no"))

    assert response.status_code == 400
    assert "Give the reason for the agreed decision." in response.content.decode()
    assert form_with(response.content, "decision").submission()["decision"] == ["no"]  # kept
    assert not AdjudicatedDecision.objects.filter(case_file=case_file).exists()
