"""seed_national: the generated national dataset behind make bench and the national view."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Sum

from demo.cleveland_figures import cleveland_figures_ensure
from demo.national import grade_floors, grade_for
from forces.models import UNIT_MULTIPLIER, Force, Metric, MetricValue, PublishedFigure
from peel.models import EvidenceNote, Inspection, Judgment
from reports.services.runs import compile_inspection
from reviews.models import Answer, CaseFile, CrimeListImport, Review, ReviewStatus, SampleDraw
from tests.factories.inspections import InspectionFactory, ProgrammeFactory, five_level_programme
from tests.factories.scales import FIVE_LEVELS
from tests.reports.builders import programme_2016

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def published_figures():
    """The England and Wales figures the report publishes, and Cleveland's (what seed_demo loads)."""
    cleveland_figures_ensure()


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_national", *args, stdout=out)
    return out.getvalue()


def fingerprint(inspection: Inspection) -> list:
    return list(
        Answer.objects.filter(review__case_file__inspection=inspection)
        .order_by("review__case_file__crime__crime_reference", "criterion__code")
        .values_list("review__case_file__crime__crime_reference", "criterion__code", "value")
    )


def test_each_generated_inspection_has_a_team_a_sample_reviews_notes_and_draft_judgments():
    output = seed("--forces", "2", "--seed", "7")

    inspections = list(Inspection.objects.filter(is_generated=True).order_by("force__name"))
    assert [i.force.name for i in inspections] == ["Avon and Somerset Constabulary", "Bedfordshire Police"]
    assert "national dataset (seed 7): 2 inspections generated" in output
    for inspection in inspections:
        assert inspection.programme == programme_2016()
        assert inspection.lead is not None and inspection.team.count() == 3
        assert CrimeListImport.objects.get(inspection=inspection).is_generated
        assert SampleDraw.objects.filter(inspection=inspection).exists()
        files = CaseFile.objects.filter(inspection=inspection)
        assert files.count() == 60
        assert Review.objects.filter(case_file__in=files, status=ReviewStatus.ACCEPTED).count() == 60
        assert Answer.objects.filter(review__case_file__in=files).count() == 60 * 22
        assert EvidenceNote.objects.filter(inspection=inspection).count() == 300
        assert all(
            note.startswith("GENERATED") for note in inspection.evidence_notes.values_list("text", flat=True)
        )
        drafts = Judgment.objects.filter(inspection=inspection, state="draft").exclude(
            grade__in=["", "ungraded"]
        )
        assert drafts.count() == 5  # the overall question and four graded core questions


def test_forces_with_a_real_inspection_are_left_alone():
    real = InspectionFactory(programme=programme_2016(), force=Force.objects.get(slug="avon-and-somerset"))

    output = seed("--forces", "2", "--seed", "7")

    assert "left as it is: Avon and Somerset Constabulary (already has a real inspection)" in output
    assert Inspection.objects.filter(programme=programme_2016()).count() == 2
    assert not CaseFile.objects.filter(inspection=real).exists()


def test_running_it_again_adds_nothing():
    seed("--forces", "2", "--seed", "7")
    counts = (
        Inspection.objects.count(),
        Answer.objects.count(),
        EvidenceNote.objects.count(),
        MetricValue.objects.count(),
    )

    output = seed("--forces", "2", "--seed", "7")

    assert (
        Inspection.objects.count(),
        Answer.objects.count(),
        EvidenceNote.objects.count(),
        MetricValue.objects.count(),
    ) == counts
    assert "0 inspections generated, 2 left as they were, 0 generated force figures" in output


def test_the_same_seed_gives_the_same_data_and_another_seed_different_data():
    seed("--forces", "1", "--seed", "7")
    inspection = Inspection.objects.get(is_generated=True)
    first = fingerprint(inspection)
    digest = compile_inspection(inspection=inspection).output_digest
    inspection.delete()

    seed("--forces", "1", "--seed", "7")
    again = Inspection.objects.get(is_generated=True)
    assert fingerprint(again) == first
    assert compile_inspection(inspection=again).output_digest == digest
    again.delete()

    seed("--forces", "1", "--seed", "8")
    assert fingerprint(Inspection.objects.get(is_generated=True)) != first


