"""The question framework: PEEL effectiveness 2016 as the report's contents list has it, the loader
command, and the rule that a programme in use is never changed destructively (new version instead)."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from peel.models import Programme, Question, QuestionLevel
from peel.services.frameworks import programme_new_version
from tests.factories.inspections import inspection_with_drafts, peel_2016

FRAMEWORK_FILE = "peel/migrations/data/peel_effectiveness_2016_framework.json"

# The reference report's contents list (HMIC, PEEL: Police effectiveness 2016 – Cleveland), with
# "Cleveland" written as the framework's {force_area}.
REPORT_CONTENTS = {
    "1": (
        "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
        "safe?",
        [
            "How much crime and anti-social behaviour is there in {force_area}?",
            "How effectively does the force understand the threat or risk of harm within the communities it "
            "serves?",
            "How effectively do force actions and activities prevent crime and anti-social behaviour?",
        ],
    ),
    "2": (
        "How effective is the force at investigating crime and reducing re-offending?",
        [
            "How well does the force bring offenders to justice?",
            "How effective is the force's initial investigative response?",
            "How effective is the force's subsequent investigation?",
            "How effectively does the force reduce re-offending?",
        ],
    ),
    "3": (
        "How effective is the force at protecting those who are vulnerable from harm, and supporting "
        "victims?",
        [
            "How effectively does the force identify those who are vulnerable and assess their level of risk "
            "and need?",
            "How effectively does the force initially respond to vulnerable victims?",
            "How effectively does the force investigate offences involving vulnerable victims and work with "
            "external partners to keep victims safe?",
        ],
    ),
    "4": (
        "How effective is the force at tackling serious and organised crime?",
        [
            "How effectively does the force understand the threat and risk posed by serious and organised "
            "crime?",
            "How effectively does the force respond to serious and organised crime?",
            "How effectively does the force prevent serious and organised crime?",
        ],
    ),
    "5": (
        "How effective are the force's specialist capabilities?",
        [
            "How effective are the force's arrangements to ensure that it can fulfil its national policing "
            "responsibilities?",
            "How well prepared is the force to respond to a firearms attack?",
        ],
    ),
}


def _framework(programme: Programme) -> dict:
    cores = programme.questions.filter(level=QuestionLevel.CORE).order_by("order")
    return {core.code: (core.text, [sub.text for sub in core.children.order_by("order")]) for core in cores}


def _document(**programme) -> dict:
    with open(FRAMEWORK_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    data["programme"].update(programme)
    return data


def _load(tmp_path, data, name="framework.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    out = io.StringIO()
    call_command("load_framework", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_migration_loads_the_reports_five_core_questions_and_their_sub_questions():
    programme = peel_2016()

    assert _framework(programme) == REPORT_CONTENTS
    overall = programme.questions.get(level=QuestionLevel.OVERALL)
    assert overall.text == "How effective is the force at keeping people safe and reducing crime?"
    assert list(programme.questions.filter(level="core", graded=False).values_list("code", flat=True)) == [
        "5"
    ]
    assert programme.questions.get(code="1.1").text_for("Cleveland") == (
        "How much crime and anti-social behaviour is there in Cleveland?"
    )


@pytest.mark.django_db
def test_the_loader_command_reproduces_the_report_from_the_framework_file(tmp_path):
    out = _load(tmp_path, _document(name="PEEL effectiveness 2016 (reloaded)", slug="peel-2016-reloaded"))

    programme = Programme.objects.get(slug="peel-2016-reloaded")
    assert out == (
        f"loaded programme: PEEL effectiveness 2016 (reloaded) (id {programme.pk}) "
        "with 21 questions and 0 criteria\n"
    )
    assert _framework(programme) == REPORT_CONTENTS
    assert [q.code for q in programme.questions.order_by("order")][:5] == ["0", "1", "1.1", "1.2", "1.3"]


@pytest.mark.django_db
def test_the_loader_updates_an_unused_programme_and_drops_questions_no_longer_in_the_file(tmp_path):
    data = _document(name="Trial framework", slug="trial")
    _load(tmp_path, data)
    data["core"][4]["sub"].pop()  # drop 5.2
    data["core"][0]["text"] = "How well does the force prevent crime?"

    out = _load(tmp_path, data)

    programme = Programme.objects.get(slug="trial")
    assert out.startswith("updated programme: Trial framework")
    assert not programme.questions.filter(code="5.2").exists()
    assert programme.questions.get(code="1").text == "How well does the force prevent crime?"


@pytest.mark.django_db
def test_the_loader_refuses_a_programme_in_use(tmp_path):
    inspection_with_drafts()

    with pytest.raises(
        CommandError, match="used by 1 inspection, so its framework cannot change: load it as a new version"
    ):
        _load(tmp_path, _document())


@pytest.mark.django_db
def test_the_loader_names_every_problem_by_its_place_in_the_file(tmp_path):
    data = _document(name="Broken", slug="broken")
    del data["core"][1]["text"]
    data["core"][2]["sub"][0]["code"] = "1.1"
    data["grades"].append("brilliant")
    data["criteria"] = [
        {"code": "C1", "section": "Initial contact", "text": "x", "questions": ["9.9"], "threshold": 2}
    ]

    with pytest.raises(CommandError) as error:
        _load(tmp_path, data)

    message = str(error.value)
    assert "core[1].text: missing" in message
    assert "core[2].sub[0].code: '1.1' is used twice (also at core[0].sub[0])" in message
    assert "grades: 'brilliant' is not a grade" in message
    assert "criteria[0].questions: no question has the code '9.9'" in message
    assert "criteria[0].threshold: 2 is not a proportion" in message
    assert not Programme.objects.filter(slug="broken").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON (line 1, column 2"), ("[1, 2]", "one JSON object")],
)
def test_the_loader_refuses_a_file_that_is_not_a_framework(tmp_path, content, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        _load(tmp_path, content)


@pytest.mark.django_db
def test_the_loader_refuses_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_framework", "/nonexistent/framework.json")


@pytest.mark.django_db
def test_the_loader_loads_criteria_mapped_to_sub_questions(tmp_path):
    data = _document(name="With criteria", slug="with-criteria")
    data["criteria"] = [
        {"code": "C01", "section": "Initial contact", "text": "Was THRIVE used?", "questions": ["3.1", "2.2"],
         "applicability": "all", "threshold": 0.75, "afi_template": "The force should ensure that ..."},
    ]  # fmt: skip

    _load(tmp_path, data)

    criterion = Programme.objects.get(slug="with-criteria").criteria.get()
    assert sorted(criterion.questions.values_list("code", flat=True)) == ["2.2", "3.1"]
    assert str(criterion.threshold) == "0.750"


@pytest.mark.django_db
def test_a_new_version_copies_the_questions_and_criteria_and_can_then_change():
    original = peel_2016()
    criteria_before = original.criteria.count()
    inspection_with_drafts()

    copy_ = programme_new_version(programme=original)

    assert copy_.name == "PEEL effectiveness 2016 (version 2)"
    assert copy_.previous_version == original
    assert _framework(copy_) == _framework(original)
    assert copy_.criteria.count() == criteria_before
    for criterion in copy_.criteria.prefetch_related("questions"):
        assert {q.programme_id for q in criterion.questions.all()} <= {copy_.pk}
    assert not copy_.is_in_use()
    assert programme_new_version(programme=original).name == "PEEL effectiveness 2016 (version 3)"
    assert Question.objects.filter(programme=original).count() == 21


@pytest.mark.django_db
def test_a_new_version_refuses_a_name_already_taken():
    with pytest.raises(ValidationError, match="already called 'PEEL effectiveness 2016'"):
        programme_new_version(programme=peel_2016(), name="PEEL effectiveness 2016", slug="other")
