"""Users call the prose under a core question its "summary of findings" (as the report does), never a
"finding summary": in messages, headings and buttons."""

from django.urls import reverse

from peel.services.approval import approvable_update


def test_submitting_a_summary_of_findings_says_so_in_the_users_words(client, cast):
    approvable_update(item=cast.summary, user=cast.lead, changes={"text": "Good."})
    client.force_login(cast.lead)
    kwargs = {"pk": cast.inspection.pk, "kind": "findings", "item_id": cast.summary.pk}

    response = client.post(
        reverse("peel:approvable_action", kwargs={**kwargs, "action": "submit"}), follow=True
    )

    page = response.content.decode()
    assert "The summary of findings was submitted for approval." in page
    assert "finding summary" not in page.lower()
