"""The HM Inspector role, and naming the HMI of an inspection: on the new-inspection page, the settings
page and with create_inspection --hmi; only a user with the role may be named."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from peel.models import Inspection
from peel.roles import Role
from peel.services.inspections import inspection_update
from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import admin, hmi, inspector, lead
from tests.publication.html_forms import form_with_button

pytestmark = pytest.mark.django_db


def test_the_hm_inspector_role_exists():
    assert Group.objects.filter(name=Role.HMI).exists()


def test_an_admin_names_the_hmi_on_the_new_inspection_page(client):
    chosen, leader = hmi(username="harriet"), lead(username="lee")
    client.force_login(admin())
    html = client.get(reverse("peel:inspection_new")).content.decode()
    form = form_with_button(html, "Create inspection")
    data = form.submission("Create inspection")
    cleveland = next(v for v in _options(html, "force") if "Cleveland" in v[1])[0]
    data.update(
        force=[cleveland],
        programme=[_options(html, "programme")[1][0]],
        lead=[str(leader.pk)],
        hmi=[str(chosen.pk)],
        review_window_start=["2016-01-01"],
        review_window_end=["2016-03-31"],
    )

    client.post(reverse("peel:inspection_new"), data)

    assert Inspection.objects.get(force__slug="cleveland").hmi == chosen


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_lead_names_the_hmi_on_the_settings_page(client):
    inspection = inspection_with_drafts()
    chosen = hmi()
    client.force_login(inspection.lead)
    html = client.get(reverse("peel:inspection_settings", kwargs={"pk": inspection.pk})).content.decode()
    form = form_with_button(html, "Save")

    client.post(
        form.action or reverse("peel:inspection_settings", kwargs={"pk": inspection.pk}),
        form.submission("Save", hmi=str(chosen.pk)),
    )

    inspection.refresh_from_db()
    assert inspection.hmi == chosen


def test_only_a_user_with_the_hm_inspector_role_may_be_named():
    inspection = inspection_with_drafts()

    with pytest.raises(ValidationError, match="does not have the HM Inspector role"):
        inspection_update(
            inspection=inspection,
            user=inspection.lead,
            team=[],
            fieldwork_start=None,
            fieldwork_end=None,
            hmi=inspector(),
        )


def test_create_inspection_names_the_hmi():
    lead(username="lee")
    hmi(username="harriet")

    call_command(
        "create_inspection",
        force="cleveland",
        programme="PEEL effectiveness 2016",
        window="2016-01-01:2016-03-31",
        lead="lee",
        hmi="harriet",
        stdout=io.StringIO(),
    )

    assert Inspection.objects.get(force__slug="cleveland").hmi.username == "harriet"
    with pytest.raises(CommandError, match="--hmi: no user is called 'nobody'"):
        call_command(
            "create_inspection",
            force="durham",
            programme="PEEL effectiveness 2016",
            window="2016-01-01:2016-03-31",
            hmi="nobody",
            stdout=io.StringIO(),
        )


def test_the_hmi_sees_the_inspection_on_their_home_page_and_nobody_elses(client):
    inspection = inspection_with_drafts(hmi=hmi())
    inspection_with_drafts(force_slug="durham")
    client.force_login(inspection.hmi)

    html = client.get(reverse("home")).content.decode()

    assert "Cleveland Police" in html and "Durham" not in html
