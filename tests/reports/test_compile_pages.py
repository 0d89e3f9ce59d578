"""The compile and report pages: who may see them, who may compile, and the progress bar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import CompileRun, CompileStatus
from reports.services.runs import compile_inspection
from tests.factories.users import admin, inspector
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=12)
    notes_add(inspection, "2.4", strengths=1, weaknesses=2, flagged=1)
    return inspection


def url(name, inspection, **kwargs):
    namespace = "publication" if name.startswith("report") else "reports"
    return reverse(f"{namespace}:{name}", kwargs={"pk": inspection.pk, **kwargs})


PAGES = ["compile", "report"]


@pytest.mark.parametrize("name", PAGES)
def test_an_outsider_gets_404_on_every_page(client, inspection, name):
    client.force_login(inspector())

    assert client.get(url(name, inspection)).status_code == 404
    assert client.post(url("compile_start", inspection)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, inspection, name):
    response = client.get(url(name, inspection))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_the_team_the_lead_and_an_admin_see_every_page(client, inspection, name):
    for user in (inspection.team.first(), inspection.lead, admin()):
        client.force_login(user)
        assert client.get(url(name, inspection)).status_code == 200, user


def test_only_the_lead_may_compile(client, inspection):
    for user in (inspection.team.first(), admin()):
        client.force_login(user)
        assert client.post(url("compile_start", inspection)).status_code == 403
    assert not CompileRun.objects.exists()


def test_compiling_is_a_post(client, inspection):
    client.force_login(inspection.lead)

    assert client.get(url("compile_start", inspection)).status_code == 405


def test_the_compile_button_is_offered_to_the_lead_only(client, inspection):
    client.force_login(inspection.team.first())
    assert b"Compile now" not in client.get(url("compile", inspection)).content

    client.force_login(inspection.lead)
    assert b"Compile now" in client.get(url("compile", inspection)).content


def test_the_lead_compiles_and_the_page_shows_the_result(
    client, inspection, django_capture_on_commit_callbacks
):
    client.force_login(inspection.lead)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("compile_start", inspection))

    assert response.status_code == 302
    run = CompileRun.objects.get()
    assert run.status == CompileStatus.SUCCEEDED
    assert run.requested_by == inspection.lead
    content = client.get(response["Location"]).content.decode()
    assert run.output_digest in content
    assert f"{run.results_count} criterion results (overall and per stratum)" in content
    assert "Proposed grades" in content and "File-review results" in content
    assert "question:2.4" in content
    assert "hx-trigger" not in content  # nothing left to poll


def test_a_queued_compile_shows_a_progress_bar_that_polls(client, inspection):
    run = CompileRun.objects.create(inspection=inspection, requested_by=inspection.lead)
    client.force_login(inspection.team.first())

    content = client.get(url("compile", inspection)).content.decode()

    assert 'role="progressbar"' in content
    progress = url("compile_progress", inspection, run_id=run.pk)
    assert f'hx-get="{progress}" hx-trigger="every 1s"' in content
    assert '<meta http-equiv="refresh"' in content  # without JavaScript the page refreshes itself


def test_the_progress_fragment_reloads_the_page_once_the_run_has_ended(client, inspection):
    run = compile_inspection(inspection=inspection)
    client.force_login(inspection.lead)

    response = client.get(url("compile_progress", inspection, run_id=run.pk), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert b"hx-get" not in response.content


def test_the_progress_of_another_inspections_run_is_not_found(client, inspection):
    other = inspection_2016(force_slug="durham", lead=inspection.lead)
    run = compile_inspection(inspection=other)
    client.force_login(inspection.lead)

    assert client.get(url("compile_progress", inspection, run_id=run.pk)).status_code == 404


def test_a_published_inspection_cannot_be_compiled(client, inspection):
    inspection.status = "published"
    inspection.save()
    client.force_login(inspection.lead)

    response = client.post(url("compile_start", inspection), follow=True)

    assert "is published: its results are final" in response.content.decode()
    assert not CompileRun.objects.exists()


def test_a_failed_compile_is_shown_with_its_reason(client, inspection, django_capture_on_commit_callbacks):
    inspection.programme.grading_rules = {"version": 1, "bands": []}
    inspection.programme.save()
    client.force_login(inspection.lead)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("compile_start", inspection))

    run = CompileRun.objects.get()
    assert run.status == CompileStatus.FAILED
    assert "bands: must be a non-empty list" in run.error
    response = client.get(url("compile", inspection))
    assert response.status_code == 200
    assert "The compile failed." in response.content.decode()
    assert "bands: must be a non-empty list" in response.content.decode()


def test_a_compile_whose_worker_went_silent_is_shown_abandoned_and_may_be_started_again(client, inspection):
    silent_since = timezone.now() - datetime.timedelta(seconds=90)
    run = CompileRun.objects.create(
        inspection=inspection, requested_by=inspection.lead, status=CompileStatus.RUNNING
    )
    CompileRun.objects.filter(pk=run.pk).update(started_at=silent_since, heartbeat_at=silent_since)
    client.force_login(inspection.lead)

    content = client.get(url("compile", inspection)).content.decode()
    fragment = client.get(url("compile_progress", inspection, run_id=run.pk), headers={"HX-Request": "true"})

    assert "Abandoned: its worker stopped sending a heartbeat (last at " in content
    assert '<span class="badge text-bg-warning">Abandoned</span>' in content
    assert "Press Compile now to start again." in content
    assert 'role="progressbar"' not in content and "hx-trigger" not in content
    button = content.split("Compile now</button>")[0].rsplit("<button", 1)[1]
    assert "disabled" not in button
    assert fragment["HX-Refresh"] == "true"
