"""From a decided report to a published one: the checklist, submission, the HM Inspector's sign-off or
return, the digest that a change invalidates, publication with its date and stored PDF, read-only after
publishing, and a correction republished as a new version. Every step is taken by submitting the form
the page renders."""

import datetime
import hashlib
import shutil
import subprocess

import pytest
from django.test import TestCase
from django.urls import reverse

from peel.models import ApprovalState, AreaForImprovement, InspectionStatus, Judgment
from peel.services.approval import approvable_transition, approvable_update
from publication.models import Publication, SignOffState
from publication.selectors import report_content_digest
from tests.factories.users import inspector
from tests.publication.builders import approved_inspection
from tests.publication.html_forms import form_with_button

pytestmark = pytest.mark.django_db

PUBLICATION_DAY = datetime.date(2017, 3, 2)


def url(name: str, inspection, **kwargs) -> str:
    return reverse(f"publication:{name}", kwargs={"pk": inspection.pk, **kwargs})


def report_page(client, user, inspection) -> str:
    client.force_login(user)
    response = client.get(url("report", inspection))
    assert response.status_code == 200
    return response.content.decode()


def press(client, user, inspection, page_name: str, button: str, **changes):
    """GET the page as ``user``, then submit the form holding ``button`` as the browser would."""
    client.force_login(user)
    html = client.get(url(page_name, inspection)).content.decode()
    form = form_with_button(html, button)
    # The tasks a step queues run when its transaction commits, as they would on a worker.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            form.action or url(page_name, inspection), form.submission(button, **changes), follow=True
        )


def submit(client, inspection):
    return press(client, inspection.lead, inspection, "report", "Submit for sign-off")


def sign_off(client, inspection):
    return press(client, inspection.hmi, inspection, "sign_off", "Sign off")


def publish(client, inspection, day=PUBLICATION_DAY):
    return press(
        client, inspection.lead, inspection, "publish", "Publish the report", published_on=day.isoformat()
    )


def latest_sign_off(inspection):
    return inspection.sign_offs.order_by("-pk").first()


@pytest.fixture
def inspection():
    return approved_inspection()


def test_the_checklist_lists_what_waits_with_a_link_to_where_it_is_decided_and_offers_no_submit(client):
    inspection = approved_inspection()
    judgment = Judgment.objects.get(inspection=inspection, question__code="2")
    Judgment.objects.filter(pk=judgment.pk).update(state=ApprovalState.DRAFT)
    afi = AreaForImprovement.objects.create(
        inspection=inspection, question=judgment.question, text="The force should ensure that it checks."
    )
    decided = reverse(
        "peel:approvable_detail", kwargs={"pk": inspection.pk, "kind": "judgments", "item_id": judgment.pk}
    )

    html = report_page(client, inspection.lead, inspection)

    assert "Pre-publication checklist" in html
    assert f'href="{decided}">Judgment 2: draft' in html
    assert f"/afis/{afi.pk}/" in html
    assert "2 items still wait for a decision" in html
    assert "Submit for sign-off" not in html


def test_submitting_while_something_waits_is_refused_with_a_message(client, inspection):
    html = report_page(client, inspection.lead, inspection)
    form = form_with_button(html, "Submit for sign-off")
    Judgment.objects.filter(inspection=inspection, question__code="1").update(state=ApprovalState.DRAFT)

    response = client.post(form.action, form.submission("Submit for sign-off"), follow=True)

    assert "The report has changed since you opened this page" in response.content.decode()
    assert not inspection.sign_offs.exists()


def test_the_empty_sections_are_listed(client, inspection):
    html = report_page(client, inspection.lead, inspection)

    assert "Annex A – About the data: no compile has succeeded" in html


def test_the_lead_submits_and_the_hmi_returns_with_comments_which_the_lead_sees_and_resubmits(
    client, inspection
):
    submitted = submit(client, inspection)
    assert "for sign-off" in submitted.content.decode()
    assert latest_sign_off(inspection).state == SignOffState.WAITING

    returned = press(
        client,
        inspection.hmi,
        inspection,
        "sign_off",
        "Return with comments",
        comments="Say more about how the force protects victims of stalking.",
    )
    assert "returned the report" in returned.content.decode()

    html = report_page(client, inspection.lead, inspection)
    assert "Returned by the HM Inspector" in html
    assert "Say more about how the force protects victims of stalking." in html
    resubmitted = submit(client, inspection)
    assert "for sign-off" in resubmitted.content.decode()
    assert [s.state for s in inspection.sign_offs.order_by("pk")] == [
        SignOffState.RETURNED,
        SignOffState.WAITING,
    ]


