"""Which criteria apply to a file, rule by rule, from the file's facts."""

from dataclasses import replace

import pytest

from peel.models import Applicability, Criterion
from reviews.applicability import FileFacts, criterion_applies

PLAIN = FileFacts(
    outcome_code=None,
    domestic_abuse=False,
    vulnerable_victim=False,
    repeat_victim=False,
    suspect_identified=True,
    risk_level="",
)


CASES = [
    (Applicability.ALL, {}, True),
    (Applicability.DOMESTIC_ABUSE, {}, False),
    (Applicability.DOMESTIC_ABUSE, {"domestic_abuse": True}, True),
    (Applicability.DOMESTIC_ABUSE, {"vulnerable_victim": True}, False),
    (Applicability.VULNERABLE_VICTIM, {}, False),
    (Applicability.VULNERABLE_VICTIM, {"vulnerable_victim": True}, True),
    (Applicability.VULNERABLE_VICTIM, {"domestic_abuse": True}, False),
    (Applicability.VULNERABLE_OR_DOMESTIC_ABUSE, {}, False),
    (Applicability.VULNERABLE_OR_DOMESTIC_ABUSE, {"repeat_victim": True}, False),
    (Applicability.VULNERABLE_OR_DOMESTIC_ABUSE, {"vulnerable_victim": True}, True),
    (Applicability.VULNERABLE_OR_DOMESTIC_ABUSE, {"domestic_abuse": True}, True),
    (
        Applicability.VULNERABLE_OR_DOMESTIC_ABUSE,
        {"domestic_abuse": True, "vulnerable_victim": True},
        True,
    ),
    (Applicability.EVIDENTIAL_DIFFICULTIES, {"outcome_code": 14}, True),
    (Applicability.EVIDENTIAL_DIFFICULTIES, {"outcome_code": 15}, True),
    (Applicability.EVIDENTIAL_DIFFICULTIES, {"outcome_code": 16}, True),
    (Applicability.EVIDENTIAL_DIFFICULTIES, {"outcome_code": 1}, False),
    (Applicability.EVIDENTIAL_DIFFICULTIES, {}, False),
    (Applicability.VICTIM_DID_NOT_SUPPORT, {"outcome_code": 14}, True),
    (Applicability.VICTIM_DID_NOT_SUPPORT, {"outcome_code": 15}, False),
    (Applicability.VICTIM_DID_NOT_SUPPORT, {"outcome_code": 16}, True),
    (Applicability.VICTIM_DID_NOT_SUPPORT, {}, False),
    (Applicability.SUSPECT_IDENTIFIED, {}, True),
    (Applicability.SUSPECT_IDENTIFIED, {"suspect_identified": False}, False),
    (Applicability.SUSPECT_IDENTIFIED, {"suspect_identified": None}, True),  # not known yet: ask
]


@pytest.mark.parametrize(("rule", "facts", "applies"), CASES)
def test_each_rule_applies_to_the_files_its_facts_describe(rule, facts, applies):
    assert criterion_applies(rule, replace(PLAIN, **facts)) is applies


def test_every_rule_is_covered():
    covered = {
        rule for rule, _, _ in test_each_rule_applies_to_the_files_its_facts_describe.pytestmark[0].args[1]
    }

    assert covered == set(Applicability.values)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("C07", Applicability.DOMESTIC_ABUSE),
        ("C08", Applicability.DOMESTIC_ABUSE),
        ("C09", Applicability.VULNERABLE_OR_DOMESTIC_ABUSE),
        ("C10", Applicability.VULNERABLE_OR_DOMESTIC_ABUSE),
        ("C17", Applicability.SUSPECT_IDENTIFIED),
        ("C22", Applicability.VICTIM_DID_NOT_SUPPORT),
    ],
)
def test_the_2016_criteria_that_apply_to_some_files_only_have_the_rule_the_reference_supports(code, rule):
    criterion = Criterion.objects.get(programme__slug="peel-effectiveness-2016", code=code)

    assert criterion.applicability == rule


@pytest.mark.django_db
def test_every_other_2016_criterion_applies_to_every_file():
    some_files_only = {"C07", "C08", "C09", "C10", "C17", "C22"}

    others = Criterion.objects.filter(programme__slug="peel-effectiveness-2016").exclude(
        code__in=some_files_only
    )

    assert others.count() == 16
    assert set(others.values_list("applicability", flat=True)) == {Applicability.ALL}
