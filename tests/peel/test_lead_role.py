"""Lead powers need both the inspection's ``lead`` and the Lead role; the admin refuses to take the role
from someone who leads an inspection not yet published."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from peel.models import InspectionStatus
from peel.roles import Role
from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import admin
from tests.forms_in_html import form_with


@pytest.fixture
def inspection(db):
    return inspection_with_drafts()


def _take_the_lead_role(user):
    user.groups.remove(Group.objects.get(name=Role.LEAD))


def _user_change(client, user, *, without_lead_role: bool):
    path = f"/admin/auth/user/{user.pk}/change/"
    data = form_with(client.get(path).content, "groups").submission()
    lead_group = str(Group.objects.get(name=Role.LEAD).pk)
    if without_lead_role:
        data["groups"] = [group for group in data["groups"] if group != lead_group]
    return client.post(path, data)


def test_a_lead_whose_role_is_taken_away_loses_the_inspection_at_once(client, inspection):
    lead = inspection.lead
    client.force_login(lead)
    settings_page = f"/inspections/{inspection.pk}/settings/"
    assert client.get(settings_page).status_code == 200

    _take_the_lead_role(lead)

    assert client.get(settings_page).status_code == 404
    assert client.post(f"/inspections/{inspection.pk}/status/", {"status": "fieldwork"}).status_code == 404
    assert str(inspection) not in client.get("/").content.decode()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SETUP


def test_the_admin_refuses_to_take_the_lead_role_from_the_lead_of_an_unpublished_inspection(
    client, inspection
):
    client.force_login(admin())

    response = _user_change(client, inspection.lead, without_lead_role=True)

    assert response.status_code == 200
    assert (
        f"{inspection.lead.username} leads {inspection}, not yet published: give it another lead before "
        "taking away the Lead role."
    ) in response.content.decode()
    assert inspection.lead.groups.filter(name=Role.LEAD).exists()


def test_the_admin_may_take_the_lead_role_once_every_inspection_they_led_is_published(client, inspection):
    inspection.status, inspection.published_at = InspectionStatus.PUBLISHED, timezone.now()
    inspection.save()
    client.force_login(admin())

    response = _user_change(client, inspection.lead, without_lead_role=True)

    assert response.status_code == 302
    inspection.refresh_from_db()
    assert not inspection.lead.groups.filter(name=Role.LEAD).exists()
    assert not inspection.is_lead(inspection.lead)


def test_the_admin_saves_a_lead_who_keeps_the_role(client, inspection):
    client.force_login(admin())

    assert _user_change(client, inspection.lead, without_lead_role=False).status_code == 302


def test_the_admin_refuses_a_lead_without_the_lead_role(client, inspection):
    client.force_login(admin())
    path = f"/admin/peel/inspection/{inspection.pk}/change/"
    data = form_with(client.get(path).content, "lead").submission()
    someone = inspection.team.first()
    data["lead"] = [str(someone.pk)]
    data["team"] = [str(member.pk) for member in inspection.team.exclude(pk=someone.pk)]

    response = client.post(path, data)

    assert response.status_code == 200
    assert (
        f"{someone.username} does not have the Lead role: give it to them first." in response.content.decode()
    )
    inspection.refresh_from_db()
    assert inspection.lead != someone
