"""One submission, one row: the same create form posted 8 times at once (a double click, a resend)
creates one row and every POST is sent to it; 8 different forms posted at once create 8 rows numbered
0 to 7. On PostgreSQL, where the requests truly run at the same time."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from peel.models import AreaForImprovement, CauseOfConcern, EvidenceNote, Recommendation
from tests.forms_in_html import form_with
from tests.peel.conftest import Cast
from tests.reliability.racing import all_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serialises every write, so the POSTs never truly race; CI runs this on PostgreSQL.",
    ),
]

AT_ONCE = 8


@dataclass(frozen=True)
class CreateForm:
    name: str
    url: object  # Cast -> the new-form URL
    field: str  # a field of the form, to find it on the page
    changes: dict  # what the person types (a value may be a function of the cast)
    rows: object  # Cast -> the queryset the form adds to
    button: str = "save"


CREATE_FORMS = [
    CreateForm(
        "area for improvement",
        lambda c: reverse("peel:afi_new", kwargs={"pk": c.inspection.pk}) + "?question=3",
        "question",
        {"text": "The force should ensure that victims are kept informed."},
        lambda c: AreaForImprovement.objects.filter(
            inspection=c.inspection, question__code="3", origin="lead"
        ),
    ),
    CreateForm(
        "cause of concern",
        lambda c: reverse("peel:cause_new", kwargs={"pk": c.inspection.pk}),
        "question",
        {"text": "How the force responds to calls.", "question": lambda c: c.afi.question_id},
        lambda c: CauseOfConcern.objects.filter(inspection=c.inspection),
    ),
    CreateForm(
        "evidence note",
        lambda c: reverse("peel:evidence_create", kwargs={"pk": c.inspection.pk}) + "?question=2.2",
        "observed_on",
        {"text": "Call-handlers did not give advice.", "source": "interview", "direction": "weakness"},
        lambda c: EvidenceNote.objects.filter(inspection=c.inspection, question__code="2.2"),
    ),
    CreateForm(
        "recommendation",
        lambda c: reverse(
            "peel:recommendation_new", kwargs={"pk": c.inspection.pk, "kind": "afis", "item_id": c.afi.pk}
        ),
        "due_date",
        {"text": "By 1 May 2017 produce an action plan.", "due_date": "2017-05-01"},
        lambda c: Recommendation.objects.filter(afi=c.afi),
    ),
]


@pytest.fixture
def cast(db) -> Cast:
    return Cast()


def _post_at_once(cast, create: CreateForm, submissions: list[dict]) -> list:
    url = create.url(cast)

    def step(index: int):
        client = Client()
        client.force_login(cast.lead)
        response = client.post(url, submissions[index])
        return response.status_code, response.get("Location", "")

    return all_at_once(len(submissions), step)


def _submission(cast, create: CreateForm) -> dict:
    client = Client()
    client.force_login(cast.lead)
    url = create.url(cast)
    changes = {name: value(cast) if callable(value) else value for name, value in create.changes.items()}
    return form_with(client.get(url).content, create.field).submission(create.button, **changes)


@pytest.mark.parametrize("create", CREATE_FORMS, ids=[create.name for create in CREATE_FORMS])
def test_the_same_form_posted_eight_times_at_once_creates_one_row(cast, create):
    before = set(create.rows(cast).values_list("pk", flat=True))
    submission = _submission(cast, create)

    answers = _post_at_once(cast, create, [submission] * AT_ONCE)

    assert all(isinstance(answer, tuple) and answer[0] == 302 for answer in answers), answers
    created = create.rows(cast).exclude(pk__in=before)
    assert created.count() == 1
    assert len({location for _, location in answers}) == 1  # every POST is sent to the same place


@pytest.mark.parametrize("create", CREATE_FORMS, ids=[create.name for create in CREATE_FORMS])
def test_eight_different_forms_posted_at_once_get_eight_different_numbers(cast, create):
    before = set(create.rows(cast).values_list("pk", flat=True))
    submissions = [_submission(cast, create) for _ in range(AT_ONCE)]

    answers = _post_at_once(cast, create, submissions)

    assert all(isinstance(answer, tuple) and answer[0] == 302 for answer in answers), answers
    created = create.rows(cast).exclude(pk__in=before)
    assert created.count() == AT_ONCE
    if create.name != "evidence note":  # notes are ordered by date, not numbered
        orders = list(create.rows(cast).values_list("order", flat=True))
        assert len(orders) == len(set(orders)), orders
