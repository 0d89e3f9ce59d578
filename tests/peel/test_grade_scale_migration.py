"""The migration that made PEEL 2016's grades data reverses: back, the levels and finding types go; forward
again, every programme present has the four levels, the ungraded option and its two finding types."""

import pytest
from django.core.management import call_command

from peel.models import FindingType, GradeLevel, Judgment
from tests.factories.inspections import five_level_programme, inspection_with_drafts


def codes(slug: str) -> list[str]:
    return list(
        GradeLevel.objects.filter(programme__slug=slug).order_by("order").values_list("code", flat=True)
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_peel_2016s_scale_goes_back_to_code_and_returns():
    assert codes("peel-effectiveness-2016") == [
        "outstanding", "good", "requires_improvement", "inadequate", "ungraded",
    ]  # fmt: skip

    call_command("migrate", "peel", "0013_grade_scale_finding_types", verbosity=0)
    assert GradeLevel.objects.count() == 0 and FindingType.objects.count() == 0

    call_command("migrate", verbosity=0)  # every app: going back unapplied those that depend on peel
    assert codes("peel-effectiveness-2016")[2] == "requires_improvement"
    assert list(
        FindingType.objects.filter(programme__slug="peel-effectiveness-2016").values_list(
            "plural_label", flat=True
        )
    ) == ["Causes of concern", "Areas for improvement"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_going_back_is_refused_while_a_judgment_holds_a_grade_the_old_code_had_not():
    inspection = inspection_with_drafts(programme=five_level_programme())
    Judgment.objects.filter(inspection=inspection, question__code="1").update(grade="adequate")

    try:
        with pytest.raises(RuntimeError, match="outside PEEL 2016's scale"):
            call_command("migrate", "peel", "0013_grade_scale_finding_types", verbosity=0)
        assert GradeLevel.objects.filter(programme=inspection.programme).count() == 6
    finally:
        # The apps that depend on peel were taken back before the refusal: bring them forward again.
        call_command("migrate", verbosity=0)
