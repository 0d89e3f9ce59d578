from decimal import Decimal

import pytest

from forces.ranking import Comparison, compare_with_forces
from tests.factories.figures import MetricFactory, active_forces, ratio
from tests.factories.inspections import force


def _words(values):
    """The comparison of every value among them all, in the order given."""
    values = [Decimal(v) for v in values]
    return [compare_with_forces(v, values) for v in values]


H, L, IN, NOT = Comparison.HIGHEST, Comparison.LOWEST, Comparison.IN_LINE, Comparison.NOT_RANKED


def test_the_words_are_the_annexs():
    assert H.label == "one of the highest"
    assert L.label == "one of the lowest"
    assert IN.label == "broadly in line with England and Wales"


def test_with_43_forces_the_top_ten_are_one_of_the_highest_and_the_eleventh_is_broadly_in_line():
    words = _words(range(43, 0, -1))  # 43 (rank 1) down to 1 (rank 43)

    assert words[:10] == [H] * 10  # ranks 1-10: 10 ≤ 43/4 = 10.75
    assert words[10] == IN  # rank 11 would be 25.6 percent of the forces
    assert words[10:33] == [IN] * 23
    assert words[33:] == [L] * 10  # ranks 34-43: 10th to 1st from the bottom
    assert words[32] == IN


def test_with_exactly_four_forces_one_is_highest_and_one_is_lowest():
    assert _words([4, 3, 2, 1]) == [H, IN, IN, L]


def test_with_eight_forces_a_quarter_is_two():
    assert _words([8, 7, 6, 5, 4, 3, 2, 1]) == [H, H, IN, IN, IN, IN, L, L]


def test_with_fewer_than_four_forces_no_force_is_ranked():
    assert _words([3, 2, 1]) == [NOT, NOT, NOT]
    assert _words([5]) == [NOT]


def test_tied_forces_share_a_rank_so_a_tie_straddling_the_boundary_is_all_in():
    # The 7s rank 2nd equal: 2 ≤ 8/4, so both are in the top quarter (three forces, not two).
    assert _words([8, 7, 7, 6, 5, 4, 3, 2]) == [H, H, H, IN, IN, IN, L, L]


def test_a_tie_just_past_the_boundary_is_all_out():
    # The 6s rank 3rd equal: 3 > 8/4, so neither is in the top quarter.
    assert _words([8, 7, 6, 6, 5, 4, 3, 2]) == [H, H, IN, IN, IN, IN, L, L]


def test_when_every_force_has_the_same_value_every_force_is_broadly_in_line():
    assert _words([5, 5, 5, 5, 5]) == [IN] * 5


@pytest.mark.django_db
def test_the_force_page_shows_the_words_for_a_force_in_the_top_quarter(client):
    from tests.factories.users import inspector

    metric = MetricFactory(name="Test crimes per 1,000 population", decimal_places=0)
    for index, each in enumerate(active_forces()):
        high = each == force("cleveland")
        ratio(metric, each, 500 if high else index, 1000)
    client.force_login(inspector())

    response = client.get("/forces/cleveland/")

    assert b"<strong>one of the highest</strong>" in response.content
    assert b"Ranked among 43 forces." in response.content
