"""Schemathesis against the live app (PostgreSQL in CI): every operation of the schema, called with a
lead's token on a real inspection with generated parameters and bodies, answers without a server
error and as its schema says. Bounded: a fixed number of examples per operation."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from api.services.tokens import token_create
from notifications.models import NotificationKind
from notifications.services import notification_send
from tests.reliability.world import World

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXAMPLES_PER_OPERATION = 40
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _on_real_objects(case, world: World, notification_id: int) -> None:
    """Most cases name the world's real objects, so the operations get past "not found" to their
    filters, validation and writes; one in four keeps the id Hypothesis made up."""
    parameters = case.path_parameters or {}
    real = {
        "id": world.inspection.pk,
        "file_id": world.draft_file.pk,
        "note_id": world.note.pk,
        "notification_id": notification_id,
        "slug": world.force.slug if "/forces/" in case.path else world.programme.slug,
    }
    for name, value in real.items():
        if name in parameters and not (isinstance(parameters[name], int) and parameters[name] % 4 == 0):
            parameters[name] = value


def test_every_operation_answers_generated_requests_without_a_server_error_and_as_documented(
    live_server, settings_for_fuzzing
):
    world = World()
    # One of the lead's own, for the operations that mark a notification read.
    notification = notification_send(
        recipient=world.lead,
        kind=NotificationKind.MESSAGE,
        subject="A message about a file",
        body="Please look at the file again.",
        url=world.inspection.get_absolute_url(),
        key="fuzz-message",
    )
    headers = {"Authorization": f"Bearer {token_create(user=world.lead, name='Fuzz', lifetime_days=1).token}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", headers=headers)
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            _on_real_objects(case, world, notification.pk)
            case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS, timeout=30)

        try:
            call()
        except Exception as failure:  # collected, so one run reports every operation that fails
            failures.append(f"{operation.label}: {failure}")

    assert operations >= 24
    assert not failures, "\n\n".join(failures)


@pytest.fixture
def settings_for_fuzzing(settings):
    settings.API_THROTTLE_RATE = "1000000/minute"  # the fuzzer is one token sending hundreds of requests
