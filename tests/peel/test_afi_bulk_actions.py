"""The lead accepts, rejects or merges several proposed AFIs at once from the AFI list, by submitting what
the rendered page holds; a stale list or an incomplete AFI refuses the whole action and keeps the ticks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peel.models import AfiOrigin, ApprovalState, AreaForImprovement, Criterion
from tests.factories.users import inspector
from tests.forms_in_html import form_with
from tests.reports.builders import inspection_2016, notes_add, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return inspection_2016()


def proposed(inspection, sub: str, text: str, *, criteria=(), notes=()) -> AreaForImprovement:
    core = sub.split(".")[0]
    afi = AreaForImprovement.objects.create(
        inspection=inspection,
        question=question(inspection, core),
        text=text,
        proposed_text=text,
        origin=AfiOrigin.QUESTION,
        source_key=f"question:{sub}",
        order=100 + int(sub.split(".")[1]),
    )
    afi.criteria.set(Criterion.objects.filter(programme=inspection.programme, code__in=criteria))
    afi.evidence_notes.set(notes)
    return afi


@pytest.fixture
def three(inspection):
    notes = notes_add(inspection, "2.4", weaknesses=1, flagged=1)
    return [
        proposed(inspection, "2.2", "The force should ensure that call-handlers advise.", criteria=["C03"]),
        proposed(inspection, "2.3", "The force should supervise investigations.", criteria=["C14", "C19"]),
        proposed(inspection, "2.4", "The force should arrest suspects promptly.", notes=notes),
    ]


def list_url(inspection, query: str = "") -> str:
    return f"/inspections/{inspection.pk}/afis/{query}"


def bulk_form(client, inspection, query: str = ""):
    response = client.get(list_url(inspection, query))
    assert response.status_code == 200
    return form_with(response.content, "afi")


def submit(client, inspection, button: str, *, afis, query: str = "", **changes):
    form = bulk_form(client, inspection, query)
    data = form.submission(button, afi=[str(afi.pk) for afi in afis], **changes)
    return client.post(form.action(list_url(inspection)), data)


def states(afis) -> list[tuple[str, bool]]:
    return [
        (afi.state, afi.rejected) for afi in AreaForImprovement.objects.filter(pk__in=[a.pk for a in afis])
    ]


def test_the_lead_accepts_several_proposals_at_once(client, inspection, three):
    client.force_login(inspection.lead)

    response = submit(client, inspection, "action=accept", afis=three[:2])

    assert response.status_code == 302
    assert states(three) == [(ApprovalState.APPROVED, False)] * 2 + [(ApprovalState.DRAFT, False)]
    assert "2 areas for improvement approved." in client.get(response["Location"]).content.decode()


def test_accepting_approves_none_when_one_is_not_complete_and_names_it(client, inspection, three):
    AreaForImprovement.objects.filter(pk=three[1].pk).update(text="  ")
    client.force_login(inspection.lead)

    response = submit(client, inspection, "action=accept", afis=three)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was approved" in page and "(2): write the area for improvement." in page
    assert states(three) == [(ApprovalState.DRAFT, False)] * 3
    kept = form_with(response.content, "afi").submission("action=accept")
    assert sorted(kept["afi"]) == sorted(str(afi.pk) for afi in three)


def test_rejecting_needs_a_reason_and_keeps_it_in_each_ones_history(client, inspection, three):
    client.force_login(inspection.lead)

    refused = submit(client, inspection, "action=reject", afis=three[:2])
    assert refused.status_code == 200
    assert "Give a reason for rejecting" in refused.content.decode()
    assert states(three) == [(ApprovalState.DRAFT, False)] * 3

    response = submit(client, inspection, "action=reject", afis=three[:2], reason="Covered by the cause.")

    assert response.status_code == 302
    assert states(three) == [(ApprovalState.DRAFT, True)] * 2 + [(ApprovalState.DRAFT, False)]
    assert AreaForImprovement.history.filter(id=three[0].pk).first().history_change_reason == (
        "Rejected: Covered by the cause."
    )


def test_merging_asks_for_the_text_then_makes_one_draft_resting_on_all_their_links(client, inspection, three):
    client.force_login(inspection.lead)

    step = submit(client, inspection, "action=merge", afis=three)

    assert step.status_code == 200
    merge = form_with(step.content, "text")
    data = merge.submission()
    assert data["text"] == ["\n\n".join(afi.text for afi in three)]
    assert data["question"] == [str(three[0].question_id)]
    response = client.post(
        merge.action(""), merge.submission(text="The force should improve its investigations end to end.")
    )

    merged = AreaForImprovement.objects.get(text="The force should improve its investigations end to end.")
    assert response["Location"] == f"/inspections/{inspection.pk}/afis/{merged.pk}/"
    assert (merged.origin, merged.state, merged.rejected) == (AfiOrigin.LEAD, ApprovalState.DRAFT, False)
    assert sorted(merged.criteria.values_list("code", flat=True)) == ["C03", "C14", "C19"]
    assert set(merged.evidence_notes.all()) == set(three[2].evidence_notes.all())
    assert states(three) == [(ApprovalState.DRAFT, True)] * 3
    reasons = {AreaForImprovement.history.filter(id=afi.pk).first().history_change_reason for afi in three}
    assert reasons == {f"Rejected: Merged into area for improvement {merged.pk} under 2"}


def test_merging_one_is_refused(client, inspection, three):
    client.force_login(inspection.lead)

    response = submit(client, inspection, "action=merge", afis=three[:1])

    assert response.status_code == 200
    assert "Tick at least two areas for improvement to merge." in response.content.decode()


def test_a_stale_list_refuses_the_whole_action_naming_the_item_and_keeps_the_choices(
    client, inspection, three
):
    client.force_login(inspection.lead)
    form = bulk_form(client, inspection, "?show=proposals")
    data = form.submission("action=reject", afi=[str(afi.pk) for afi in three], reason="Not needed.")
    changed = AreaForImprovement.objects.get(pk=three[1].pk)
    changed.text = "The force should supervise investigations, as the lead now says."
    changed.save()

    response = client.post(form.action(list_url(inspection)), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone changed “The force should supervise investigations, as the lead now" in page
    assert "nothing was done" in page
    assert states(three) == [(ApprovalState.DRAFT, False)] * 3
    kept = form_with(response.content, "afi").submission("action=reject")
    assert sorted(kept["afi"]) == sorted(str(afi.pk) for afi in three)
    assert kept["reason"] == ["Not needed."] and kept["show"] == ["proposals"]


def test_nothing_ticked_is_a_clear_message(client, inspection, three):
    client.force_login(inspection.lead)

    response = submit(client, inspection, "action=accept", afis=[])

    assert response.status_code == 200
    assert "Tick at least one area for improvement." in response.content.decode()


def test_only_open_afis_have_a_checkbox_and_the_filter_shows_the_undecided_proposals(
    client, inspection, three
):
    AreaForImprovement.objects.filter(pk=three[0].pk).update(state=ApprovalState.APPROVED)
    client.force_login(inspection.lead)

    everything = client.get(list_url(inspection)).content.decode()
    undecided = client.get(list_url(inspection, "?show=proposals")).content.decode()

    assert three[0].text in everything and f'name="afi" value="{three[0].pk}"' not in everything
    assert f'name="afi" value="{three[1].pk}"' in everything
    assert three[0].text not in undecided and three[1].text in undecided


def test_an_inspector_sees_no_bulk_actions_and_may_not_post_them(client, inspection, three):
    member = inspection.team.first()
    client.force_login(member)

    page = client.get(list_url(inspection)).content.decode()
    response = client.post(f"/inspections/{inspection.pk}/afis/selected/", {"afi": [three[0].pk]})

    assert "Accept selected" not in page
    assert response.status_code == 403
    assert states(three) == [(ApprovalState.DRAFT, False)] * 3


def test_an_outsider_gets_404(client, inspection, three):
    client.force_login(inspector())

    response = client.post(f"/inspections/{inspection.pk}/afis/selected/", {"afi": [three[0].pk]})

    assert response.status_code == 404


def test_the_list_runs_as_many_queries_with_sixty_proposals_as_with_three(client, inspection, three):
    client.force_login(inspection.lead)
    with CaptureQueriesContext(connection) as few:
        assert client.get(list_url(inspection)).status_code == 200
    notes = notes_add(inspection, "3.3", weaknesses=60, flagged=60)
    for number, note in enumerate(notes):
        proposed(inspection, f"3.{number + 10}", f"The force should address finding {number}.", notes=[note])

    with CaptureQueriesContext(connection) as many:
        page = client.get(list_url(inspection))

    assert page.content.decode().count('name="afi"') == 63
    assert len(many) == len(few)
