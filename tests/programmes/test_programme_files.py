"""A programme is one file: written by export_framework, loaded by load_framework, the same file again after
a round trip (but for the name), and every refusal naming its line, column and what is wrong, with
nothing written."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peel.models import Criterion, Programme, Question
from programmes.reading import ProgrammeFileError
from programmes.services import programme_file_load
from programmes.writing import programme_file_text
from reviews.models import DesignTemplate, StratumTemplate
from tests.factories.inspections import inspection_with_drafts, peel_2016

SHIPPED = Path("peel/data/programmes")
PEEL_2016_FILE = SHIPPED / "peel-effectiveness-2016.yaml"

pytestmark = pytest.mark.django_db


def _export(slug: str, tmp_path) -> str:
    path = tmp_path / f"{slug}.yaml"
    call_command("export_framework", "--programme", slug, "-o", str(path), stdout=io.StringIO())
    return path.read_text(encoding="utf-8")


def _load(tmp_path, text: str, *args) -> str:
    path = tmp_path / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("load_framework", str(path), *args, stdout=out)
    return out.getvalue()


def _renamed(text: str, name: str, slug: str) -> str:
    """The file with its programme's name and slug lines replaced, as an admin would edit them."""
    return text.replace("  name: PEEL effectiveness 2016\n", f"  name: {name}\n", 1).replace(
        "  slug: peel-effectiveness-2016\n", f"  slug: {slug}\n", 1
    )


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Programme.objects.count(),
        Question.objects.count(),
        Criterion.objects.count(),
        DesignTemplate.objects.count(),
        StratumTemplate.objects.count(),
    )


def _problems(text: str) -> list[str]:
    before = _counts()
    with pytest.raises(ProgrammeFileError) as error:
        programme_file_load(text=text)
    assert _counts() == before, "a refused file wrote something"
    return [str(problem) for problem in error.value.problems]


def test_export_then_load_under_a_new_name_then_export_gives_the_same_file_but_for_the_name(tmp_path):
    first = _export("peel-effectiveness-2016", tmp_path)

    out = _load(tmp_path, _renamed(first, "PEEL trial", "peel-trial"))
    second = _export("peel-trial", tmp_path)

    assert out.startswith("loaded programme: PEEL trial (slug peel-trial")
    differing = [(a, b) for a, b in zip(first.splitlines(), second.splitlines(), strict=True) if a != b]
    assert differing == [
        ("  name: PEEL effectiveness 2016", "  name: PEEL trial"),
        ("  slug: peel-effectiveness-2016", "  slug: peel-trial"),
    ]
    assert first.encode().replace(b"PEEL effectiveness 2016", b"X").replace(
        b"peel-effectiveness-2016", b"x"
    ) == second.encode().replace(b"PEEL trial", b"X").replace(b"peel-trial", b"x")


def test_the_load_command_can_give_the_file_another_name(tmp_path):
    _load(tmp_path, _export("peel-effectiveness-2016", tmp_path), "--name", "Copy", "--slug", "copy")

    copy = Programme.objects.get(slug="copy")
    original = peel_2016()
    assert copy.name == "Copy"
    assert [q.text for q in copy.questions.order_by("order")] == [
        q.text for q in original.questions.order_by("order")
    ]
    assert copy.criteria.count() == original.criteria.count() == 22
    assert list(copy.design_template.strata.values_list("label", flat=True)) == list(
        original.design_template.strata.values_list("label", flat=True)
    )


def test_the_shipped_2016_file_is_what_the_migrations_load():
    assert PEEL_2016_FILE.read_text(encoding="utf-8") == programme_file_text(peel_2016())


def test_the_file_carries_every_part_of_a_programme():
    text = programme_file_text(peel_2016())

    for section in ("format: 1", "programme:", "questions:", "criteria:", "sample_design:", "grading_rules:"):
        assert f"\n{section}" in text
    assert "    applicability: vulnerable_or_domestic_abuse\n" in text
    assert "    threshold: 0.8\n" in text
    assert "  total: 60\n" in text
    assert text.startswith("# A peel programme file (format 1)")


def test_a_changed_file_loads_over_an_unused_programme_and_drops_what_it_no_longer_has(tmp_path):
    text = _renamed(_export("peel-effectiveness-2016", tmp_path), "Trial", "trial")
    _load(tmp_path, text)
    changed = text.replace(
        "text: How effectively does the force reduce re-offending?",
        "text: How well does the force reduce re-offending?",
    )

    out = _load(tmp_path, changed)

    trial = Programme.objects.get(slug="trial")
    assert out.startswith("replaced the unused programme: Trial")
    assert trial.questions.get(code="2.4").text == "How well does the force reduce re-offending?"
    assert trial.questions.count() == 21 and trial.criteria.count() == 22


