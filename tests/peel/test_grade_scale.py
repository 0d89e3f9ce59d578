"""A programme's grade scale and finding types are data: set on an unused programme, refused with every
problem named, copied to a new version, readable on any badge, and enforced on judgments."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from peel.models import ApprovalState, FindingKind, GradeLevel, Judgment, contrast_ratio
from peel.services.approval import approvable_update
from peel.services.scales import PEEL_2016_LEVELS, PEEL_2021_LEVELS, grade_scale_set
from programmes.services import programme_version_create
from tests.factories.inspections import (
    ProgrammeFactory,
    five_level_programme,
    inspection_with_drafts,
    peel_2016,
)

pytestmark = pytest.mark.django_db


def test_peel_2016_has_four_grades_best_first_and_the_ungraded_option():
    scale = peel_2016().grade_scale

    assert [level.code for level in scale.graded] == [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    ]
    assert scale.ungraded.code == "ungraded"
    assert [scale.rank(code) for code in ("inadequate", "outstanding", "ungraded")] == [1, 4, None]
    assert [t.code for t in peel_2016().finding_types.all()] == [
        FindingKind.CAUSE_OF_CONCERN,
        FindingKind.AREA_FOR_IMPROVEMENT,
    ]


def test_a_five_level_programme_has_adequate_between_good_and_requires_improvement():
    programme = five_level_programme()

    assert [level.label for level in programme.grade_scale.graded] == [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
    ]
    assert programme.finding_kinds == frozenset(FindingKind.values)


@pytest.mark.parametrize("levels", [PEEL_2016_LEVELS, PEEL_2021_LEVELS])
def test_every_shipped_badge_colour_has_readable_text(levels):
    programme = ProgrammeFactory(scale=levels)

    for level in programme.grade_levels.all():
        assert contrast_ratio(level.colour, level.text_colour) >= 4.5, level.code


def test_a_broken_scale_is_refused_naming_each_problem_and_nothing_is_saved():
    programme = ProgrammeFactory()
    broken = [
        {"code": "Good", "label": "Good", "report_wording": "good", "colour": "green"},
        {"code": "poor", "label": "", "report_wording": "poor", "colour": "#a4262c"},
        {"code": "poor", "label": "Poor", "report_wording": "poor", "colour": "#a4262c"},
    ]

    with pytest.raises(ValidationError) as refused:
        grade_scale_set(programme=programme, levels=broken)

    assert refused.value.messages == [
        "levels[1].code: must be lower-case letters, digits and underscores",
        "levels[1].colour: must be #rrggbb, not 'green'",
        "levels[2].label: missing",
        "levels[3].code: 'poor' is used twice",
    ]
    assert programme.grade_levels.count() == len(PEEL_2016_LEVELS)


def test_the_scale_of_a_programme_in_use_cannot_change():
    inspection = inspection_with_drafts()

    with pytest.raises(ValidationError, match="make a new version"):
        grade_scale_set(programme=inspection.programme, levels=PEEL_2021_LEVELS)


def test_two_levels_of_one_programme_cannot_share_a_code_or_a_place():
    programme = ProgrammeFactory()
    for clash in ({"code": "good", "order": 99}, {"code": "new", "order": 1}):
        with pytest.raises(IntegrityError), transaction.atomic():
            GradeLevel.objects.create(
                programme=programme, label="X", report_wording="x", colour="#000000", **clash
            )


def test_a_new_version_keeps_the_scale_and_the_finding_types():
    copy = programme_version_create(programme=five_level_programme())

    assert [level.code for level in copy.grade_scale.levels] == [
        "outstanding", "good", "adequate", "requires_improvement", "inadequate", "ungraded",
    ]  # fmt: skip
    assert copy.finding_kinds == frozenset(FindingKind.values)


def test_a_judgment_accepts_only_a_grade_of_its_programmes_scale():
    inspection = inspection_with_drafts()
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")

    with pytest.raises(ValidationError, match="'adequate' is not a grade of PEEL effectiveness 2016"):
        approvable_update(item=judgment, user=inspection.lead, changes={"grade": "adequate"})

    judgment.refresh_from_db()
    assert judgment.grade == ""


def test_a_five_level_judgment_can_be_adequate():
    inspection = inspection_with_drafts(programme=five_level_programme())
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")

    saved = approvable_update(item=judgment, user=inspection.lead, changes={"grade": "adequate"})

    assert (saved.grade, saved.state) == ("adequate", ApprovalState.DRAFT)
    assert saved.approval_problems() == []
