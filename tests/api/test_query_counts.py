"""Every API read makes a fixed number of queries however much the inspection holds: measured like the
pages (tests/peel/test_query_counts.py), before and after adding reviews, evidence and findings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forces.models import Force
from peel.models import Direction, EvidenceNote, EvidenceSource, QuestionLevel
from peel.services.findings import afi_create, cause_of_concern_create, recommendation_create
from peel.services.inspections import inspection_create
from reports.services.runs import compile_inspection
from reviews.models import CaseFile
from reviews.services.discussion import message_post
from tests.api.conftest import token_client
from tests.factories.reviews import accepted_review

pytestmark = pytest.mark.django_db

# What each read costs: the token, the inspection (and its team where the rule needs it), then its rows.
# Every inspection read checks the caller's roles once (lead and HM Inspector powers need the role).
BOUNDS = {
    "/api/v1/inspections/": 5,  # token, roles, count, page, teams
    "/api/v1/inspections/{pk}/": 4,
    "/api/v1/inspections/{pk}/strata/": 5,
    "/api/v1/inspections/{pk}/files/": 5,
    "/api/v1/inspections/{pk}/reviews/": 6,  # + answers with their criteria
    # the export's five: criteria, reviews, files, answers, adjudicated answers (no count: a list)
    "/api/v1/inspections/{pk}/counted-answers/": 8,
    "/api/v1/inspections/{pk}/evidence/": 7,  # + the filter's questions and authors
    "/api/v1/inspections/{pk}/results/": 5,
    "/api/v1/inspections/{pk}/compile-runs/": 5,
    "/api/v1/inspections/{pk}/judgments/": 6,  # + the programme's grade levels, for the labels
    "/api/v1/inspections/{pk}/summaries/": 5,
    "/api/v1/inspections/{pk}/afis/": 8,  # + notes, criteria, recommendations
    "/api/v1/inspections/{pk}/causes/": 6,  # + recommendations
    "/api/v1/programmes/{slug}/": 7,  # + its grade levels and finding types
    "/api/v1/national/{slug}/": 9,  # + the programme's grade levels
    "/api/v1/forces/cleveland/figures/": 8,
}


def _grow(world) -> None:
    """Ten times the evidence, more accepted reviews, more AFIs and causes, compiled again, and a second
    inspection."""
    inspection = world.inspection
    subs = list(inspection.programme.questions.filter(level=QuestionLevel.SUB))
    notes = EvidenceNote.objects.bulk_create(
        EvidenceNote(
            inspection=inspection,
            question=subs[n % len(subs)],
            source=list(EvidenceSource)[n % len(EvidenceSource)],
            direction=list(Direction)[n % len(Direction)],
            observed_on=datetime.date(2016, 9, 1),
            text=f"Evidence {n}",
            author=world.inspector,
        )
        for n in range(30)
    )
    for case_file in CaseFile.objects.filter(inspection=inspection, reviews__isnull=True)[:8]:
        accepted_review(case_file)
    core = inspection.programme.questions.get(code="1")
    cited = [note for note in notes if note.question.parent_id == core.pk][:3]
    for n in range(5):
        afi = afi_create(
            inspection=inspection, user=world.lead, question=core, text=f"AFI {n}", evidence_notes=cited
        )
        recommendation_create(parent=afi, user=world.lead, text="Plan.", due_date=datetime.date(2017, 5, 1))
        cause = cause_of_concern_create(inspection=inspection, user=world.lead, question=core, text=f"C {n}")
        recommendation_create(parent=cause, user=world.lead, text="Act.", due_date=datetime.date(2017, 5, 1))
    compile_inspection(inspection=inspection)
    inspection_create(  # a second inspection in the list
        force=Force.objects.get(slug="northumbria"),
        programme=world.programme,
        review_window_start=datetime.date(2016, 1, 1),
        review_window_end=datetime.date(2016, 3, 31),
        lead=world.lead,
        team=[world.inspector, world.inspector2],
    )


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"page_size": 200} if path.endswith("/") and "{" not in path else None)
        assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.mark.parametrize("template", BOUNDS)
def test_each_read_stays_within_its_query_bound_however_much_the_inspection_holds(world, template):
    path = template.format(pk=world.inspection.pk, slug=world.programme.slug)
    client = token_client(world.lead)
    client.get("/api/v1/programmes/")  # the token's first use records when it was used: once a minute
    few = _queries(client, path)

    _grow(world)

    many = _queries(client, path)
    assert many == few
    assert many <= BOUNDS[template]


def _messages(world, count: int) -> None:
    """Messages in both threads of the draft file, by its reviewers and the lead, some about a criterion."""
    criterion = world.programme.criteria.order_by("order").first()
    for number in range(count):
        kind = "second" if number % 3 == 2 else "first"
        reviewer = world.inspector2 if kind == "second" else world.inspector
        message_post(
            inspection=world.inspection,
            case_file=world.draft_file,
            author=world.lead if number % 2 else reviewer,
            body=f"Message {number}",
            review_kind=kind,
            criterion=criterion if number % 4 == 0 else None,
        )


# The token, the caller's roles, the inspection (and its team for a team member), the file, then the
# page's count and rows (with their authors and criteria joined).
THREAD_QUERIES = {"lead": 6, "inspector": 7}


@pytest.mark.parametrize("role", ["lead", "inspector"])
def test_a_discussion_thread_reads_in_the_same_queries_with_2_messages_as_with_20(
    world, role, django_assert_num_queries
):
    client = token_client(world.user(role))
    path = f"/api/v1/inspections/{world.inspection.pk}/files/{world.draft_file.pk}/discussion/first/"
    client.get("/api/v1/programmes/")  # the token's first use records when it was used: once a minute
    _messages(world, 2)
    with django_assert_num_queries(THREAD_QUERIES[role]):
        assert client.get(path).status_code == 200

    _messages(world, 18)

    with django_assert_num_queries(THREAD_QUERIES[role]):
        response = client.get(path)
    assert response.json()["count"] == 14  # the first thread's share of the 20


def test_the_notifications_read_in_the_same_queries_with_2_as_with_20(world, django_assert_num_queries):
    client = token_client(world.lead)
    client.get("/api/v1/programmes/")
    _messages(world, 2)  # the lead is told of the reviewers' messages
    with django_assert_num_queries(3):  # the token, the count, the page
        assert client.get("/api/v1/notifications/").status_code == 200

    _messages(world, 38)

    with django_assert_num_queries(3):
        response = client.get("/api/v1/notifications/")
    assert response.json()["count"] >= 20
