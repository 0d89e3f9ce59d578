"""The report page, the primary publication, meets WCAG 2.2 AA by axe-core (every impact, not only the
serious ones the other journeys check), as a draft and published, on a wide and a narrow screen."""

import pytest
from django.utils import timezone

from peel.models import InspectionStatus
from tests.factories.users import PASSWORD
from tests.publication.builders import approved_inspection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("state", ["draft", "published"])
def test_the_report_page_has_no_wcag_aa_violation(journey, state, width):
    inspection = approved_inspection()
    if state == "published":
        inspection.status, inspection.published_at = InspectionStatus.PUBLISHED, timezone.now()
        inspection.save()
    journey.page.set_viewport_size({"width": width, "height": 900})
    journey.login(inspection.lead.username, PASSWORD)

    journey.goto(f"/inspections/{inspection.pk}/report/")

    assert journey.page.locator("#report-title").is_visible()
    journey.assert_wcag_clean()
