"""Every free-text field has a length limit (docs/inspections.md, "Length limits"): a longer submission
through the page is refused with a message naming the field, the text is kept in the form, and nothing is
saved; the database refuses it too."""

import pytest
from django.db import IntegrityError, transaction

from peel.models import AreaForImprovement, CauseOfConcern, EvidenceNote, Judgment, limits
from tests.forms_in_html import form_with


def _pages(cast):
    """(page, the field to fill, its label, its limit, how to read what is stored)."""
    i = f"/inspections/{cast.inspection.pk}"
    return {
        "judgment rationale": (
            f"{i}/judgments/{cast.judgment.pk}/",
            "rationale",
            "Rationale",
            limits.REPORT_PROSE,
            lambda: Judgment.objects.get(pk=cast.judgment.pk).rationale,
        ),
        "summary of findings": (
            f"{i}/findings/{cast.summary.pk}/",
            "text",
            "Summary of findings",
            limits.REPORT_PROSE,
            lambda: cast.inspection.finding_summaries.get(pk=cast.summary.pk).text,
        ),
        "evidence note": (
            f"{i}/evidence/{cast.note.pk}/edit/",
            "text",
            "What you saw or heard",
            limits.EVIDENCE,
            lambda: EvidenceNote.objects.get(pk=cast.note.pk).text,
        ),
        "area for improvement": (
            f"{i}/afis/{cast.afi.pk}/",
            "text",
            "Area for improvement",
            limits.STATEMENT,
            lambda: AreaForImprovement.objects.get(pk=cast.afi.pk).text,
        ),
        "cause of concern": (
            f"{i}/causes/{cast.cause.pk}/",
            "text",
            "Cause of concern",
            limits.CONCERN,
            lambda: CauseOfConcern.objects.get(pk=cast.cause.pk).text,
        ),
        "recommendation": (
            f"{i}/recommendations/{cast.recommendation.pk}/",
            "text",
            "Recommendation",
            limits.STATEMENT,
            lambda: cast.afi.recommendations.get().text,
        ),
    }


PAGES = [
    "judgment rationale", "summary of findings", "evidence note", "area for improvement",
    "cause of concern", "recommendation",
]  # fmt: skip


def test_the_pages_cover_every_length_limited_form(cast):
    assert set(_pages(cast)) == set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_an_oversize_text_is_refused_naming_the_field_and_nothing_is_saved(client, cast, page):
    path, field, label, limit, stored = _pages(cast)[page]
    client.force_login(cast.lead)
    before = stored()
    data = form_with(client.get(path).content, field).submission()
    oversize = "The force should ensure that " + "x" * limit
    data[field] = [oversize]

    response = client.post(path, data)

    assert response.status_code in (200, 400, 409)
    content = response.content.decode()
    assert f"{label}: at most {limit:,} characters; this has {len(oversize):,}." in content
    assert oversize in content  # kept in the form, to be shortened
    assert stored() == before


@pytest.mark.parametrize("page", PAGES)
def test_text_at_the_limit_is_saved(client, cast, page):
    path, field, label, limit, stored = _pages(cast)[page]
    client.force_login(cast.lead)
    data = form_with(client.get(path).content, field).submission()
    opening = "The force should ensure that "
    data[field] = [opening + "x" * (limit - len(opening))]

    response = client.post(path, data)

    assert response.status_code == 302
    assert len(stored()) == limit


def test_the_database_refuses_an_oversize_text_from_any_path(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgment.objects.filter(pk=cast.judgment.pk).update(rationale="x" * (limits.REPORT_PROSE + 1))
