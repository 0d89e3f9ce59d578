"""The busiest pages make a fixed number of queries however much evidence there is (10× here)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peel.models import Direction, EvidenceNote, EvidenceSource, QuestionLevel


def _add_notes(cast, count: int) -> None:
    subs = list(cast.inspection.programme.questions.filter(level=QuestionLevel.SUB))
    authors = [cast.inspector, cast.inspector2]
    directions, sources = list(Direction), list(EvidenceSource)
    EvidenceNote.objects.bulk_create(
        EvidenceNote(
            inspection=cast.inspection,
            question=subs[n % len(subs)],
            source=sources[n % len(sources)],
            direction=directions[n % len(directions)],
            observed_on=datetime.date(2016, 9, 1) + datetime.timedelta(days=n % 90),
            text=f"Evidence {n}",
            author=authors[n % 2],
            proposed_afi=n % 7 == 0,
        )
        for n in range(count)
    )


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# Every page of a signed-in user also counts their unread notifications, for the menu's badge.
PAGES = {
    # session, user, the user's groups (roles), inspections with their progress as correlated counts;
    # the to-do list: the user's files, sections, and as lead the reviews to moderate, the submitted
    # findings (one union), the factual accuracy comments to answer and the overdue milestones (two)
    "home": ("/", 12),
    # session, user, groups, inspection, team, the counts (one statement), judgments with their
    # questions, the previous inspection with its programme
    # + the grade levels and finding types of the programme; the task list: the crime list, the draw, the
    # files and reviews (two), the notes, the compiles (two), judgments, sections, the check, the sign-off;
    # the timeline's milestones and their completion (one statement) for its overdue flag
    "overview": ("/inspections/{pk}/", 23),
    # session, user, groups, inspection, notes with question and author, the programme's questions
    "framework": ("/inspections/{pk}/framework/", 7),
    # session, user, groups, inspection, team, count, the filter's questions and authors, the page of notes
    "evidence list": ("/inspections/{pk}/evidence/", 10),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_page_stays_within_its_query_bound_with_ten_times_the_evidence(
    client, cast, page, django_assert_max_num_queries
):
    path, bound = PAGES[page]
    path = path.format(pk=cast.inspection.pk)
    client.force_login(cast.lead)
    _add_notes(cast, 30)
    with django_assert_max_num_queries(bound):
        client.get(path)
    few = _queries(client, path)

    _add_notes(cast, 270)

    with django_assert_max_num_queries(bound):
        response = client.get(path)
    assert response.status_code == 200
    assert _queries(client, path) == few


def test_the_filtered_evidence_list_stays_within_its_bound(client, cast, django_assert_max_num_queries):
    _add_notes(cast, 300)
    client.force_login(cast.inspector)
    query = f"?direction=weakness&source=document&author={cast.inspector.pk}&page=2"

    # as the unfiltered list for the lead, plus the authors once more (the filter validates the chosen
    # author) and, for a team member, the team (to find them on it)
    with django_assert_max_num_queries(PAGES["evidence list"][1] + 2):
        response = client.get(f"/inspections/{cast.inspection.pk}/evidence/{query}")

    assert response.status_code == 200
