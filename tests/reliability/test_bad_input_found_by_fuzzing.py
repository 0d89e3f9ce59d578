"""Input that once gave a 500 on PostgreSQL, which refuses a NUL byte in any text it compares or stores:
each is now ignored or refused with a message naming what is wrong."""

import pytest
from django.urls import reverse

from reviews.models import AdjudicatedAnswer, CaseFile, ReviewKind
from reviews.services.double_review import double_review_select
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["peel:evidence_create", "peel:afi_new"])
def test_a_question_code_with_a_null_character_in_a_link_is_ignored(client, world, page):
    client.force_login(world.lead)

    response = client.get(reverse(page, kwargs={"pk": world.inspection.pk}), {"question": "3.1\x00"})

    assert response.status_code == 200
    assert response.context["form"].initial.get("question") is None


def test_an_adjudication_note_with_a_null_character_is_refused_with_a_message(client):
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery").first()
    accepted_review(case_file)
    submitted_review(case_file, ReviewKind.SECOND, overrides={"C01": "no"})
    c01 = next(criterion for criterion in criteria_2016() if criterion.code == "C01")
    client.force_login(inspection.lead)

    response = client.post(
        reverse("reviews:adjudicate", kwargs={"pk": inspection.pk, "file_id": case_file.pk}),
        {f"value_{c01.pk}": "no", f"note_{c01.pk}": "Log shows\x00 no THRIVE"},
    )

    assert response.status_code == 400
    # The form's own check, named by the field in the error summary.
    assert "Reason for C01: Null characters are not allowed." in response.content.decode()
    assert not AdjudicatedAnswer.objects.filter(case_file=case_file).exists()
