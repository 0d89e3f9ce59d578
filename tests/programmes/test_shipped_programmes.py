"""The programmes peel ships load from their files, and seed_national loads one it is asked for."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peel.models import Inspection, Programme
from programmes.services import programme_file_load, shipped_programme_ensure
from programmes.writing import programme_file_text

SHIPPED = Path("peel/data/programmes")

pytestmark = pytest.mark.django_db


def _without_comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


def test_peel_2023_25_loads_with_its_five_grades_and_four_finding_types():
    programme = shipped_programme_ensure(slug="peel-2023-25")

    assert programme.name == "PEEL 2023–25"
    assert [level.code for level in programme.grade_scale.graded] == [
        "outstanding",
        "good",
        "adequate",
        "requires_improvement",
        "inadequate",
    ]
    assert list(programme.finding_types.values_list("code", flat=True)) == [
        "cause_of_concern",
        "area_for_improvement",
        "innovative_practice",
        "promising_practice",
    ]
    assert programme.questions.get(code="1").text == "How good is the force’s service for victims of crime?"
    assert programme.questions.filter(level="core").count() == 10
    assert sorted(set(programme.criteria.values_list("section", flat=True))) == [
        "Call handling",
        "Crime recording",
        "Deployment",
        "Investigation",
        "Outcomes",
    ]
    design = programme.design_template
    assert design.total == 10 * design.strata.count()


@pytest.mark.parametrize("slug", ["peel-2023-25", "peel-effectiveness-2016"])
def test_each_shipped_file_is_what_its_programme_exports_apart_from_its_comments(slug):
    text = (SHIPPED / f"{slug}.yaml").read_text(encoding="utf-8")
    if slug == "peel-effectiveness-2016":
        programme = Programme.objects.get(slug=slug)
    else:
        programme, _ = programme_file_load(text=text)

    assert _without_comments(programme_file_text(programme)) == _without_comments(text)


def test_the_2016_file_loads_under_another_name_as_the_migrations_made_it():
    text = (SHIPPED / "peel-effectiveness-2016.yaml").read_text(encoding="utf-8")

    copy, created = programme_file_load(text=text, name="PEEL 2016 again", slug="peel-2016-again")

    assert created and copy.questions.count() == 21 and copy.criteria.count() == 22


def test_shipped_programme_ensure_knows_only_the_files_peel_ships():
    assert shipped_programme_ensure(slug="no-such-programme") is None
    assert shipped_programme_ensure(slug="../peel-2023-25") is None


def test_seed_national_loads_peel_2023_25_when_absent_and_generates_under_it():
    assert not Programme.objects.filter(slug="peel-2023-25").exists()
    out = io.StringIO()

    call_command("seed_national", "--programme", "peel-2023-25", "--forces", "1", stdout=out)

    programme = Programme.objects.get(slug="peel-2023-25")
    inspection = Inspection.objects.get(programme=programme)
    assert inspection.is_generated
    assert "1 inspections generated" in out.getvalue()


def test_seed_national_refuses_a_programme_neither_present_nor_shipped():
    with pytest.raises(CommandError, match="No programme has the slug 'nope' and peel ships no file for it"):
        call_command("seed_national", "--programme", "nope", "--forces", "1", stdout=io.StringIO())


def test_an_inspection_under_peel_2023_25_compiles_reports_and_counts_on_its_five_grades():
    from authoring.report import authored_report_content
    from reports.national import national_view
    from reports.services.runs import compile_inspection

    call_command("seed_national", "--programme", "peel-2023-25", "--forces", "2", stdout=io.StringIO())
    programme = Programme.objects.get(slug="peel-2023-25")
    inspection = Inspection.objects.filter(programme=programme).order_by("pk").first()

    run = compile_inspection(inspection=inspection)
    report = authored_report_content(inspection=inspection)
    national = national_view(programme=programme)

    assert run.status == "succeeded"
    levels = [level.code for level in programme.grade_scale.levels if not level.is_ungraded]
    assert levels == ["outstanding", "good", "adequate", "requires_improvement", "inadequate"]
    assert all(section.grade.grade in {"", *levels} for section in report.sections if section.graded)
    assert [label for label, _count in national.distribution[0][1]][:5] == [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
    ]
    assert sum(count for _label, count in national.distribution[0][1]) + national.distribution[0][2] == 2
