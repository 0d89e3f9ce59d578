"""python manage.py compile_inspection --inspection N | --all"""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import CompileRun, CompileTrigger
from tests.reports.builders import inspection_2016, notes_add, reviewed_files_add

pytestmark = pytest.mark.django_db

LINE = re.compile(
    r"^(?P<force>.+) — (?P<programme>.+): digest (?P<digest>[0-9a-f]{64}), (?P<results>\d+) results?, "
    r"(?P<afis>\d+) draft AFIs?, (?P<ms>\d+) ms$"
)


def run_command(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command("compile_inspection", *args, stdout=out)
    return out.getvalue().splitlines()


def test_one_inspection_prints_the_line_the_issue_specifies():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=10)
    notes_add(inspection, "3.1", weaknesses=2, flagged=2)

    [line] = run_command("--inspection", str(inspection.pk))

    match = LINE.match(line)
    assert match, line
    run = CompileRun.objects.get()
    assert match["force"] == "Cleveland Police"
    assert match["programme"] == "PEEL effectiveness 2016"
    assert match["digest"] == run.output_digest
    assert int(match["results"]) == run.results_count == 22 * 8
    assert int(match["afis"]) == run.draft_afis_count == 1
    assert int(match["ms"]) == run.duration_ms
    assert run.trigger == CompileTrigger.COMMAND and run.requested_by is None


def test_all_compiles_every_unpublished_inspection_one_line_each():
    for slug in ("cleveland", "durham", "kent"):
        reviewed_files_add(inspection_2016(force_slug=slug), files=5)
    published = inspection_2016(force_slug="dorset")
    published.status = "published"
    published.save()

    lines = run_command("--all")

    assert [LINE.match(line)["force"] for line in lines] == [
        "Cleveland Police",
        "Durham Constabulary",
        "Kent Police",
    ]


def test_the_same_evidence_prints_the_same_digest_twice():
    inspection = inspection_2016()
    reviewed_files_add(inspection, files=10)

    first, second = (
        run_command("--inspection", str(inspection.pk)),
        run_command("--inspection", str(inspection.pk)),
    )

    assert LINE.match(first[0])["digest"] == LINE.match(second[0])["digest"]


def test_an_unknown_inspection_is_refused():
    with pytest.raises(CommandError, match="No inspection has id 404"):
        call_command("compile_inspection", "--inspection", "404")


def test_one_of_the_two_options_is_required():
    with pytest.raises(CommandError, match="one of the arguments --inspection --all is required"):
        call_command("compile_inspection")


def test_a_broken_rule_set_is_reported_and_the_command_fails():
    inspection = inspection_2016()
    inspection.programme.grading_rules = {"version": "two"}
    inspection.programme.save()

    with pytest.raises(CommandError, match="1 inspection could not be compiled"):
        run_command("--inspection", str(inspection.pk))