def test_returning_without_a_comment_is_refused_and_changes_nothing(client, inspection):
    submit(client, inspection)

    response = press(client, inspection.hmi, inspection, "sign_off", "Return with comments")

    assert "Say what should change" in response.content.decode()
    assert latest_sign_off(inspection).state == SignOffState.WAITING


def test_the_sign_off_records_who_when_and_the_digest_of_the_content_they_saw(client, inspection):
    submit(client, inspection)

    sign_off(client, inspection)

    record = latest_sign_off(inspection)
    assert record.state == SignOffState.SIGNED_OFF
    assert record.decided_by == inspection.hmi
    assert record.decided_at is not None
    assert record.content_digest == report_content_digest(inspection=inspection)
    assert "Publish…" in report_page(client, inspection.lead, inspection)


def test_a_change_after_sign_off_invalidates_it_and_publishing_is_refused(client, inspection):
    submit(client, inspection)
    sign_off(client, inspection)
    client.force_login(inspection.lead)
    publish_form = form_with_button(
        client.get(url("publish", inspection)).content.decode(), "Publish the report"
    )
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")
    approvable_transition(item=judgment, user=inspection.lead, action="reopen", reason="A word is wrong.")
    approvable_update(item=judgment, user=inspection.lead, changes={"rationale": "Changed after sign-off."})
    approvable_transition(item=judgment, user=inspection.lead, action="approve")

    html = report_page(client, inspection.lead, inspection)
    refused = client.post(
        publish_form.action or url("publish", inspection),
        publish_form.submission("Publish the report", published_on="2017-03-02"),
        follow=True,
    )

    assert "no longer matches the content, so a new sign-off is needed" in html
    assert "Publish…" not in html
    assert "Submit for sign-off" in html
    assert not Publication.objects.filter(inspection=inspection).exists()
    assert "sign-off" in refused.content.decode()


def test_the_hmi_cannot_sign_off_content_that_changed_after_submission(client, inspection):
    submit(client, inspection)
    client.force_login(inspection.hmi)
    form = form_with_button(client.get(url("sign_off", inspection)).content.decode(), "Sign off")
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")
    Judgment.objects.filter(pk=judgment.pk).update(rationale="Changed while with the HMI.")

    response = client.post(url("sign_off", inspection), form.submission("Sign off"), follow=True)

    assert "changed" in response.content.decode()
    assert latest_sign_off(inspection).state == SignOffState.WAITING


def test_a_second_identical_sign_off_is_refused_with_a_message(client, inspection):
    submit(client, inspection)
    client.force_login(inspection.hmi)
    form = form_with_button(client.get(url("sign_off", inspection)).content.decode(), "Sign off")
    client.post(url("sign_off", inspection), form.submission("Sign off"))

    again = client.post(url("sign_off", inspection), form.submission("Sign off"), follow=True)

    assert "Nothing is waiting for your sign-off" in again.content.decode()
    assert inspection.sign_offs.count() == 1


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@needs_pdftotext
def test_publishing_dates_the_report_stores_its_pdf_with_its_sha256_and_serves_that_file(
    client, inspection, tmp_path
):
    submit(client, inspection)
    sign_off(client, inspection)

    published = publish(client, inspection)

    assert "Published version 1, dated March 2017" in published.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PUBLISHED
    publication = Publication.objects.get(inspection=inspection)
    assert publication.published_on == PUBLICATION_DAY
    assert publication.pdf_sha256 == hashlib.sha256(bytes(publication.pdf)).hexdigest()
    response = client.get(reverse("publication:report_pdf", kwargs={"pk": inspection.pk}))
    assert response.status_code == 200
    assert response.content == bytes(publication.pdf)
    assert response["X-Content-SHA256"] == publication.pdf_sha256
    text = pdf_text(response.content, tmp_path)
    assert "March 2017" in text
    assert "Draft" not in text
    assert "March 2017" in report_page(client, inspection.lead, inspection)


def test_the_published_pdf_is_rendered_once_and_not_again_when_downloaded(client, inspection):
    submit(client, inspection)
    sign_off(client, inspection)
    publish(client, inspection)
    publication = Publication.objects.get(inspection=inspection)
    Publication.objects.filter(pk=publication.pk).update(pdf=b"%PDF-the stored file", pdf_sha256="0" * 64)

    response = client.get(reverse("publication:report_pdf", kwargs={"pk": inspection.pk}))

    assert response.content == b"%PDF-the stored file"


