"""On a judgment, summary, AFI or cause of concern page the approval buttons belong to the content form:
choosing a grade, typing a rationale and clicking "Save and approve" saves the words, then approves."""

from django.urls import reverse

from peel.models import ApprovalState, AreaForImprovement, Judgment
from tests.forms_in_html import form_with


def _page(cast, kind: str, item) -> str:
    return reverse(
        "peel:approvable_detail", kwargs={"pk": cast.inspection.pk, "kind": kind, "item_id": item.pk}
    )


def test_the_lead_chooses_a_grade_types_a_rationale_and_approves_in_one_click(client, cast):
    client.force_login(cast.lead)
    url = _page(cast, "judgments", cast.judgment)
    form = form_with(client.get(url).content, "rationale")

    response = client.post(
        form.action(url), form.submission("then=approve", grade="good", rationale="The force is good.")
    )

    assert response.status_code == 302
    judgment = Judgment.objects.get(pk=cast.judgment.pk)
    assert (judgment.grade, judgment.rationale, judgment.state) == ("good", "The force is good.", "approved")
    assert "saved and approved" in client.get(url).content.decode()


def test_an_inspector_submits_an_edited_afi_for_approval_with_its_new_words(client, cast):
    client.force_login(cast.inspector)
    url = _page(cast, "afis", cast.afi)
    form = form_with(client.get(url).content, "text")
    text = "The force should ensure that referrals are made within a day."

    client.post(form.action(url), form.submission("then=submit", text=text))

    afi = AreaForImprovement.objects.get(pk=cast.afi.pk)
    assert (afi.text, afi.state) == (text, ApprovalState.SUBMITTED)


def test_approving_without_a_grade_keeps_the_typed_rationale_and_says_what_is_missing(client, cast):
    client.force_login(cast.lead)
    url = _page(cast, "judgments", cast.judgment)
    form = form_with(client.get(url).content, "rationale")

    response = client.post(
        form.action(url),
        form.submission("then=approve", grade="", rationale="Written before grading."),
        follow=True,
    )

    judgment = Judgment.objects.get(pk=cast.judgment.pk)
    assert (judgment.rationale, judgment.state) == ("Written before grading.", ApprovalState.DRAFT)
    assert "Your changes were saved" in response.content.decode()
    assert "choose a grade" in response.content.decode()
