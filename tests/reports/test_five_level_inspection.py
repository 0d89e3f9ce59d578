"""An inspection under a five-level programme (outstanding, good, adequate, requires improvement,
inadequate), end to end: the compile proposes on five levels, the judgment page offers them, the report
shows them in their words and colours, the national view counts them and the API names them."""

import re

import pytest

from peel.models import ApprovalState, Judgment
from reports.services.runs import compile_inspection
from tests.api.conftest import token_client
from tests.factories.inspections import InspectionFactory, five_level_programme, force
from tests.factories.users import admin
from tests.forms_in_html import form_with
from tests.reports.builders import approved_judgment, notes_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    inspection = InspectionFactory(programme=five_level_programme(), force=force("cleveland"))
    notes_add(inspection, "1.2", strengths=9, weaknesses=1)  # 90% strengths, fewer than 10: good
    notes_add(inspection, "2.2", strengths=5, weaknesses=5)  # 50%: adequate
    notes_add(inspection, "3.1", strengths=8, weaknesses=2)  # 80%: good
    notes_add(inspection, "4.1", strengths=2, weaknesses=4)  # 33%: requires improvement
    return inspection


def proposed(inspection, code: str) -> Judgment:
    return Judgment.objects.get(inspection=inspection, question__code=code)


def test_the_compile_proposes_on_five_levels_and_says_which_rule_and_why(inspection):
    compile_inspection(inspection=inspection)

    grades = {code: proposed(inspection, code).proposed_grade for code in ("1", "2", "3", "4", "0")}
    assert grades == {"1": "good", "2": "adequate", "3": "good", "4": "requires_improvement", "0": "adequate"}
    assert proposed(inspection, "2").proposed_reasons[-1] == (
        "Proposed adequate because the share of strengths among notes recording a strength or a weakness: "
        "50% (below 60%)."
    )
    overall = proposed(inspection, "0").proposed_reasons
    assert overall[1].startswith(
        "Rule (on the scale of five grades inadequate, requires improvement, adequate, good, outstanding)"
    )
    assert overall[2] == (
        "Proposed adequate: ordered, the four graded core questions are requires improvement, adequate, "
        "good and good; the two middle grades are adequate and good, next to each other, so the worse of "
        "them, adequate."
    )
    inspection.programme.refresh_from_db()
    assert inspection.programme.grading_rules["name"] == "peel default grading rules, five levels"


def test_the_judgment_page_offers_the_five_levels_and_the_lead_approves_adequate(client, inspection):
    compile_inspection(inspection=inspection)
    judgment = proposed(inspection, "2")
    url = f"/inspections/{inspection.pk}/judgments/{judgment.pk}/"
    client.force_login(inspection.lead)

    page = client.get(url).content.decode()
    form = form_with(page, "grade")
    options = re.findall(r'<option value="([a-z_]+)"', page)
    client.post(form.action(url), form.submission(grade="adequate", rationale="The force is adequate."))
    client.post(f"{url}approve/")

    assert options == ["outstanding", "good", "adequate", "requires_improvement", "inadequate"]
    assert "The compile proposed: Adequate" in page
    judgment.refresh_from_db()
    assert (judgment.grade, judgment.state) == ("adequate", ApprovalState.APPROVED)


def test_a_grade_from_outside_the_scale_is_refused_by_the_form(client, inspection):
    compile_inspection(inspection=inspection)
    judgment = proposed(inspection, "2")
    url = f"/inspections/{inspection.pk}/judgments/{judgment.pk}/"
    client.force_login(inspection.lead)
    form = form_with(client.get(url).content, "grade")

    response = client.post(form.action(url), {**form.submission(), "grade": "satisfactory"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    judgment.refresh_from_db()
    assert judgment.grade == ""


def test_the_report_shows_adequate_in_its_words_and_colour(client, inspection):
    compile_inspection(inspection=inspection)
    approved = proposed(inspection, "2")
    approved.grade, approved.state = "adequate", ApprovalState.APPROVED
    approved.save()
    client.force_login(inspection.lead)

    html = client.get(f"/inspections/{inspection.pk}/report/").content.decode()

    assert re.search(
        r'<span class="grade grade-adequate" style="background-color: #f2c94c; color: #1b1b1b">'
        r"Adequate</span>",
        html,
    )
    # The overall proposal is shown, marked as the compile's.
    assert re.search(r"grade-adequate[^>]*>Adequate</span> <span class=\"status-mark\">\(proposed", html)


def test_the_national_view_counts_approved_grades_per_level_of_the_programme(client):
    programme = five_level_programme()
    grades = {"cleveland": "adequate", "durham": "adequate", "cumbria": "good", "kent": "inadequate"}
    for slug, grade in grades.items():
        approved_judgment(InspectionFactory(programme=programme, force=force(slug)), "1", grade)
    client.force_login(admin())

    html = client.get(f"/national/{programme.slug}/").content.decode()

    headings = re.search(r'<table class="table table-sm w-auto grade-distribution">.*?</thead>', html, re.S)
    assert re.findall(r'<th scope="col" class="text-end">(.*?)</th>', headings.group(0)) == [
        "Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate", "Ungraded",
        "Not yet approved",
    ]  # fmt: skip
    row = re.search(r'<th scope="row" class="fw-normal">1: .*?</tr>', html, re.S).group(0)
    assert re.findall(r'<td class="text-end">(\d+)</td>', row) == ["0", "1", "2", "0", "1", "0", "0"]


def test_the_api_gives_the_scale_and_each_judgments_level_with_its_label(inspection):
    compile_inspection(inspection=inspection)
    client = token_client(inspection.lead)

    programme = client.get(f"/api/v1/programmes/{inspection.programme.slug}/").json()
    judgments = client.get(f"/api/v1/inspections/{inspection.pk}/judgments/").json()

    assert [level["code"] for level in programme["grade_levels"]] == [
        "outstanding", "good", "adequate", "requires_improvement", "inadequate", "ungraded",
    ]  # fmt: skip
    assert [t["code"] for t in programme["finding_types"]] == [
        "cause_of_concern", "area_for_improvement", "innovative_practice", "promising_practice",
    ]  # fmt: skip
    core_2 = next(j for j in judgments["results"] if j["question"] == "2")
    assert (core_2["proposed_grade"], core_2["proposed_grade_label"]) == ("adequate", "Adequate")
