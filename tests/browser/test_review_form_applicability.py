"""The review form's script follows the file's facts: which criteria apply changes as the reviewer ticks."""

import os
from pathlib import Path

import pytest

from reviews.models import CaseFile
from tests.browser.reviewing import applicable_criteria
from tests.factories.reviews import drawn_inspection
from tests.factories.users import PASSWORD, inspector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = os.environ.get("PEEL_SHOTS")  # a folder to keep the screenshots in, when walking it by hand


def test_safeguarding_and_referrals_apply_to_every_domestic_abuse_file_and_to_vulnerable_victims(journey):
    kim = inspector(username="kim", first_name="Kim", last_name="Keyboard")
    inspection = drawn_inspection({"Robbery": 1}, team=[kim])
    case_file = CaseFile.objects.get(inspection=inspection)
    journey.login("kim", PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/files/{case_file.pk}/review/first/")
    page = journey.page

    def facts(domestic_abuse: str, vulnerable_victim: str) -> set[str]:
        page.locator(f"input[name=domestic_abuse][value='{domestic_abuse}']").check()
        page.locator(f"input[name=vulnerable_victim][value='{vulnerable_victim}']").check()
        return {"C07", "C08", "C09", "C10"} & set(applicable_criteria(page))

    assert facts("no", "no") == set()
    assert facts("yes", "no") == {"C07", "C08", "C09", "C10"}
    page.locator("#criterion-C09").scroll_into_view_if_needed()
    journey.step("domestic abuse, victim not ticked vulnerable")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/review-form-domestic-abuse.png")
    assert facts("no", "yes") == {"C09", "C10"}
    assert facts("yes", "yes") == {"C07", "C08", "C09", "C10"}
