"""Innovative and promising practice: written and approved on their own pages in a programme whose finding
types include them, shown in the report under their headings, and absent from programmes without them."""

import pytest
from django.core.exceptions import ValidationError

from peel.models import ApprovalState, FindingKind, NotablePractice
from peel.services.practice import notable_practice_create
from tests.factories.inspections import five_level_programme, inspection_with_drafts
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db

TEXT = "The problem-solving hub shares what works with every neighbourhood team."


def test_the_team_writes_promising_practice_and_the_lead_approves_it_into_the_report(client):
    inspection = inspection_with_drafts(programme=five_level_programme())
    url = f"/inspections/{inspection.pk}/practice/new/"
    client.force_login(inspection.team.first())
    form = form_with(client.get(url).content, "kind")
    core_1 = inspection.programme.questions.get(code="1")

    created = client.post(
        form.action(url),
        form.submission(question=str(core_1.pk), kind=FindingKind.PROMISING_PRACTICE, text=TEXT),
    )
    practice = NotablePractice.objects.get(inspection=inspection)
    client.force_login(inspection.lead)
    client.post(f"/inspections/{inspection.pk}/practice/{practice.pk}/approve/")
    listing = client.get(f"/inspections/{inspection.pk}/practice/").content.decode()
    report = client.get(f"/inspections/{inspection.pk}/report/").content.decode()

    assert created.status_code == 302
    practice.refresh_from_db()
    assert (practice.kind, practice.state, practice.question.code) == (
        "promising_practice",
        ApprovalState.APPROVED,
        "1",
    )
    assert TEXT[:40] in listing
    assert "<h4>Promising practice</h4>" in report and TEXT in report
    assert "<h4>Innovative practice</h4>" not in report  # a heading only where there is something under it


def test_the_form_offers_the_practice_kinds_of_the_programme(client):
    inspection = inspection_with_drafts(programme=five_level_programme())
    client.force_login(inspection.lead)

    form = form_with(client.get(f"/inspections/{inspection.pk}/practice/new/").content, "kind")
    kind = next(control for control in form.controls if control.name == "kind")

    assert [option["value"] for option in kind.options] == ["innovative_practice", "promising_practice"]


def test_a_programme_without_practice_has_no_practice_pages_and_the_service_refuses(client):
    inspection = inspection_with_drafts()
    client.force_login(inspection.lead)

    assert client.get(f"/inspections/{inspection.pk}/practice/").status_code == 404
    assert b"Innovative and promising practice" not in client.get(f"/inspections/{inspection.pk}/").content
    with pytest.raises(ValidationError, match="does not record innovative practice"):
        notable_practice_create(
            inspection=inspection,
            user=inspection.lead,
            question=inspection.programme.questions.get(code="1"),
            kind=FindingKind.INNOVATIVE_PRACTICE,
            text=TEXT,
        )
