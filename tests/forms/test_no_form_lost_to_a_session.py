"""A form sent after the user logged in again in another tab (a new CSRF token), or after their session
expired, is not lost: its input comes back in a form with a fresh token, to send again."""

from django.test import Client
from django.urls import reverse

from peel.models import EvidenceNote
from tests.factories.users import PASSWORD
from tests.forms_in_html import form_with

TYPED = "Call-handlers gave no advice on preserving evidence."


def _log_in(client: Client, user, next_url: str = ""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    form = form_with(client.get(url).content, "username")
    return client.post(url, form.submission(username=user.username, password=PASSWORD), follow=True)


def _new_note_form(cast, client: Client):
    url = reverse("peel:evidence_create", kwargs={"pk": cast.inspection.pk}) + "?question=2.2"
    form = form_with(client.get(url).content, "observed_on")
    return url, form.submission(text=TYPED, source="interview", direction="weakness")


def test_a_form_sent_after_logging_in_again_in_another_tab_comes_back_to_send_again(cast):
    client = Client(enforce_csrf_checks=True)
    _log_in(client, cast.inspector)
    url, typed = _new_note_form(cast, client)
    _log_in(Client(), cast.inspector)  # another browser: no effect on this one's token
    client.logout()
    _log_in(client, cast.inspector)  # a second login in another tab of this browser: a new token

    refused = client.post(url, typed)

    assert refused.status_code == 403
    page = refused.content.decode()
    assert "nothing you typed is lost" in page and TYPED in page
    again = form_with(page, "text")
    assert client.post(again.action(url), again.submission()).status_code == 302
    assert EvidenceNote.objects.filter(inspection=cast.inspection, text=TYPED).count() == 1


def test_a_form_sent_after_the_session_expired_is_offered_again_after_logging_in(cast):
    client = Client(enforce_csrf_checks=True)
    _log_in(client, cast.inspector)
    url, typed = _new_note_form(cast, client)
    client.session.flush()
    client.cookies.pop("sessionid")  # the session has expired

    sent = client.post(url, typed)

    assert sent.status_code == 302 and sent["Location"].startswith(reverse("login"))
    assert not EvidenceNote.objects.filter(text=TYPED).exists()
    after_login = _log_in(client, cast.inspector, next_url=reverse("resubmit")).content.decode()
    assert TYPED in after_login
    again = form_with(after_login, "text")
    assert client.post(again.action(url), again.submission()).status_code == 302
    assert EvidenceNote.objects.filter(inspection=cast.inspection, text=TYPED).count() == 1