def test_generated_figures_keep_the_computed_england_and_wales_figure_at_the_published_one():
    seed("--forces", "3", "--seed", "7")

    metric = Metric.objects.get(code="calls_for_assistance_per_1000")
    values = MetricValue.objects.filter(metric=metric, period=metric.period)
    assert values.filter(generated=True).count() == 3
    totals = values.aggregate(numerator=Sum("numerator"), denominator=Sum("denominator"))
    computed = totals["numerator"] / totals["denominator"] * UNIT_MULTIPLIER[metric.unit]
    published = PublishedFigure.objects.get(metric=metric, period=metric.period).value
    assert computed == pytest.approx(published, abs=Decimal("0.5"))


def test_every_generated_force_has_every_published_metric():
    seed("--forces", "2", "--seed", "7")

    per_force = MetricValue.objects.filter(generated=True).values("force").annotate(n=Count("pk"))
    expected = PublishedFigure.objects.count()
    assert [row["n"] for row in per_force] == [expected, expected]


def test_the_number_of_forces_is_checked():
    with pytest.raises(CommandError, match="--forces must be between 1 and 43"):
        seed("--forces", "44")


def test_under_a_five_level_programme_the_grades_spread_over_its_five_levels():
    programme = five_level_programme()

    output = seed("--forces", "12", "--seed", "7", "--programme", programme.slug)

    inspections = Inspection.objects.filter(programme=programme, is_generated=True)
    assert inspections.count() == 12
    assert "national dataset (seed 7): 12 inspections generated" in output
    first = inspections.order_by("force__name").first()
    assert (first.review_window_start.year, CaseFile.objects.filter(inspection=first).count()) == (2016, 60)
    grades = set(
        Judgment.objects.filter(inspection__in=inspections, question__level="core")
        .exclude(grade="ungraded")
        .values_list("grade", flat=True)
    )
    assert "adequate" in grades
    assert grades <= {"outstanding", "good", "adequate", "requires_improvement", "inadequate"}
    assert not Inspection.objects.filter(programme=programme_2016(), is_generated=True).exists()


def test_the_grade_floors_split_any_scale_from_best_to_worst():
    assert grade_floors(4) == (0.9, -0.35, -1.1)
    assert grade_floors(5) == (0.9, 0.0, -0.6, -1.1)
    assert grade_floors(3) == pytest.approx((0.9, -1.1))
    assert [grade_for(score, FIVE_LEVELS) for score in (1.0, 0.5, -0.3, -0.8, -2.0)] == [
        "outstanding", "good", "adequate", "requires_improvement", "inadequate",
    ]  # fmt: skip


def test_a_five_level_national_programme_compiles_and_proposes_on_five_levels():
    programme = five_level_programme()
    seed("--forces", "1", "--seed", "7", "--programme", programme.slug)
    inspection = Inspection.objects.get(programme=programme)

    compile_inspection(inspection=inspection)

    proposed = set(Judgment.objects.filter(inspection=inspection).values_list("proposed_grade", flat=True))
    assert proposed - {""} <= {level.code for level in FIVE_LEVELS.graded}


def test_an_unknown_programme_is_named_with_those_present():
    with pytest.raises(CommandError, match="No programme has the slug 'peel-2099'.*peel-effectiveness-2016"):
        seed("--programme", "peel-2099")


def test_a_programme_without_a_sample_design_is_refused_saying_what_it_lacks():
    bare = ProgrammeFactory(name="Bare", slug="bare")

    with pytest.raises(CommandError, match="Bare cannot carry a national dataset: it has no sample design"):
        seed("--forces", "1", "--programme", bare.slug)
