"""An inspector completes and submits a review with the keyboard alone: Tab, arrow keys, Space, Enter."""

import pytest
from playwright.sync_api import expect

from reviews.models import Answer, CaseFile, Review, ReviewStatus
from tests.browser.reviewing import applicable_criteria
from tests.factories.reviews import drawn_inspection
from tests.factories.users import PASSWORD, inspector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_KEY_PRESSES = 400

# What has focus, in terms the test can act on, and whether the user can see it: focus drawn
# (:focus-visible) and the element not hidden under something else, such as the sticky button bar.
FOCUSED = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const criterion = el.closest("[data-applicability]");
  const box = el.getBoundingClientRect();
  const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    name: el.name || "",
    value: el.value || "",
    text: (el.innerText || "").replace(/\s+/g, " ").trim(),
    groupAnswered: el.type === "radio" && !!document.querySelector(`input[name="${el.name}"]:checked`),
    criterion: criterion ? criterion.id.replace("criterion-", "") : "",
    applies: criterion ? criterion.querySelector(".not-applicable-note").hidden : true,
    focusVisible: el.matches(":focus-visible"),
    onTop: onTop ? onTop.outerHTML.slice(0, 120) : "",
    unobscured: !!onTop && (onTop === el || el.contains(onTop) || [...(el.labels || [])].includes(onTop)),
  };
}"""


def test_an_inspector_completes_and_submits_a_review_with_the_keyboard_alone(journey):
    kim = inspector(username="kim", first_name="Kim", last_name="Keyboard")
    inspection = drawn_inspection({"Robbery": 1}, team=[kim])
    case_file = CaseFile.objects.select_related("crime").get(inspection=inspection)
    reference = case_file.crime.crime_reference
    journey.login("kim", PASSWORD)
    journey.goto(f"/inspections/{inspection.pk}/files/mine/")
    page = journey.page
    # Without animation, the page has scrolled to the focused element by the time it is looked at
    # (Bootstrap scrolls smoothly unless the user asks for reduced motion).
    page.emulate_media(reduced_motion="reduce")
    keyboard = page.keyboard

    def focus_next(until) -> dict:
        for _ in range(MAX_KEY_PRESSES):
            keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:
                continue
            assert focused["focusVisible"], f"focus is not shown on {focused}"
            assert focused["unobscured"], f"the focused element is hidden under another: {focused}"
            if until(focused):
                return focused
        raise AssertionError("Tabbing never reached the element")

    focus_next(lambda f: f["tag"] == "a" and f["text"] == f"Start {reference}")
    with page.expect_navigation():
        keyboard.press("Enter")
    journey.step("review form, opened by keyboard")
    journey.assert_accessible()

    # The facts: a suspect was identified (the arrow key moves from "Not yet known" to "Yes").
    focus_next(lambda f: f["name"] == "suspect_identified")
    keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "yes"
    applicable = applicable_criteria(page)

    # Every criterion that applies: Space answers "Yes" on the first option; C05 is "No", reached by arrows.
    answered = []
    while True:
        focused = focus_next(
            lambda f: (
                f["text"] == "Submit to the lead"
                or (f["type"] == "radio" and f["criterion"] and f["applies"] and not f["groupAnswered"])
            )
        )
        if focused["text"] == "Submit to the lead":
            break
        if focused["criterion"] == "C05":
            while page.evaluate("document.activeElement.value") != "no":
                keyboard.press("ArrowRight")
        else:
            keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        answered.append(focused["criterion"])
    journey.step("review form, answered by keyboard")
    assert answered == applicable

    with page.expect_navigation():
        keyboard.press("Enter")
    journey.step("submitted by keyboard")
    expect(page.get_by_text(f"Review of {reference} submitted to the lead.")).to_be_visible()

    review = Review.objects.get(case_file=case_file)
    assert review.status == ReviewStatus.SUBMITTED
    answers = dict(Answer.objects.filter(review=review).values_list("criterion__code", "value"))
    assert answers["C05"] == "no"
    assert all(answers[code] == "yes" for code in answered if code != "C05")
    assert "C07" not in answered and answers["C07"] == "not_applicable"  # domestic abuse only
    review.case_file.refresh_from_db()
    assert review.case_file.suspect_identified is True