def test_a_published_inspection_is_read_only(client, inspection):
    submit(client, inspection)
    sign_off(client, inspection)
    publish(client, inspection)
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")

    with pytest.raises(Exception, match="published"):
        approvable_transition(item=judgment, user=inspection.lead, action="reopen", reason="Too late.")
    html = report_page(client, inspection.lead, inspection)
    assert "Submit for sign-off" not in html
    assert "Reopen for correction" in html


def test_a_publication_date_in_the_future_is_refused(client, inspection):
    submit(client, inspection)
    sign_off(client, inspection)

    response = publish(client, inspection, day=datetime.date.today() + datetime.timedelta(days=30))

    assert "cannot be in the future" in response.content.decode()
    assert not Publication.objects.exists()


@needs_pdftotext
def test_a_correction_is_republished_as_a_new_version_with_its_notice_and_the_old_version_kept(
    client, inspection, tmp_path
):
    submit(client, inspection)
    sign_off(client, inspection)
    publish(client, inspection)
    first = Publication.objects.get(inspection=inspection)
    first_pdf, first_sha = bytes(first.pdf), first.pdf_sha256

    press(
        client,
        inspection.lead,
        inspection,
        "correction",
        "Reopen for correction",
        notice="The number of organised crime groups was misstated.",
    )
    judgment = Judgment.objects.get(inspection=inspection, question__code="1")
    approvable_transition(item=judgment, user=inspection.lead, action="reopen", reason="Correction.")
    approvable_update(item=judgment, user=inspection.lead, changes={"rationale": "Corrected rationale."})
    approvable_transition(item=judgment, user=inspection.lead, action="approve")
    submit(client, inspection)
    sign_off(client, inspection)
    publish(client, inspection, day=datetime.date(2017, 4, 10))

    versions = list(Publication.objects.filter(inspection=inspection).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert bytes(versions[0].pdf) == first_pdf and versions[0].pdf_sha256 == first_sha
    assert versions[1].correction_notice == "The number of organised crime groups was misstated."
    client.force_login(inspection.lead)
    old = client.get(url("version_pdf", inspection, version=1))
    assert old.content == first_pdf
    text = pdf_text(bytes(versions[1].pdf), tmp_path)
    assert "Corrections" in text and "misstated" in text
    assert "10 April 2017" in report_page(client, inspection.lead, inspection)


def test_only_the_lead_submits_and_publishes_and_only_the_hmi_signs_off(client, inspection):
    team_member = inspection.team.first()
    outsider = inspector()
    digest = report_content_digest(inspection=inspection)

    client.force_login(team_member)
    assert client.post(url("submit", inspection), {"digest": digest}).status_code == 403
    assert client.get(url("sign_off", inspection)).status_code == 403
    client.force_login(outsider)
    assert client.post(url("submit", inspection), {"digest": digest}).status_code == 404
    assert client.get(url("report", inspection)).status_code == 404
    client.force_login(inspection.hmi)
    assert client.get(url("report", inspection)).status_code == 200
    assert client.post(url("submit", inspection), {"digest": digest}).status_code == 403
    assert client.get(url("publish", inspection)).status_code == 403
    client.force_login(inspection.lead)
    submit(client, inspection)
    assert client.get(url("sign_off", inspection)).status_code == 403
    assert latest_sign_off(inspection).state == SignOffState.WAITING


def test_a_second_submission_of_the_publish_form_is_refused_and_publishes_once(client, inspection):
    submit(client, inspection)
    sign_off(client, inspection)
    client.force_login(inspection.lead)
    form = form_with_button(client.get(url("publish", inspection)).content.decode(), "Publish the report")
    data = form.submission("Publish the report", published_on="2017-03-02")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url("publish", inspection), data)

    again = client.post(url("publish", inspection), data, follow=True)

    assert "already published" in again.content.decode()
    assert Publication.objects.filter(inspection=inspection).count() == 1


def test_a_second_submission_for_sign_off_is_refused_while_the_first_waits(client, inspection):
    client.force_login(inspection.lead)
    form = form_with_button(report_page(client, inspection.lead, inspection), "Submit for sign-off")
    client.post(form.action, form.submission("Submit for sign-off"))

    again = client.post(form.action, form.submission("Submit for sign-off"), follow=True)

    assert "already with the HM Inspector" in again.content.decode()
    assert inspection.sign_offs.count() == 1
