"""The question framework: PEEL effectiveness 2016 as the report's contents list has it, and the rule that
a programme in use is never changed destructively (new version instead). Its file: tests/programmes/."""

import pytest

from authoring.models import ProgrammeReportText
from figures.models import FigureDefinition
from peel.models import Programme, Question, QuestionLevel
from programmes.reading import ProgrammeFileError
from programmes.services import programme_version_create
from reviews.models import DesignTemplate
from tests.factories.inspections import inspection_with_drafts, peel_2016

# The reference report's contents list (HMIC, PEEL: Police effectiveness 2016 – Cleveland), with
# "Cleveland" written as the framework's {force_area}.
REPORT_CONTENTS = {
    "1": (
        "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
        "safe?",
        [
            "How much crime and anti-social behaviour is there in {force_area}?",
            "How effectively does the force understand the threat or risk of harm within the communities it "
            "serves?",
            "How effectively do force actions and activities prevent crime and anti-social behaviour?",
        ],
    ),
    "2": (
        "How effective is the force at investigating crime and reducing re-offending?",
        [
            "How well does the force bring offenders to justice?",
            "How effective is the force's initial investigative response?",
            "How effective is the force's subsequent investigation?",
            "How effectively does the force reduce re-offending?",
        ],
    ),
    "3": (
        "How effective is the force at protecting those who are vulnerable from harm, and supporting "
        "victims?",
        [
            "How effectively does the force identify those who are vulnerable and assess their level of risk "
            "and need?",
            "How effectively does the force initially respond to vulnerable victims?",
            "How effectively does the force investigate offences involving vulnerable victims and work with "
            "external partners to keep victims safe?",
        ],
    ),
    "4": (
        "How effective is the force at tackling serious and organised crime?",
        [
            "How effectively does the force understand the threat and risk posed by serious and organised "
            "crime?",
            "How effectively does the force respond to serious and organised crime?",
            "How effectively does the force prevent serious and organised crime?",
        ],
    ),
    "5": (
        "How effective are the force's specialist capabilities?",
        [
            "How effective are the force's arrangements to ensure that it can fulfil its national policing "
            "responsibilities?",
            "How well prepared is the force to respond to a firearms attack?",
        ],
    ),
}


def _framework(programme: Programme) -> dict:
    cores = programme.questions.filter(level=QuestionLevel.CORE).order_by("order")
    return {core.code: (core.text, [sub.text for sub in core.children.order_by("order")]) for core in cores}


@pytest.mark.django_db
def test_the_migration_loads_the_reports_five_core_questions_and_their_sub_questions():
    programme = peel_2016()

    assert _framework(programme) == REPORT_CONTENTS
    overall = programme.questions.get(level=QuestionLevel.OVERALL)
    assert overall.text == "How effective is the force at keeping people safe and reducing crime?"
    assert list(programme.questions.filter(level="core", graded=False).values_list("code", flat=True)) == [
        "5"
    ]
    assert programme.questions.get(code="1.1").text_for("Cleveland") == (
        "How much crime and anti-social behaviour is there in Cleveland?"
    )


@pytest.mark.django_db
def test_a_new_version_copies_the_questions_and_criteria_and_can_then_change():
    original = peel_2016()
    criteria_before = original.criteria.count()
    inspection_with_drafts()

    copy_ = programme_version_create(programme=original)

    assert copy_.name == "PEEL effectiveness 2016 (version 2)"
    assert copy_.previous_version == original
    assert _framework(copy_) == _framework(original)
    assert copy_.criteria.count() == criteria_before
    for criterion in copy_.criteria.prefetch_related("questions"):
        assert {q.programme_id for q in criterion.questions.all()} <= {copy_.pk}
    assert not copy_.is_in_use()
    assert programme_version_create(programme=original).name == "PEEL effectiveness 2016 (version 3)"
    assert Question.objects.filter(programme=original).count() == 21


@pytest.mark.django_db
def test_a_new_version_refuses_a_name_or_a_slug_already_taken_and_replaces_nothing():
    original = peel_2016()
    unused = programme_version_create(programme=original)
    with pytest.raises(ProgrammeFileError, match="another programme is called 'PEEL effectiveness 2016'"):
        programme_version_create(programme=original, name="PEEL effectiveness 2016", slug="other")
    with pytest.raises(ProgrammeFileError, match=f"already has the slug '{unused.slug}'"):
        programme_version_create(programme=original, name="Another name", slug=unused.slug)
    assert Programme.objects.get(pk=unused.pk).name == unused.name


@pytest.mark.django_db
def test_a_new_version_holds_every_part_of_the_programme_with_the_year_and_description_given():
    original = peel_2016()

    copy_ = programme_version_create(
        programme=original, name="PEEL 2015", slug="peel-2015", year=2015, description="Last year's."
    )

    assert (copy_.year, copy_.description, copy_.previous_version) == (2015, "Last year's.", original)
    assert DesignTemplate.objects.filter(programme=copy_).count() == 1
    assert FigureDefinition.objects.filter(programme=copy_).count() == original.figure_definitions.count() > 0
    assert ProgrammeReportText.objects.filter(programme=copy_).count() == (
        ProgrammeReportText.objects.filter(programme=original).count()
    )
