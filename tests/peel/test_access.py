"""Who may open which inspection page: anonymous visitors log in, outsiders get 404 for everything under
/inspections/<pk>/, team members get 403 for what only the lead (or the note's author) may do, and an
Admin who is not on the team may look but not write. Each page is asked by all five kinds of visitor."""

import pytest

OK, FORBIDDEN = 200, 403


def _pages(cast) -> dict[str, tuple[str, dict[str, int]]]:
    """page name -> (path, expected status for the team inspector, the lead and an admin)."""
    i = f"/inspections/{cast.inspection.pk}"
    all_see = {"inspector": OK, "lead": OK, "admin": OK}
    team_writes = {"inspector": OK, "lead": OK, "admin": FORBIDDEN}
    lead_only = {"inspector": FORBIDDEN, "lead": OK, "admin": FORBIDDEN}
    judgment = cast.approved_judgment()
    return {
        "overview": (f"{i}/", all_see),
        "framework": (f"{i}/framework/", all_see),
        "evidence list": (f"{i}/evidence/", all_see),
        "evidence create": (f"{i}/evidence/new/", team_writes),
        "evidence edit (own note)": (f"{i}/evidence/{cast.note.pk}/edit/", team_writes),
        "evidence delete (own note)": (f"{i}/evidence/{cast.note.pk}/delete/", team_writes),
        "evidence history": (f"{i}/evidence/{cast.note.pk}/history/", lead_only),
        "judgment list": (f"{i}/judgments/", all_see),
        "judgment detail": (f"{i}/judgments/{judgment.pk}/", all_see),
        "judgment history": (f"{i}/judgments/{judgment.pk}/history/", lead_only),
        "judgment reopen form": (f"{i}/judgments/{judgment.pk}/reopen/", lead_only),
        "summary list": (f"{i}/findings/", all_see),
        "summary detail": (f"{i}/findings/{cast.summary.pk}/", all_see),
        "afi list": (f"{i}/afis/", all_see),
        "afi detail": (f"{i}/afis/{cast.afi.pk}/", all_see),
        "afi create": (f"{i}/afis/new/", team_writes),
        "afi reject form": (f"{i}/afis/{cast.afi.pk}/reject/", lead_only),
        "afi history": (f"{i}/afis/{cast.afi.pk}/history/", lead_only),
        "cause list": (f"{i}/causes/", all_see),
        "cause detail": (f"{i}/causes/{cast.cause.pk}/", all_see),
        "cause create": (f"{i}/causes/new/", team_writes),
        "recommendation create": (f"{i}/afis/{cast.afi.pk}/recommendations/new/", team_writes),
        "recommendation edit": (f"{i}/recommendations/{cast.recommendation.pk}/", team_writes),
        "previous findings": (f"{i}/previous/", all_see),
        "settings": (f"{i}/settings/", lead_only),
    }


PAGE_NAMES = [
    "overview", "framework", "evidence list", "evidence create", "evidence edit (own note)",
    "evidence delete (own note)", "evidence history", "judgment list", "judgment detail", "judgment history",
    "judgment reopen form", "summary list", "summary detail", "afi list", "afi detail", "afi create",
    "afi reject form", "afi history", "cause list", "cause detail", "cause create", "recommendation create",
    "recommendation edit", "previous findings", "settings",
]  # fmt: skip


def test_the_matrix_covers_every_page_of_an_inspection(cast):
    assert set(_pages(cast)) == set(PAGE_NAMES)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_each_page_answers_every_kind_of_visitor_as_the_rules_say(client, cast, page):
    path, expected = _pages(cast)[page]
    expected = {"anonymous": 302, "outsider": 404, **expected}

    answers = {}
    for visitor in expected:
        client.logout()
        if visitor != "anonymous":
            client.force_login(cast.user(visitor))
        response = client.get(path)
        answers[visitor] = response.status_code
        if visitor == "anonymous":
            assert response["Location"].startswith("/accounts/login/")

    assert answers == expected


def test_another_team_member_cannot_edit_or_delete_a_note_they_did_not_write(client, cast):
    client.force_login(cast.inspector2)
    base = f"/inspections/{cast.inspection.pk}/evidence/{cast.note.pk}"

    assert client.get(f"{base}/edit/").status_code == 403
    assert client.post(f"{base}/edit/", {"text": "changed"}).status_code == 403
    assert client.post(f"{base}/delete/").status_code == 403
    cast.note.refresh_from_db()
    assert cast.note.text != "changed"


@pytest.mark.parametrize("role", ["inspector", "admin"])
def test_only_the_lead_approves(client, cast, role):
    client.force_login(cast.user(role))
    path = f"/inspections/{cast.inspection.pk}/findings/{cast.summary.pk}/approve/"

    assert client.post(path).status_code == 403
    cast.summary.refresh_from_db()
    assert cast.summary.state == "draft"


@pytest.mark.parametrize("role", ["inspector", "admin"])
def test_only_the_lead_reopens_or_rejects(client, cast, role):
    judgment = cast.approved_judgment()
    client.force_login(cast.user(role))
    i = f"/inspections/{cast.inspection.pk}"

    assert client.post(f"{i}/judgments/{judgment.pk}/reopen/", {"reason": "why not"}).status_code == 403
    assert client.post(f"{i}/afis/{cast.afi.pk}/reject/", {"reason": "no"}).status_code == 403
    judgment.refresh_from_db()
    cast.afi.refresh_from_db()
    assert judgment.state == "approved"
    assert not cast.afi.rejected


@pytest.mark.parametrize("role", ["inspector", "admin"])
def test_only_the_lead_moves_the_inspection_on(client, cast, role):
    client.force_login(cast.user(role))

    response = client.post(f"/inspections/{cast.inspection.pk}/status/", {"status": "fieldwork"})

    assert response.status_code == 403
    cast.inspection.refresh_from_db()
    assert cast.inspection.status == "setup"


def test_only_the_lead_records_previous_findings_progress(client, cast):
    client.force_login(cast.inspector)

    response = client.post(f"/inspections/{cast.inspection.pk}/previous/", {"finding": "afi-1"})

    assert response.status_code == 403


@pytest.mark.parametrize(("role", "expected"), [("admin", 200), ("lead", 403), ("inspector", 403)])
def test_only_admins_open_the_new_inspection_page(client, cast, role, expected):
    client.force_login(cast.user(role))

    assert client.get("/inspections/new/").status_code == expected


def test_an_outsider_sees_their_own_inspection_and_not_the_other(client, cast):
    client.force_login(cast.outsider)

    response = client.get("/")

    assert b"Durham Constabulary" in response.content
    assert b"Cleveland Police" not in response.content


def test_pages_of_an_inspection_that_does_not_exist_are_404_for_everyone(client, cast):
    client.force_login(cast.admin)

    assert client.get("/inspections/999999/").status_code == 404
    assert client.get(f"/inspections/{cast.inspection.pk}/judgments/999999/").status_code == 404
