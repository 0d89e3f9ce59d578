"""A finding carries recommendations only if its programme's finding type has them
(``FindingType.has_recommendations``): since 2021 a cause of concern does and an area for improvement
does not; in PEEL 2016 both could (Cleveland's evidential difficulties AFI had a dated one)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from peel.models import FindingType, Recommendation
from peel.services.findings import afi_create, cause_of_concern_create, recommendation_create
from tests.factories.inspections import five_level_programme, inspection_with_drafts, peel_2016
from tests.forms_in_html import form_with

pytestmark = pytest.mark.django_db


def findings_of(programme):
    inspection = inspection_with_drafts(programme=programme)
    core_3 = programme.questions.get(code="3")
    afi = afi_create(
        inspection=inspection,
        user=inspection.lead,
        question=core_3,
        text="The force should ensure that referrals are made on time.",
    )
    cause = cause_of_concern_create(
        inspection=inspection, user=inspection.lead, question=core_3, text="How the force assesses risk."
    )
    return inspection, afi, cause


def test_the_programme_says_which_finding_types_carry_recommendations():
    types = FindingType.objects.filter(programme=five_level_programme())
    assert {t.code for t in types if t.has_recommendations} == {"cause_of_concern"}
    assert peel_2016().kinds_with_recommendations == {"cause_of_concern", "area_for_improvement"}


def test_an_afi_page_does_not_offer_recommendations_where_its_type_has_none(client):
    inspection, afi, cause = findings_of(five_level_programme())
    client.force_login(inspection.lead)

    afi_page = client.get(f"/inspections/{inspection.pk}/afis/{afi.pk}/").content.decode()
    cause_page = client.get(f"/inspections/{inspection.pk}/causes/{cause.pk}/").content.decode()

    assert "Add recommendation" not in afi_page and "recommendations-heading" not in afi_page
    assert "Add recommendation" in cause_page


def test_a_recommendation_posted_to_an_afi_whose_type_has_none_is_refused_naming_recommendations(client):
    inspection, afi, cause = findings_of(five_level_programme())
    client.force_login(inspection.lead)
    page = client.get(f"/inspections/{inspection.pk}/causes/{cause.pk}/recommendations/new/")
    submission = form_with(page.content, "text").submission(
        text="By 1 May 2017 the force should produce a plan.", due_date="2017-05-01"
    )

    offered = client.get(f"/inspections/{inspection.pk}/afis/{afi.pk}/recommendations/new/", follow=True)
    posted = client.post(
        f"/inspections/{inspection.pk}/afis/{afi.pk}/recommendations/new/", submission, follow=True
    )

    for response in (offered, posted):
        assert response.redirect_chain[-1][0] == f"/inspections/{inspection.pk}/afis/{afi.pk}/"
        assert "Add recommendation" not in response.content.decode()
        assert [str(m) for m in response.context["messages"]] == [
            "Recommendations cannot be added: in PEEL five-level test programme an area for improvement "
            "carries none."
        ]
    assert not Recommendation.objects.filter(afi=afi).exists()


def test_the_service_refuses_a_recommendation_on_a_finding_whose_type_has_none():
    inspection, afi, cause = findings_of(five_level_programme())

    due = datetime.date(2017, 5, 1)

    with pytest.raises(ValidationError, match="Recommendations cannot be added"):
        recommendation_create(parent=afi, user=inspection.lead, text="Act.", due_date=due)
    recommendation_create(parent=cause, user=inspection.lead, text="Act.", due_date=due)

    assert list(Recommendation.objects.values_list("cause_of_concern", flat=True)) == [cause.pk]


def test_a_cause_of_concern_whose_type_has_none_is_refused_too():
    programme = five_level_programme()
    FindingType.objects.filter(programme=programme, code="cause_of_concern").update(has_recommendations=False)
    inspection, afi, cause = findings_of(programme)

    with pytest.raises(ValidationError, match="in PEEL five-level test programme a cause of concern"):
        recommendation_create(parent=cause, user=inspection.lead, text="Act.", due_date=None)


def test_a_peel_2016_afi_still_takes_a_dated_recommendation_through_its_rendered_form(client):
    inspection, afi, cause = findings_of(peel_2016())
    client.force_login(inspection.lead)
    url = f"/inspections/{inspection.pk}/afis/{afi.pk}/recommendations/new/"
    assert "Add recommendation" in client.get(f"/inspections/{inspection.pk}/afis/{afi.pk}/").content.decode()

    form = form_with(client.get(url).content, "text")
    response = client.post(url, form.submission(text="By 1 May 2017 produce a plan.", due_date="2017-05-01"))

    assert response.status_code == 302
    assert [r.due_date for r in afi.recommendations.all()] == [datetime.date(2017, 5, 1)]
