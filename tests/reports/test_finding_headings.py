"""The report's headings for areas for improvement and causes of concern are the programme's own words
for those finding types (a programme is data), and the code's only where a programme has none."""

import pytest
from django.urls import reverse

from peel.models import FindingKind, FindingType
from reports.services.report_content import report_content
from tests.reports.builders import reportable_inspection

pytestmark = pytest.mark.django_db


def test_the_report_heads_each_kind_of_finding_with_the_programmes_words(client):
    inspection = reportable_inspection()
    FindingType.objects.filter(programme=inspection.programme, code=FindingKind.AREA_FOR_IMPROVEMENT).update(
        plural_label="Things the force should improve"
    )
    client.force_login(inspection.lead)

    html = client.get(reverse("publication:report", kwargs={"pk": inspection.pk})).content.decode()

    assert "<h4>Things the force should improve</h4>" in html
    assert "<h4>Areas for improvement</h4>" not in html


def test_without_its_finding_types_a_programme_gets_the_usual_words():
    inspection = reportable_inspection()
    FindingType.objects.filter(programme=inspection.programme).delete()

    labels = report_content(inspection=inspection).finding_labels

    assert labels[FindingKind.AREA_FOR_IMPROVEMENT].plural == "Areas for improvement"
    assert labels[FindingKind.CAUSE_OF_CONCERN].singular == "Cause of concern"
