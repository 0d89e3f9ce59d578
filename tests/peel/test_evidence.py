"""Evidence notes: the team records them against sub-questions; an author and the lead change them; the
list filters by question, author, direction and source; the framework view counts them per question."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from peel.models import EvidenceNote
from peel.services.evidence import evidence_note_create
from tests.factories.inspections import EvidenceNoteFactory, sub_question


def _form(cast, **overrides):
    data = {
        "question": sub_question(cast.inspection, "2.2").pk,
        "source": "reality_testing",
        "direction": "weakness",
        "observed_on": "2016-10-12",
        "text": "  Call-handlers did not always give advice on preserving evidence.  ",
        "proposed_afi": "on",
    }
    data.update(overrides)
    return data


def test_a_team_inspector_records_a_note_as_its_author(client, cast):
    client.force_login(cast.inspector2)

    response = client.post(f"/inspections/{cast.inspection.pk}/evidence/new/", _form(cast))

    assert response.status_code == 302
    note = EvidenceNote.objects.get(inspection=cast.inspection, question__code="2.2")
    assert note.author == cast.inspector2
    assert note.text == "Call-handlers did not always give advice on preserving evidence."
    assert note.proposed_afi
    assert note.history.first().history_user == cast.inspector2


def test_add_and_record_another_returns_to_the_form_for_the_same_question(client, cast):
    client.force_login(cast.inspector)

    response = client.post(
        f"/inspections/{cast.inspection.pk}/evidence/new/", {**_form(cast), "add_another": "1"}
    )

    assert response["Location"].endswith("/evidence/new/?question=2.2")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("observed_on", "2999-01-01", "The date cannot be in the future."),
        ("observed_on", "31/02/2016", "Enter a valid date."),
        ("text", "   ", "This field is required."),
        ("direction", "sideways", "Select a valid choice."),
    ],
)
def test_a_bad_note_is_refused_with_the_field_named(client, cast, field, value, message):
    client.force_login(cast.inspector)

    response = client.post(f"/inspections/{cast.inspection.pk}/evidence/new/", _form(cast, **{field: value}))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not EvidenceNote.objects.filter(question__code="2.2").exists()


def test_a_note_must_be_about_a_sub_question_of_the_inspections_programme(cast):
    core_question = cast.inspection.programme.questions.get(code="2")

    with pytest.raises(ValidationError, match="Choose a sub-question"):
        evidence_note_create(
            inspection=cast.inspection,
            author=cast.inspector,
            question=core_question,
            source="data",
            direction="neutral",
            observed_on=datetime.date(2016, 10, 1),
            text="x",
        )


def test_the_author_edits_their_note_and_the_history_keeps_the_old_text(client, cast):
    client.force_login(cast.inspector)
    old_text = cast.note.text

    client.post(
        f"/inspections/{cast.inspection.pk}/evidence/{cast.note.pk}/edit/",
        _form(cast, question=cast.note.question_id, text="Corrected note."),
    )

    cast.note.refresh_from_db()
    assert cast.note.text == "Corrected note."
    assert old_text in cast.note.history.values_list("text", flat=True)


def test_the_lead_edits_any_note(client, cast):
    client.force_login(cast.lead)

    response = client.post(
        f"/inspections/{cast.inspection.pk}/evidence/{cast.note.pk}/edit/",
        _form(cast, question=cast.note.question_id, text="The lead's correction."),
    )

    assert response.status_code == 302
    cast.note.refresh_from_db()
    assert cast.note.text == "The lead's correction."
    assert cast.note.author == cast.inspector


def test_a_note_an_approved_afi_rests_on_cannot_be_deleted(client, cast):
    cast.approve(cast.afi)
    client.force_login(cast.inspector)

    response = client.post(f"/inspections/{cast.inspection.pk}/evidence/{cast.note.pk}/delete/", follow=True)

    assert EvidenceNote.objects.filter(pk=cast.note.pk).exists()
    assert "cited by 1 approved area for improvement" in response.content.decode()


def test_the_author_deletes_their_note(client, cast):
    note = EvidenceNoteFactory(inspection=cast.inspection, author=cast.inspector)
    client.force_login(cast.inspector)

    client.post(f"/inspections/{cast.inspection.pk}/evidence/{note.pk}/delete/")

    assert not EvidenceNote.objects.filter(pk=note.pk).exists()
    assert note.history.filter(history_type="-").exists()


@pytest.fixture
def notes(cast):
    """Four notes that differ in one way each from the cast's own (3.1, interview, strength, inspector)."""

    def make(**kwargs):
        return EvidenceNoteFactory(
            inspection=cast.inspection, **{"author": cast.inspector, "question": cast.note.question, **kwargs}
        )

    return {
        "other question": make(question=sub_question(cast.inspection, "1.2")),
        "other author": make(author=cast.inspector2),
        "weakness": make(direction="weakness"),
        "document": make(source="document"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"direction": "weakness"}, {"weakness"}),
        ({"source": "document"}, {"document"}),
        ({"author": "inspector2"}, {"other author"}),
        ({"question": "1.2"}, {"other question"}),
        ({"question": "1"}, {"other question"}),  # a core question matches its sub-questions' notes
        (
            {"direction": "strength", "source": "interview", "question": "3.1", "author": "inspector"},
            {"cast"},
        ),
    ],
)
def test_the_evidence_list_filters(client, cast, notes, query, expected):
    questions = {q.code: q.pk for q in cast.inspection.programme.questions.all()}
    users = {"inspector": cast.inspector.pk, "inspector2": cast.inspector2.pk}
    params = {
        key: questions[value] if key == "question" else users[value] if key == "author" else value
        for key, value in query.items()
    }
    client.force_login(cast.inspector)

    response = client.get(f"/inspections/{cast.inspection.pk}/evidence/", params)

    shown = {note.pk for note in response.context["page"].object_list}
    names = {**{name: note.pk for name, note in notes.items()}, "cast": cast.note.pk}
    assert shown == {names[name] for name in expected}


def test_the_framework_view_counts_notes_per_question_and_direction(client, cast, notes):
    client.force_login(cast.inspector2)

    response = client.get(f"/inspections/{cast.inspection.pk}/framework/")

    cores = {core["question"].code: core for core in response.context["cores"]}
    sub_31 = next(sub for sub in cores["3"]["subs"] if sub["question"].code == "3.1")
    assert (sub_31["counts"]["strength"], sub_31["counts"]["weakness"], sub_31["counts"]["total"]) == (
        3,
        1,
        4,
    )
    assert cores["1"]["counts"]["total"] == 1
    assert response.context["totals"]["total"] == 5
    content = response.content.decode()
    assert "How much crime and anti-social behaviour is there in Cleveland?" in content
    assert cast.note.text in content
