"""A page printed from the browser holds its content alone: no menus, tabs, filters or buttons."""

import pytest

from reviews.models import CaseFile
from tests.factories.reviews import drawn_inspection, submitted_review
from tests.factories.users import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VISIBLE = "(selector) => [...document.querySelectorAll(selector)].some((e) => e.offsetParent !== null)"


def test_a_file_s_review_prints_without_the_site_s_navigation_and_with_its_answers(journey):
    inspection = drawn_inspection(2)
    case_file = CaseFile.objects.filter(inspection=inspection).select_related("crime").first()
    submitted_review(case_file)
    journey.login(inspection.lead.username, PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/files/{case_file.pk}/")
    page = journey.page
    assert page.evaluate(VISIBLE, "header nav") and page.evaluate(VISIBLE, ".btn")

    page.emulate_media(media="print")
    journey.step("printed")

    for hidden in ("header", ".inspection-tabs", "main nav", ".btn", "footer"):
        assert not page.evaluate(VISIBLE, hidden), f"{hidden} is printed"
    main_text = page.locator("main").inner_text()
    assert case_file.crime_reference in main_text and "Yes" in main_text
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
