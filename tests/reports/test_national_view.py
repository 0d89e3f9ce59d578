import math
import re

import pytest

from peel.models import ApprovalState, Criterion, Grade, Judgment, Programme, Question
from reports.models import CriterionResult
from reports.national import INNER, OUTER, criterion_funnel, funnel_limits
from tests.factories.inspections import InspectionFactory, force
from tests.factories.users import admin, inspector, lead

URL = "/national/peel-effectiveness-2016/"


def test_funnel_limits_match_hand_computed_values():
    # p0 = 0.8, n = 60: sd = sqrt(0.8 × 0.2 / 60) = 0.0516398; z = 1.959964 and 3.090232
    low, high = funnel_limits(0.8, 60, INNER)
    assert (round(low, 5), round(high, 5)) == (0.69879, 0.90121)
    low, high = funnel_limits(0.8, 60, OUTER)
    assert (round(low, 5), round(high, 5)) == (0.64042, 0.95958)
    # p0 = 0.5, n = 10: sd = 0.1581139; 95% half-width 0.309897
    low, high = funnel_limits(0.5, 10, INNER)
    assert (round(low, 5), round(high, 5)) == (0.19010, 0.80990)


def test_funnel_limits_are_clipped_to_0_and_100_percent():
    # p0 = 0.95, n = 5: 95% half-width 1.959964 × sqrt(0.0475 / 5) = 0.191033
    assert funnel_limits(0.95, 5, INNER) == (pytest.approx(0.758967, abs=1e-6), 1.0)
    assert funnel_limits(1.0, 30, OUTER) == (1.0, 1.0)


def test_funnel_limits_need_at_least_one_file():
    with pytest.raises(ValueError, match="at least one file"):
        funnel_limits(0.5, 0, INNER)


@pytest.mark.django_db
def test_a_funnel_names_the_forces_outside_its_limits():
    criterion = _criterion("T01")
    counts = [(1, "Avon", 48, 60), (2, "Bedford", 47, 60), (3, "Cheshire", 20, 60), (4, "Durham", 60, 60)]

    funnel = criterion_funnel(criterion=criterion, counts=counts)

    assert funnel.national == 175 / 240
    sd = math.sqrt(funnel.national * (1 - funnel.national) / 60)
    assert funnel.points[0].outer == pytest.approx(
        (funnel.national - 3.090232 * sd, funnel.national + 3.090232 * sd)
    )
    positions = {point.force: point.position for point in funnel.points}
    assert positions == {
        "Avon": "",
        "Bedford": "",
        "Cheshire": "below the 99.8% limit",
        "Durham": "above the 99.8% limit",
    }
    assert "<title>T01" in funnel.svg


@pytest.mark.django_db
def test_a_point_between_the_95_and_998_limits_is_named_against_the_95_limit():
    criterion = _criterion("T02")
    # p0 = 0.7 over 1,000 files; a 20-file inspection with 9 met: 0.45, below 0.7 − 1.96 × 0.1025 = 0.499
    # but above 0.7 − 3.09 × 0.1025 = 0.383
    counts = [(1, "Big", 691, 980), (2, "Small", 9, 20)]

    funnel = criterion_funnel(criterion=criterion, counts=counts)

    assert funnel.national == 0.7
    assert {point.force: point.position for point in funnel.points}["Small"] == "below the 95% limit"


@pytest.mark.django_db
def test_a_criterion_without_reviewed_files_has_no_funnel():
    assert criterion_funnel(criterion=_criterion("T03"), counts=[(1, "Avon", 0, 0)]) is None


@pytest.mark.django_db
@pytest.mark.parametrize("make_user", [lead, admin], ids=["lead", "admin"])
def test_leads_and_admins_see_the_national_view(client, make_user):
    client.force_login(make_user())

    assert client.get("/national/").status_code == 200
    response = client.get(URL)

    assert response.status_code == 200
    assert b"National view: PEEL effectiveness 2016" in response.content


@pytest.mark.django_db
def test_an_inspector_is_refused_the_national_view(client):
    client.force_login(inspector())

    assert client.get("/national/").status_code == 403
    assert client.get(URL).status_code == 403
    assert b'href="/national/"' not in client.get("/forces/").content


@pytest.mark.django_db
def test_an_unknown_programme_is_a_404(client):
    client.force_login(lead())

    assert client.get("/national/no-such-programme/").status_code == 404


