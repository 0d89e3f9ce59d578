"""Creating an inspection (service, command, admin page) and moving it through its stages."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from peel.models import ApprovalState, FindingSummary, Inspection, InspectionStatus, Judgment
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from peel.services.inspections import inspection_publish, inspection_status_set
from programmes.services import programme_version_create
from tests.factories.inspections import force, inspection_with_drafts, peel_2016
from tests.factories.users import admin, inspector, lead

WINDOW = "2016-01-01:2016-03-31"


def _create(*args) -> str:
    out = io.StringIO()
    call_command("create_inspection", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_creating_an_inspection_creates_its_draft_judgments_and_summaries():
    inspection = inspection_with_drafts()

    judgments = {j.question.code: j for j in Judgment.objects.filter(inspection=inspection)}
    summaries = set(
        FindingSummary.objects.filter(inspection=inspection).values_list("question__code", flat=True)
    )
    assert set(judgments) == {"0", "1", "2", "3", "4", "5"}
    assert all(j.state == ApprovalState.DRAFT for j in judgments.values())
    assert judgments["5"].grade == "ungraded"  # specialist capabilities was not graded in 2016
    assert {judgments[code].grade for code in "01234"} == {""}
    assert summaries == {"1", "2", "3", "4", "5"}


@pytest.mark.django_db
def test_the_command_creates_an_inspection_and_prints_its_id():
    lead(username="l1")
    inspector(username="i1")
    inspector(username="i2")

    out = _create("--force", "Cleveland", "--programme", "PEEL effectiveness 2016", "--window", WINDOW,
                  "--lead", "l1", "--team", "i1, i2")  # fmt: skip

    inspection = Inspection.objects.get()
    assert out == f"created inspection: Cleveland Police — PEEL effectiveness 2016 (id {inspection.pk})\n"
    assert inspection.lead.username == "l1"
    assert sorted(inspection.team.values_list("username", flat=True)) == ["i1", "i2"]
    assert (inspection.review_window_start, inspection.review_window_end) == (
        datetime.date(2016, 1, 1),
        datetime.date(2016, 3, 31),
    )
    assert inspection.judgments.count() == 6


@pytest.mark.django_db
def test_the_command_finds_the_force_by_slug_and_the_programme_by_slug():
    out = _create(
        "--force", "avon-and-somerset", "--programme", "peel-effectiveness-2016", "--window", WINDOW
    )

    assert out.startswith("created inspection: Avon and Somerset")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--force", "gotham"], "--force: No force is called 'gotham'"),
        (["--programme", "PEEL 1999"], "--programme: no programme is called 'PEEL 1999'"),
        (["--window", "2016-01-01"], "give two dates as YYYY-MM-DD:YYYY-MM-DD"),
        (["--window", "2016-01-01:2016-02-30"], "is not a date written YYYY-MM-DD"),
        (["--window", "2016-03-31:2016-01-01"], "the window starts after it ends"),
        (["--lead", "nobody"], "--lead: no user is called 'nobody'"),
        (["--team", "ghost,phantom"], "--team: no user is called 'ghost', 'phantom'"),
        (["--lead", "plain"], "The lead 'plain' does not have the Lead role."),
        (["--team", "plain,plain"], "--team: a username is listed twice."),
    ],
)
def test_the_command_says_what_is_wrong(args, message):
    inspector(username="plain")
    options = {"--force": "cleveland", "--programme": "PEEL effectiveness 2016", "--window": WINDOW}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))

    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _create(*[part for pair in options.items() for part in pair])
    assert not Inspection.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_second_inspection_of_a_force_in_a_programme():
    first = inspection_with_drafts()

    with pytest.raises(
        CommandError,
        match=rf"Cleveland Police already has an inspection in PEEL effectiveness 2016 \(id {first.pk}\)",
    ):
        _create("--force", "cleveland", "--programme", "PEEL effectiveness 2016", "--window", WINDOW)


@pytest.mark.django_db
def test_an_admin_creates_an_inspection_for_a_force_with_a_lead_and_two_inspectors(client):
    the_lead, first, second = lead(), inspector(), inspector()
    client.force_login(admin())

    response = client.post(
        "/inspections/new/",
        {
            "force": force("durham").pk,
            "programme": peel_2016().pk,
            "lead": the_lead.pk,
            "team": [first.pk, second.pk],
            "review_window_start": "2016-01-01",
            "review_window_end": "2016-03-31",
        },
    )

    inspection = Inspection.objects.get(force__slug="durham")
    assert response["Location"] == f"/inspections/{inspection.pk}/"
    assert inspection.lead == the_lead
    assert set(inspection.team.all()) == {first, second}
    assert inspection.judgments.count() == 6
    client.force_login(the_lead)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_new_inspection_page_names_what_is_wrong(client):
    inspection_with_drafts()
    client.force_login(admin())

    response = client.post(
        "/inspections/new/",
        {"force": force("cleveland").pk, "programme": peel_2016().pk,
         "review_window_start": "2016-03-31", "review_window_end": "2016-01-01"},
    )  # fmt: skip

    form = response.context["form"]
    assert "The file-review window must end on or after its first day." in form.errors["review_window_end"]
    assert any("already has an inspection" in error for error in form.non_field_errors())


@pytest.mark.django_db
def test_a_later_inspection_of_the_same_force_links_the_previous_one():
    earlier = programme_version_create(programme=peel_2016(), name="PEEL 2015", year=2015)
    previous = inspection_with_drafts(programme=earlier)

    inspection = inspection_with_drafts()

    assert inspection.previous == previous


def _approve_everything(inspection):
    for item in [*inspection.judgments.all(), *inspection.finding_summaries.all()]:
        changes = (
            {"text": "Findings."} if isinstance(item, FindingSummary) else {"grade": item.grade or "good"}
        )
        item = approvable_update(item=item, user=inspection.lead, changes=changes)
        approvable_transition(item=item, user=inspection.lead, action=ApprovalAction.APPROVE)


@pytest.mark.django_db
def test_the_lead_moves_an_inspection_one_stage_at_a_time():
    inspection = inspection_with_drafts()

    with pytest.raises(ValidationError, match="from setup it can go to fieldwork, not judgments"):
        inspection_status_set(inspection=inspection, user=inspection.lead, status=InspectionStatus.JUDGMENTS)
    for stage in ("fieldwork", "moderation", "fieldwork", "moderation", "judgments"):
        inspection = inspection_status_set(inspection=inspection, user=inspection.lead, status=stage)

    assert inspection.status == InspectionStatus.JUDGMENTS
    with pytest.raises(ValidationError, match="already at the judgments stage"):
        inspection_status_set(inspection=inspection, user=inspection.lead, status="judgments")
    with pytest.raises(ValidationError, match="'closed' is not a stage"):
        inspection_status_set(inspection=inspection, user=inspection.lead, status="closed")


@pytest.mark.django_db
def test_publishing_needs_every_judgment_and_summary_approved_and_then_freezes_the_inspection():
    inspection = inspection_with_drafts()
    for stage in ("fieldwork", "moderation", "judgments"):
        inspection = inspection_status_set(inspection=inspection, user=inspection.lead, status=stage)
    when = timezone.now()

    with pytest.raises(ValidationError, match="published from its report, once the HM Inspector"):
        inspection_status_set(inspection=inspection, user=inspection.lead, status="published")
    with pytest.raises(ValidationError, match="not approved — 6 judgments, 5 summarys? of findings"):
        inspection_publish(inspection=inspection, user=inspection.lead, published_at=when)
    _approve_everything(inspection)
    inspection = inspection_publish(inspection=inspection, user=inspection.lead, published_at=when)

    assert inspection.published_at is not None
    with pytest.raises(ValidationError, match="published: its stage can no longer change"):
        inspection_status_set(inspection=inspection, user=inspection.lead, status="judgments")
    judgment = inspection.judgments.first()
    with pytest.raises(ValidationError, match="published"):
        approvable_transition(
            item=judgment, user=inspection.lead, action=ApprovalAction.REOPEN, reason="typo"
        )


@pytest.mark.django_db
def test_the_overview_offers_the_lead_the_next_and_previous_stage_but_not_publication(client):
    inspection = inspection_with_drafts()
    client.force_login(inspection.lead)

    client.post(f"/inspections/{inspection.pk}/status/", {"status": "fieldwork"})
    page = client.get(f"/inspections/{inspection.pk}/")
    refused = client.post(f"/inspections/{inspection.pk}/status/", {"status": "published"}, follow=True)

    assert [stage.value for stage in page.context["moves"]] == ["setup", "moderation"]
    assert "published from its report" in refused.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == "fieldwork"


@pytest.mark.django_db
def test_the_lead_changes_the_team_and_fieldwork_dates(client):
    inspection = inspection_with_drafts()
    newcomer = inspector()
    client.force_login(inspection.lead)

    response = client.post(
        f"/inspections/{inspection.pk}/settings/",
        {"team": [newcomer.pk], "fieldwork_start": "2016-09-05", "fieldwork_end": "2016-09-01"},
    )
    assert response.context["form"].errors["fieldwork_end"]
    client.post(
        f"/inspections/{inspection.pk}/settings/",
        {"team": [newcomer.pk], "fieldwork_start": "2016-09-05", "fieldwork_end": "2016-09-09"},
    )

    inspection.refresh_from_db()
    assert list(inspection.team.all()) == [newcomer]
    assert inspection.fieldwork_start == datetime.date(2016, 9, 5)
