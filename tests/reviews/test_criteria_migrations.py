"""Corrections to the seeded PEEL 2016 criteria are migrations that can be reversed."""

import pytest
from django.core.management import call_command

from peel.models import Applicability, Criterion


def c22() -> Criterion:
    return Criterion.objects.get(programme__slug="peel-effectiveness-2016", code="C22")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_c22_moves_to_the_victim_did_not_support_rule_and_back():
    assert c22().applicability == Applicability.VICTIM_DID_NOT_SUPPORT
    assert "14 or 16" in c22().help_text

    call_command("migrate", "reviews", "0003", verbosity=0)
    assert c22().applicability == Applicability.EVIDENTIAL_DIFFICULTIES

    call_command("migrate", verbosity=0)  # every app: going back unapplied those that depend on reviews
    assert c22().applicability == Applicability.VICTIM_DID_NOT_SUPPORT


def criterion(code: str) -> Criterion:
    return Criterion.objects.get(programme__slug="peel-effectiveness-2016", code=code)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_c09_and_c10_move_to_the_vulnerable_or_domestic_abuse_rule_and_back():
    for code in ("C09", "C10"):
        assert criterion(code).applicability == Applicability.VULNERABLE_OR_DOMESTIC_ABUSE
        assert "every domestic-abuse file" in criterion(code).help_text

    call_command("migrate", "reviews", "0004", verbosity=0)
    assert [criterion(code).applicability for code in ("C09", "C10")] == [Applicability.VULNERABLE_VICTIM] * 2
    assert criterion("C09").help_text == ""
    assert criterion("C10").help_text == (
        "Consider whether the referral was made in time for continuing safeguarding."
    )

    call_command("migrate", verbosity=0)  # every app: going back unapplied those that depend on reviews
    assert criterion("C10").applicability == Applicability.VULNERABLE_OR_DOMESTIC_ABUSE
