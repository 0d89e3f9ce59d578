import math
import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from peel.models import ApprovalState, Criterion, Judgment, Programme, Question
from reports.models import CriterionResult
from reports.national import INNER, OUTER, criterion_funnel, funnel_limits
from tests.factories.inspections import InspectionFactory, force
from tests.factories.users import admin, inspector, lead

URL = "/national/peel-effectiveness-2016/"


def spiegelhalter_lower_limit(national: Fraction, files: int, tail: Fraction) -> Fraction:
    """An independent, exact computation: the binomial distribution in rational arithmetic."""
    cdf = Fraction(0)
    for count in range(files + 1):
        mass = math.comb(files, count) * national**count * (1 - national) ** (files - count)
        if cdf + mass >= tail:
            return (count - (cdf + mass - tail) / mass) / files
        cdf += mass
    raise AssertionError("unreachable: the cdf reaches 1")


def test_funnel_limits_match_spiegelhalters_interpolation_worked_by_hand():
    # p0 = 0.5, n = 10, lower 95%: P(R ≤ 1) = 11/1024 < 0.025 ≤ P(R ≤ 2) = 56/1024, so r = 2 and
    # α = (56/1024 − 0.025) / (45/1024) = 30.4/45; limit = (2 − 30.4/45) / 10 = 59.6/450. By symmetry the
    # upper limit is 1 − 59.6/450.
    low, high = funnel_limits(0.5, 10, INNER)

    assert low == pytest.approx(59.6 / 450, abs=1e-12)
    assert high == pytest.approx(1 - 59.6 / 450, abs=1e-12)


@pytest.mark.parametrize(("national", "files"), [("0.9", 60), ("0.8", 60), ("0.7", 20), ("0.35", 137)])
@pytest.mark.parametrize("confidence", [INNER, OUTER])
def test_funnel_limits_match_an_exact_rational_computation(national, files, confidence):
    tail = (1 - Fraction(str(confidence))) / 2
    expected_low = max(0, spiegelhalter_lower_limit(Fraction(national), files, tail))
    expected_high = min(1, 1 - spiegelhalter_lower_limit(1 - Fraction(national), files, tail))

    low, high = funnel_limits(float(national), files, confidence)

    assert low == pytest.approx(float(expected_low), abs=1e-12)
    assert high == pytest.approx(float(expected_high), abs=1e-12)


def test_49_of_60_at_a_national_90_percent_is_within_the_limits_but_48_is_below():
    # P(R ≤ 49) = 0.0342 ≥ 0.025: not below the 95% limit (the normal approximation, 0.824, put it below);
    # P(R ≤ 48) = 0.0146 < 0.025: below it.
    low, _ = funnel_limits(0.9, 60, INNER)

    assert binom.cdf(49, 60, 0.9) == pytest.approx(0.0342, abs=5e-5)
    assert 48 / 60 < low < 49 / 60


@given(
    files=st.integers(min_value=1, max_value=400),
    percent=st.integers(min_value=1, max_value=99),
    confidence=st.sampled_from([INNER, OUTER]),
    data=st.data(),
)
def test_a_count_is_outside_the_limits_exactly_when_the_one_sided_binomial_test_says_so(
    files, percent, confidence, data
):
    met = data.draw(st.integers(min_value=0, max_value=files))
    national, tail = percent / 100, (1 - confidence) / 2

    low, high = funnel_limits(national, files, confidence)

    assert (met / files < low) == (binom.cdf(met, files, national) < tail)
    assert (met / files > high) == (binom.sf(met - 1, files, national) < tail)


def test_funnel_limits_stay_within_0_and_100_percent():
    assert funnel_limits(1.0, 30, OUTER) == (pytest.approx(1 - 0.999 / 30, abs=1e-12), 1.0)
    assert funnel_limits(0.0, 30, OUTER) == (0.0, pytest.approx(0.999 / 30, abs=1e-12))
    assert funnel_limits(0.95, 5, INNER)[1] == 1.0


def test_funnel_limits_need_at_least_one_file():
    with pytest.raises(ValueError, match="at least one file"):
        funnel_limits(0.5, 0, INNER)


@pytest.mark.parametrize("files", [60.0, 2.5, True, "60"])
def test_funnel_limits_refuse_a_number_of_files_that_is_not_a_whole_number(files):
    with pytest.raises(TypeError, match="files must be a whole number"):
        funnel_limits(0.5, files, INNER)


@pytest.mark.django_db
def test_a_funnel_names_the_forces_outside_its_limits():
    criterion = _criterion("T01")
    counts = [(1, "Avon", 48, 60), (2, "Bedford", 47, 60), (3, "Cheshire", 20, 60), (4, "Durham", 60, 60)]

    funnel = criterion_funnel(criterion=criterion, counts=counts)

    assert funnel.national == 175 / 240
    assert funnel.points[0].outer == funnel_limits(175 / 240, 60, OUTER)
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
    # p0 = 0.7 over 1,000 files; a 20-file inspection with 9 met: P(R ≤ 9) = 0.017, below 0.025 but
    # above 0.001
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
    _judgment(cleveland, overall, "good")
    _judgment(cleveland, core, "good")
    _judgment(durham, core, "requires_improvement")
    _judgment(durham, overall, "inadequate", approved=False)
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
def test_the_national_view_does_not_name_a_small_inspection_the_exact_test_does_not_flag(client):
    programme = _programme()
    criterion = _criterion("T01", programme)
    for slug, met, files in [("kent", 549, 600), ("durham", 49, 60), ("cheshire", 50, 60)]:
        _result(InspectionFactory(force=force(slug), programme=programme), criterion, met, files)
    client.force_login(lead())

    html = client.get(URL).content.decode()

    # p0 = 648/720 = 0.9; P(R ≤ 49) = 0.034 for 60 files: not below the 95% limit (the normal
    # approximation put it below).
    assert "Over all inspections 90.0% of the files reviewed met it." in html
    assert "Durham: 49 of 60" not in html
    assert "Every inspection is within the 95% limits." in html


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
                _judgment(inspection, question, "good")
            for criterion in criteria:
                _result(inspection, criterion, 40, 60)

    # session, user, the user's groups, programme, questions, inspections with forces, judgments,
    # criterion results, criteria; the unread notifications (the menu's badge)
    add(["cleveland", "durham"])
    with django_assert_max_num_queries(11):
        assert client.get(URL).status_code == 200
    add(
        ["kent", "essex", "surrey", "sussex", "dorset", "gwent", "cumbria", "norfolk", "suffolk", "wiltshire"]
    )
    with django_assert_max_num_queries(11):
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