def test_a_programme_in_use_is_refused_naming_the_slug_line(tmp_path):
    inspection_with_drafts()
    text = PEEL_2016_FILE.read_text(encoding="utf-8")

    problems = _problems(text)

    assert problems == [
        "line 11, column 9: programme.slug: PEEL effectiveness 2016 is used by 1 inspection, so it cannot "
        "change: load the file as a new version (a new name and slug, and previous_version: "
        "peel-effectiveness-2016)"
    ]


def test_a_new_version_names_the_programme_it_follows(tmp_path):
    text = _renamed(PEEL_2016_FILE.read_text(encoding="utf-8"), "PEEL 2016 v2", "peel-2016-v2")
    text = text.replace("  year: 2016\n", "  year: 2016\n  previous_version: peel-effectiveness-2016\n")

    _load(tmp_path, text)

    programme = Programme.objects.get(slug="peel-2016-v2")
    assert programme.previous_version == peel_2016()
    assert programme.version == 2
    assert "  previous_version: peel-effectiveness-2016\n" in programme_file_text(programme)


MINIMAL = """\
format: 1
programme:
  name: Minimal
  slug: minimal
  year: 2024
questions:
  - code: '0'
    level: overall
    text: How good is the force?
  - code: '1'
    level: core
    parent: '0'
    text: How good is the force at investigating crime?
  - code: '1.1'
    level: sub
    parent: '1'
    text: The force investigates crime well.
criteria:
  - code: C01
    section: Investigation
    text: Was the investigation supervised?
    questions: ['1.1']
    threshold: 0.75
"""


def test_a_minimal_file_loads_with_the_defaults_filled_in():
    programme, created = programme_file_load(text=MINIMAL)

    assert created
    criterion = programme.criteria.get()
    assert (criterion.answer_set, criterion.applicability, str(criterion.threshold)) == (
        "yes_partly_no",
        "all",
        "0.750",
    )
    assert list(programme.questions.values_list("code", "graded")) == [
        ("0", True),
        ("1", True),
        ("1.1", False),
    ]
    assert not DesignTemplate.objects.filter(programme=programme).exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  year: 2024\n",
            "  year: 2024\n    oops: [\n",
            "line 6, column 9: not valid YAML: mapping values are not allowed here",
        ),
        (
            "  year: 2024\n",
            "  year: 2024\n  colour: blue\n",
            "line 6, column 3: file.programme: unknown key 'colour'",
        ),
        ("  name: Minimal\n", "", "line 3, column 3: file.programme.name: missing (the programme's name)"),
        (
            "  - code: '1.1'\n",
            "  - code: '1'\n",
            "line 14, column 11: questions[3].code: '1' is used by an earlier question",
        ),
        (
            "    parent: '1'\n",
            "    parent: '7'\n",
            "line 16, column 13: questions[3].parent: no earlier question has the code '7'",
        ),
        (
            "    threshold: 0.75\n",
            "    threshold: 0.75\n    applicability: full_moon\n",
            "line 24, column 20: file.criteria[1].applicability: 'full_moon' is not one of all, domestic",
        ),
        (
            "    threshold: 0.75\n",
            "    threshold: 1.5\n",
            "line 23, column 16: file.criteria[1].threshold: 1.5 is not a proportion between 0 and 1",
        ),
        (
            "  - code: '1.1'\n",
            "  - code: 1.1\n",
            "line 14, column 11: file.questions[3].code: expected text, got the number 1.1 (put it in quotes",
        ),
        (
            "    questions: ['1.1']\n",
            "    questions: ['1']\n",
            "line 22, column 17: criteria[1].questions: no sub-question has the code '1'",
        ),
        ("  name: Minimal\n", "  name: Minimal\n  name: Twice\n", "line 4, column 3: not valid YAML"),
        ("format: 1\n", "format: 2\n", "line 1, column 9: file.format: this peel reads format 1, not 2"),
    ],
)
def test_every_refusal_names_the_line_and_what_is_wrong_and_writes_nothing(old, new, expected):
    assert old in MINIMAL
    problems = _problems(MINIMAL.replace(old, new, 1))

    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_file_with_several_problems_lists_them_all_in_file_order():
    text = MINIMAL.replace("  year: 2024\n", "  year: twenty\n").replace(
        "    threshold: 0.75\n", "    threshold: -1\n"
    )

    problems = _problems(text)

    assert problems == [
        "line 5, column 9: file.programme.year: expected a whole number, got str",
        "line 23, column 16: file.criteria[1].threshold: -1 is not a proportion between 0 and 1",
    ]


def test_grading_rules_problems_name_the_line_of_the_rule_at_fault():
    text = (
        MINIMAL
        + "grading_rules:\n  version: 1\n  bands:\n    - grade: superb\n"
        + "      when: all\n      conditions: []\n"
    )

    problems = _problems(text)

    assert any(
        p.startswith("line 27, column 14: grading_rules.bands[1].grade: must be one of") for p in problems
    )


def test_a_name_already_taken_by_another_programme_is_refused():
    problems = _problems(MINIMAL.replace("  name: Minimal\n", "  name: PEEL effectiveness 2016\n"))

    assert problems == [
        "line 3, column 9: programme.name: another programme is called 'PEEL effectiveness 2016'"
    ]