@pytest.mark.django_db
def test_the_national_view_shows_every_inspections_grades_and_their_distribution(client):
    programme = _programme()
    core = Question.objects.get(programme=programme, code="1")
    overall = Question.objects.get(programme=programme, code="0")
    cleveland = InspectionFactory(force=force("cleveland"), programme=programme)
    durham = InspectionFactory(force=force("durham"), programme=programme)
    _judgment(cleveland, overall, Grade.GOOD)
    _judgment(cleveland, core, Grade.GOOD)
    _judgment(durham, core, Grade.REQUIRES_IMPROVEMENT)
    _judgment(durham, overall, Grade.INADEQUATE, approved=False)
    client.force_login(admin())

    html = client.get(URL).content.decode()

    cleveland_row = re.search(r"<th scope=\"row\">Cleveland Police.*?</tr>", html, re.DOTALL).group(0)
    durham_row = re.search(r"<th scope=\"row\">Durham Constabulary.*?</tr>", html, re.DOTALL).group(0)
    assert re.findall(r"<td>(.*?)</td>", cleveland_row)[:2] == ["Good", "Good"]
    assert re.findall(r"<td>(.*?)</td>", durham_row)[:2] == ["<em>Inadequate</em>", "Requires improvement"]
    question_1 = re.search(r"<th scope=\"row\" class=\"fw-normal\">1: .*?</tr>", html, re.DOTALL).group(0)
    # Outstanding, Good, Requires improvement, Inadequate, Ungraded, not yet approved
    assert re.findall(r'<td class="text-end">(\d+)</td>', question_1) == ["0", "1", "1", "0", "0", "0"]
    overall_row = re.search(
        r"<th scope=\"row\" class=\"fw-normal\">Overall: .*?</tr>", html, re.DOTALL
    ).group(0)
    assert re.findall(r'<td class="text-end">(\d+)</td>', overall_row) == ["0", "1", "0", "0", "0", "1"]


@pytest.mark.django_db
def test_the_national_view_draws_a_funnel_per_criterion_and_lists_forces_outside(client):
    programme = _programme()
    criterion = _criterion("T01", programme)
    for slug, met in [("avon-and-somerset", 48), ("bedfordshire", 47), ("cheshire", 20), ("durham", 49)]:
        _result(InspectionFactory(force=force(slug), programme=programme), criterion, met, 60)
    client.force_login(lead())

    html = client.get(URL).content.decode()

    assert html.count('<svg role="img"') == 1
    assert "<li>Cheshire: 20 of 60 files, below the 99.8% limit</li>" in html
    assert "Over all inspections 68.3% of the files reviewed met it." in html


@pytest.mark.django_db
def test_the_national_view_shows_new_results_as_soon_as_they_are_compiled(client):
    programme = _programme()
    criterion = _criterion("T01", programme)
    results = [
        _result(InspectionFactory(force=force(slug), programme=programme), criterion, met, 60)
        for slug, met in [("avon-and-somerset", 48), ("bedfordshire", 47), ("cheshire", 20)]
    ]
    client.force_login(lead())
    assert "<li>Cheshire: 20 of 60 files, below the 99.8% limit</li>" in client.get(URL).content.decode()

    CriterionResult.objects.filter(pk=results[2].pk).update(yes=45, no=15)  # as a re-compile would

    html = client.get(URL).content.decode()
    assert "Cheshire: 20 of 60" not in html
    assert "Every inspection is within the 95% limits." in html
    assert "Over all inspections 77.8% of the files reviewed met it." in html


@pytest.mark.django_db
def test_the_national_view_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    programme = _programme()
    criteria = [_criterion(f"T0{number}", programme) for number in range(1, 4)]
    client.force_login(lead())

    def add(slugs):
        for slug in slugs:
            inspection = InspectionFactory(force=force(slug), programme=programme, team=[])
            for question in Question.objects.filter(programme=programme, level__in=["overall", "core"]):
                _judgment(inspection, question, Grade.GOOD)
            for criterion in criteria:
                _result(inspection, criterion, 40, 60)

    # session, user, the user's groups, programme, questions, inspections with forces, judgments,
    # criterion results, criteria
    add(["cleveland", "durham"])
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
    add(
        ["kent", "essex", "surrey", "sussex", "dorset", "gwent", "cumbria", "norfolk", "suffolk", "wiltshire"]
    )
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def _programme() -> Programme:
    return Programme.objects.get(slug="peel-effectiveness-2016")


def _criterion(code: str, programme: Programme | None = None) -> Criterion:
    return Criterion.objects.create(
        programme=programme or _programme(),
        section="Test",
        code=code,
        text=f"Criterion {code}",
        order=int(code[1:]),
    )


def _judgment(inspection, question, grade, approved=True):
    Judgment.objects.create(
        inspection=inspection,
        question=question,
        grade=grade,
        state=ApprovalState.APPROVED if approved else ApprovalState.DRAFT,
    )


def _result(inspection, criterion, met, files) -> CriterionResult:
    return CriterionResult.objects.create(
        inspection=inspection,
        criterion=criterion,
        n=files,
        yes=met,
        partly=0,
        no=files - met,
        not_known=0,
        threshold=criterion.threshold,
    )
