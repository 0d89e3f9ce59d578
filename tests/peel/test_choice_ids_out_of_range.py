"""An id too large for the database in a multiple choice is refused with the field's message, not a 500
(SQLite raises OverflowError for such an integer; found by tests/reliability/test_form_fuzzing.py)."""

import pytest

from tests.factories.inspections import force, peel_2016

TOO_LARGE = str(2**63)


@pytest.mark.parametrize("value", [TOO_LARGE, "-" + TOO_LARGE, "1e3", "\x00"])
def test_creating_an_inspection_with_an_impossible_team_id_is_refused_with_a_message(client, cast, value):
    client.force_login(cast.admin)

    response = client.post(
        "/inspections/new/",
        {
            "force": force("kent").pk,
            "programme": peel_2016().pk,
            "team": [value],
            "review_window_start": "2016-01-01",
            "review_window_end": "2016-03-31",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["team"]


def test_an_afi_resting_on_an_impossible_note_id_is_refused_with_a_message(client, cast):
    client.force_login(cast.lead)
    core_3 = cast.inspection.programme.questions.get(code="3")

    response = client.post(
        f"/inspections/{cast.inspection.pk}/afis/new/",
        {
            "question": core_3.pk,
            "text": "The force should act.",
            "evidence_notes": [TOO_LARGE],
            "criteria": [TOO_LARGE],
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["evidence_notes"] and form.errors["criteria"]
