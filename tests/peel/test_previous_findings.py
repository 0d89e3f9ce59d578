"""The previous inspection's AFIs and causes of concern, and the lead's assessment of each."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from peel.models import InspectionStatus, PreviousFindingAssessment
from peel.selectors.inspections import previous_progress
from peel.services.approval import ApprovalAction, approvable_transition
from peel.services.findings import afi_create, cause_of_concern_create, previous_finding_assess
from programmes.services import programme_version_create
from tests.factories.inspections import inspection_with_drafts, peel_2016


def _previous_and_current(*, published: bool):
    programme_2015 = programme_version_create(programme=peel_2016(), name="PEEL 2015", year=2015)
    previous = inspection_with_drafts(programme=programme_2015)
    core = programme_2015.questions.get(code="2")
    afis = []
    for n in range(3):
        afi = afi_create(
            inspection=previous, user=previous.lead, question=core, text=f"The force should do {n}."
        )
        afis.append(approvable_transition(item=afi, user=previous.lead, action=ApprovalAction.APPROVE))
    draft = afi_create(inspection=previous, user=previous.lead, question=core, text="The force should draft.")
    cause = cause_of_concern_create(inspection=previous, user=previous.lead, question=core, text="A concern.")
    cause = approvable_transition(item=cause, user=previous.lead, action=ApprovalAction.APPROVE)
    if published:
        previous.status, previous.published_at = InspectionStatus.PUBLISHED, timezone.now()
        previous.save(update_fields=["status", "published_at"])
    current = inspection_with_drafts()
    assert current.previous == previous
    return previous, current, afis, draft, cause


@pytest.fixture
def previous_and_current(db):
    """Last year's inspection, published, and this year's."""
    return _previous_and_current(published=True)


def test_the_page_lists_the_previous_inspections_approved_findings(client, previous_and_current):
    previous, current, afis, draft, cause = previous_and_current
    client.force_login(current.team.first())

    response = client.get(f"/inspections/{current.pk}/previous/")

    content = response.content.decode()
    assert all(afi.text in content for afi in afis)
    assert cause.text in content
    assert draft.text not in content  # never in the previous report
    assert "0 of 3 areas for improvement addressed" in content
    assert 'name="finding"' not in content  # only the lead records progress


def test_the_lead_records_progress_and_the_overview_states_it(client, previous_and_current):
    previous, current, afis, draft, cause = previous_and_current
    client.force_login(current.lead)

    for afi, progress in zip(afis, ["addressed", "addressed", "partly_addressed"], strict=True):
        client.post(
            f"/inspections/{current.pk}/previous/",
            {
                "finding": f"afi-{afi.pk}",
                f"afi-{afi.pk}-progress": progress,
                f"afi-{afi.pk}-note": "Seen in 2016.",
            },
        )
    client.post(
        f"/inspections/{current.pk}/previous/",
        {
            "finding": f"cause-{cause.pk}",
            f"cause-{cause.pk}-progress": "addressed",
            f"cause-{cause.pk}-note": "",
        },
    )

    overview = client.get(f"/inspections/{current.pk}/").content.decode()
    assert "2 of 3 areas for improvement addressed" in overview
    assert "1 partly addressed" in overview
    assert "1 of 1 cause of concern addressed" in overview
    assert PreviousFindingAssessment.objects.get(afi=afis[0]).note == "Seen in 2016."


def test_assessing_again_updates_the_assessment(previous_and_current):
    previous, current, afis, draft, cause = previous_and_current

    previous_finding_assess(inspection=current, user=current.lead, afi=afis[0], progress="not_addressed")
    previous_finding_assess(
        inspection=current, user=current.lead, afi=afis[0], progress="addressed", note="Now done."
    )

    assessment = PreviousFindingAssessment.objects.get(inspection=current, afi=afis[0])
    assert (assessment.progress, assessment.note) == ("addressed", "Now done.")
    assert assessment.history.count() == 2
    assert previous_progress(current).statement == "1 of 3 areas for improvement addressed"


def test_only_the_previous_inspections_findings_can_be_assessed(previous_and_current):
    previous, current, afis, draft, cause = previous_and_current
    unrelated = inspection_with_drafts(force_slug="durham")
    core = unrelated.programme.questions.get(code="1")
    foreign = afi_create(inspection=unrelated, user=unrelated.lead, question=core, text="The force should x.")

    with pytest.raises(PermissionDenied):
        previous_finding_assess(inspection=current, user=current.lead, afi=foreign, progress="addressed")
    with pytest.raises(PermissionDenied):
        previous_finding_assess(
            inspection=current, user=current.team.first(), afi=afis[0], progress="addressed"
        )


def test_an_invalid_choice_is_refused_with_a_message(client, previous_and_current):
    previous, current, afis, draft, cause = previous_and_current
    client.force_login(current.lead)

    response = client.post(
        f"/inspections/{current.pk}/previous/",
        {"finding": f"afi-{afis[0].pk}", f"afi-{afis[0].pk}-progress": "finished"},
        follow=True,
    )

    assert "Choose addressed, partly addressed or not addressed." in response.content.decode()
    assert not PreviousFindingAssessment.objects.exists()


def test_an_inspection_without_a_previous_one_says_so(client, db):
    inspection = inspection_with_drafts()
    client.force_login(inspection.lead)

    response = client.get(f"/inspections/{inspection.pk}/previous/")

    assert "No previous inspection of Cleveland Police is recorded" in response.content.decode()


@pytest.fixture
def unpublished_previous_of_another_team(db):
    previous, current, afis, draft, cause = _previous_and_current(published=False)
    assert not previous.is_published
    assert not set(previous.team.all()) & set(current.team.all()) and previous.lead != current.lead
    return previous, current, afis, cause


def test_an_unpublished_previous_inspections_findings_stay_with_its_own_team(
    client, unpublished_previous_of_another_team
):
    previous, current, afis, cause = unpublished_previous_of_another_team
    client.force_login(current.lead)

    pages = [client.get(f"/inspections/{current.pk}{page}") for page in ("/previous/", "/", "/report/")]

    assert client.get(f"/inspections/{previous.pk}/").status_code == 404
    for response in pages:
        content = response.content.decode()
        assert response.status_code == 200
        assert not any(afi.text in content for afi in afis)
        assert cause.text not in content
    assert "not yet published: its findings carry over once it is" in pages[0].content.decode()


def test_an_unpublished_previous_inspections_findings_cannot_be_assessed(
    client, unpublished_previous_of_another_team
):
    previous, current, afis, cause = unpublished_previous_of_another_team
    client.force_login(current.lead)

    response = client.post(
        f"/inspections/{current.pk}/previous/",
        {
            "finding": f"afi-{afis[0].pk}",
            f"afi-{afis[0].pk}-progress": "addressed",
            f"afi-{afis[0].pk}-note": "",
        },
    )

    assert response.status_code in (403, 404, 302)
    assert not PreviousFindingAssessment.objects.exists()
