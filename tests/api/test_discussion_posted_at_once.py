"""A message posted through the API 8 times at once with one submission key (a client retrying while its
first request is still running) is posted once, every request answers it, and the lead is told once.
On PostgreSQL, where the requests truly run at the same time."""

import uuid

import pytest
from django.conf import settings

from notifications.models import Notification
from reviews.models import Message
from tests.api.conftest import token_client
from tests.reliability.racing import all_at_once
from tests.reliability.world import World

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serialises every write, so the POSTs never truly race; CI runs this on PostgreSQL.",
    ),
]

AT_ONCE = 8


def test_one_submission_key_sent_8_times_at_once_posts_one_message_and_tells_the_lead_once():
    world = World()
    client = token_client(world.inspector)
    path = f"/api/v1/inspections/{world.inspection.pk}/files/{world.draft_file.pk}/discussion/first/"
    sent = {"text": "Is the DASH form in the file?", "submission_key": str(uuid.uuid4())}

    answers = all_at_once(AT_ONCE, lambda _: client.post(path, sent, format="json"))

    assert [answer.status_code for answer in answers] == [201] * AT_ONCE, answers
    message = Message.objects.get(case_file=world.draft_file)
    assert {answer.json()["id"] for answer in answers} == {message.pk}
    assert Notification.objects.filter(recipient=world.lead, key=f"message:{message.pk}").count() == 1