def test_the_load_command_lists_each_problem_with_its_line(tmp_path):
    with pytest.raises(CommandError) as error:
        _load(tmp_path, MINIMAL.replace("    parent: '1'\n", "    parent: '7'\n"))

    message = str(error.value)
    assert "was not loaded; nothing was written" in message
    assert (
        "programme.yaml: line 16, column 13: questions[3].parent: no earlier question has the code '7'"
        in message
    )
    assert not Programme.objects.filter(slug="minimal").exists()


def test_the_load_command_refuses_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_framework", "/nonexistent/programme.yaml")


def test_the_export_command_names_the_programmes_there_are_when_the_slug_is_unknown(tmp_path):
    with pytest.raises(
        CommandError, match="No programme has the slug 'nope' \\(there are: peel-effectiveness-2016"
    ):
        call_command("export_framework", "--programme", "nope")


def test_a_file_refuses_figures_it_cannot_draw_naming_their_lines():
    text = MINIMAL + (
        "figures:\n"
        "  - key: arrests\n"
        "    kind: trend\n"
        "    title: Arrests in {force_area}\n"
        "    value_label: Arrests per 100 crimes\n"
        "    metrics:\n"
        "      - metric: no_such_metric\n"
        "    periods: [12m-to-2016-06-30]\n"
    )

    problems = _problems(text)

    assert problems == [
        "line 26, column 11: figures[1]: A metric over periods, this force against England and Wales needs "
        "at least 2 periods, not 1",
        "line 30, column 17: figures[1].metrics[1].metric: no metric has the code 'no_such_metric'",
    ]


def test_a_file_refuses_report_text_markup_peel_cannot_render():
    text = MINIMAL + "report_texts:\n  - key: next-steps\n    body: We will review progress.[^1]\n"

    problems = _problems(text)

    assert problems == [
        "line 26, column 11: report_texts[1].body: Footnote [^1] is called but has no text: add a line "
        "“[^1]: …”."
    ]


def test_report_texts_and_an_audit_design_load_and_write_back():
    text = MINIMAL + (
        "sample_design:\n"
        "  kind: audit\n"
        "  decision_question: Was the crime correctly recorded?\n"
        "  total: 20\n"
        "report_texts:\n"
        "  - key: next-steps\n"
        "    title: Next steps\n"
        "    body: We will continue to monitor progress.\n"
    )

    programme, _ = programme_file_load(text=text)

    assert programme.design_template.kind == "audit"
    assert programme.report_texts.get().body == "We will continue to monitor progress."
    written = programme_file_text(programme)
    assert "  kind: audit\n  decision_question: Was the crime correctly recorded?\n" in written
    assert (
        "  - key: next-steps\n    title: Next steps\n    body: We will continue to monitor progress.\n"
        in written
    )


def test_an_audit_without_its_decision_question_is_refused():
    text = MINIMAL + "sample_design:\n  kind: audit\n  total: 20\n"

    problems = _problems(text)

    assert problems == [
        "line 25, column 3: sample_design.decision_question: missing (an audit decides each file on one "
        "yes/no question, e.g. Was the crime correctly recorded?)"
    ]


QUOTAS = (
    "sample_design:\n"
    "  kind: quality_review\n"
    "  total: 30\n"
    "  strata:\n"
    "    - label: Robbery\n"
    "      crime_type: Robbery\n"
    "      quota: 10\n"
    "    - label: Rape\n"
    "      crime_type: Rape\n"
    "      quota: 20\n"
)


def test_each_strata_quota_loads_writes_back_and_is_what_an_inspection_starts_with():
    from reviews.models import SampleDesign

    programme, _ = programme_file_load(text=MINIMAL + QUOTAS)

    assert [
        s.quota for s in StratumTemplate.objects.filter(template__programme=programme).order_by("order")
    ] == [
        10,
        20,
    ]
    assert (
        "      crime_type: Rape\n      aliases: []\n      requires_domestic_abuse: false\n      quota: 20\n"
        in (programme_file_text(programme))
    )
    inspection = inspection_with_drafts(programme=programme)
    _design, strata = SampleDesign.from_programme_default(inspection)
    assert [(stratum.label, stratum.quota) for stratum in strata] == [("Robbery", 10), ("Rape", 20)]


def test_quotas_that_do_not_add_up_to_the_total_or_are_given_for_some_strata_only_are_refused():
    short = _problems(MINIMAL + QUOTAS.replace("quota: 20", "quota: 15"))
    partial = _problems(MINIMAL + QUOTAS.replace("      quota: 20\n", ""))

    assert len(short) == 1 and short[0].endswith(
        "sample_design.total: 30, but the strata's quotas add up to 25"
    )
    assert (
        len(partial) == 1
        and "sample_design.strata[2].quota: missing (give a quota for every stratum" in (partial[0])
    )
