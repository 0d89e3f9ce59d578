"""Two people open the same object and both save different words from their rendered forms: the first
save stands, and the second is told, with their own words still in the form. Every editable object of
``editables.EDITABLES`` is tried."""

import pytest
from django.test import Client

from tests.forms_in_html import form_with
from tests.reliability.editables import EDITABLES
from tests.reliability.world import World

CONFLICT_WORDS = ("after you opened it", "Not saved:")


def _session(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.mark.parametrize("editable", EDITABLES, ids=[editable.name for editable in EDITABLES])
def test_the_second_of_two_stale_saves_is_refused_and_keeps_its_words(world, editable):
    url, field = editable.url(world), editable.field_name(world)
    sessions = [_session(world, role) for role in editable.editors]
    forms = [form_with(session.get(url).content, field) for session in sessions]
    submissions = []
    for editor, form in enumerate(forms):
        changes = {field: editable.values[editor]}
        if editable.also is not None:
            changes.update(editable.also(world, form, editor))
        submissions.append(form.submission(editable.button, **changes))

    first = sessions[0].post(forms[0].action(url), submissions[0])
    second = sessions[1].post(forms[1].action(url), submissions[1])

    assert first.status_code == 302, first.content.decode()[:2000]
    assert editable.stored(world) == editable.values[0]
    assert second.status_code in (200, 409)
    page = second.content.decode()
    assert any(words in page for words in CONFLICT_WORDS), page[:3000]
    kept = form_with(page, field).submission(editable.button)[field]
    assert kept == [editable.values[1]]


@pytest.mark.parametrize("editable", EDITABLES, ids=[editable.name for editable in EDITABLES])
def test_saving_again_after_being_told_replaces_the_first_save_on_purpose(world, editable):
    url, field = editable.url(world), editable.field_name(world)
    sessions = [_session(world, role) for role in editable.editors]
    forms = [form_with(session.get(url).content, field) for session in sessions]
    changes = [{field: value} for value in editable.values]
    if editable.also is not None:
        for editor, form in enumerate(forms):
            changes[editor].update(editable.also(world, form, editor))
    sessions[0].post(forms[0].action(url), forms[0].submission(editable.button, **changes[0]))
    told = form_with(
        sessions[1].post(forms[1].action(url), forms[1].submission(editable.button, **changes[1])).content,
        field,
    )

    again = sessions[1].post(told.action(url), told.submission(editable.button))

    assert again.status_code == 302, again.content.decode()[:2000]
    assert editable.stored(world) == editable.values[1]
