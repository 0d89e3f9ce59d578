"""The question framework: PEEL effectiveness 2016 as the report's contents list has it, and the rule that
a programme in use is never changed destructively (new version instead). Its file: tests/programmes/."""

import pytest
from django.core.exceptions import ValidationError

from peel.models import Programme, Question, QuestionLevel
from peel.services.frameworks import programme_new_version
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

    copy_ = programme_new_version(programme=original)

    assert copy_.name == "PEEL effectiveness 2016 (version 2)"
    assert copy_.previous_version == original
    assert _framework(copy_) == _framework(original)
    assert copy_.criteria.count() == criteria_before
    for criterion in copy_.criteria.prefetch_related("questions"):
        assert {q.programme_id for q in criterion.questions.all()} <= {copy_.pk}
    assert not copy_.is_in_use()
    assert programme_new_version(programme=original).name == "PEEL effectiveness 2016 (version 3)"
    assert Question.objects.filter(programme=original).count() == 21


@pytest.mark.django_db
def test_a_new_version_refuses_a_name_already_taken():
    with pytest.raises(ValidationError, match="already called 'PEEL effectiveness 2016'"):
        programme_new_version(programme=peel_2016(), name="PEEL effectiveness 2016", slug="other")
