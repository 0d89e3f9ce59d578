"""seed_demo leaves Cleveland 2016 published as HMIC published it, signed off by the demo HM Inspector,
and Northumbria 2016 decided and waiting for its lead to submit it for sign-off."""

import io

import pytest
from django.core.management import call_command
from django.test import TestCase

from peel.celery import app as celery_app
from peel.models import Inspection, InspectionStatus
from publication.models import Publication, SignOff, SignOffState
from publication.selectors import prepublication_checklist
from reports.services.report_content import report_content
from tests.reports.conftest import data_for_the_module


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with data_for_the_module(django_db_blocker):
        # The published PDF is rendered when seed_demo commits, in process (as on the embedded default):
        # this module-wide fixture runs before the per-test one that makes tasks eager.
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", force=True, stdout=io.StringIO())
        finally:
            celery_app.conf.task_always_eager = eager
        yield


def inspection_of(force: str) -> Inspection:
    return Inspection.objects.select_related("force", "programme").get(
        force__slug=force, programme__slug="peel-effectiveness-2016"
    )


@pytest.mark.django_db
def test_cleveland_is_published_dated_march_2017_and_signed_off_by_the_demo_hmi(seeded):
    cleveland = inspection_of("cleveland")
    publication = Publication.objects.get(inspection=cleveland)

    assert cleveland.status == InspectionStatus.PUBLISHED
    assert cleveland.hmi.username == "hmi"
    assert publication.version == 1
    assert publication.sign_off.decided_by.username == "hmi"
    assert publication.is_ready, (publication.status, publication.error)
    assert bytes(publication.pdf).startswith(b"%PDF-")
    assert report_content(inspection=cleveland).date_line == "March 2017"


@pytest.mark.django_db
def test_northumbria_waits_for_its_lead_to_submit_it_for_sign_off(seeded):
    northumbria = inspection_of("northumbria")

    assert northumbria.status == InspectionStatus.JUDGMENTS
    assert northumbria.lead.username == "lead" and northumbria.hmi.username == "hmi"
    assert prepublication_checklist(inspection=northumbria).is_clear
    assert not SignOff.objects.filter(inspection=northumbria).exists()


@pytest.mark.django_db
def test_seeding_again_changes_nothing(seeded):
    before = (Publication.objects.count(), SignOff.objects.count(), Inspection.objects.count())

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert (Publication.objects.count(), SignOff.objects.count(), Inspection.objects.count()) == before
    assert SignOff.objects.filter(state=SignOffState.SIGNED_OFF).count() == 1
