"""The report page keeps its rendered report (and its checklist) between requests, and never shows it
once the report has changed: after an edit to a section, a judgment, a figure's data, a compile or a
section's status, the next request shows the report as it is now, exactly as a fresh render makes it,
on the same cache."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from authoring.models import SectionStatus
from authoring.services.sections import section_body_save, section_status_set, sections_ensure
from demo.cleveland_figures import cleveland_figures_ensure
from demo.figure_values import figure_values_ensure
from figures.models import FigureDefinition
from forces.models import MetricValue
from forces.services.figures import metric_value_set
from peel.models import Judgment, QuestionLevel
from peel.services.approval import ApprovalAction, approvable_transition, approvable_update
from publication.report_page_cache import report_body_render
from publication.report_sources import report_page_key
from publication.selectors import publication_state
from reports.services.runs import compile_inspection
from tests.authoring.builders import section
from tests.reports.builders import reportable_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    cache.clear()
    inspection = reportable_inspection()
    sections_ensure(inspection=inspection)
    return inspection


def page(client, inspection) -> str:
    client.force_login(inspection.lead)
    response = client.get(reverse("publication:report", kwargs={"pk": inspection.pk}))
    assert response.status_code == 200
    return response.content.decode()


def fresh_render(inspection) -> str:
    inspection.refresh_from_db()
    return report_body_render(inspection=inspection, notices=publication_state(inspection=inspection).notices)


def test_the_kept_report_is_exactly_what_a_fresh_render_makes(client, inspection):
    first = page(client, inspection)  # rendered and kept
    second = page(client, inspection)  # read from the cache

    assert fresh_render(inspection) in first
    assert fresh_render(inspection) in second


def test_a_section_edited_after_the_page_was_kept_shows_its_new_text(client, inspection):
    section_body_save(section=section(inspection, "q-1.1"), body="The first words.", version=None,
                      user=inspection.lead)  # fmt: skip
    assert "The first words." in page(client, inspection)

    section_body_save(section=section(inspection, "q-1.1"), body="The second words.", version=None,
                      user=inspection.lead)  # fmt: skip
    shown = page(client, inspection)

    assert "The second words." in shown
    assert "The first words." not in shown
    assert fresh_render(inspection) in shown


def test_a_judgment_edited_after_the_page_was_kept_shows_its_new_rationale(client, inspection):
    overall = Judgment.objects.get(inspection=inspection, question__level=QuestionLevel.OVERALL)
    overall = approvable_transition(item=overall, user=inspection.lead, action=ApprovalAction.REOPEN,
                                    reason="To reword it.")  # fmt: skip
    overall = approvable_update(item=overall, user=inspection.lead, changes={"rationale": "Before the edit."})
    assert "Before the edit." in page(client, inspection)

    approvable_update(item=overall, user=inspection.lead, changes={"rationale": "After the edit."})
    shown = page(client, inspection)

    assert "After the edit." in shown
    assert "Before the edit." not in shown


def test_a_figure_shows_the_forces_new_value_once_its_data_changes(client, inspection):
    cleveland_figures_ensure()
    figure_values_ensure()
    definition = FigureDefinition.objects.filter(programme=inspection.programme).order_by("order").first()
    placed = f"{{{{figure:{definition.key}}}}}"
    section_body_save(section=section(inspection, "q-1"), body=placed, version=None, user=inspection.lead)
    before = page(client, inspection)
    metrics = definition.figure_metrics.values("metric_id")
    value = MetricValue.objects.filter(metric_id__in=metrics, force=inspection.force).first()
    metric_value_set(metric=value.metric, force=inspection.force, period=value.period,
                     numerator=Decimal(value.numerator or 1) * 3 + 7, denominator=value.denominator,
                     value=None if value.denominator else Decimal(value.value) * 3 + 7)  # fmt: skip

    after = page(client, inspection)

    assert after != before
    assert fresh_render(inspection) in after


def test_a_new_compile_renders_the_report_again_under_a_new_key(client, inspection):
    page(client, inspection)
    key_before = report_page_key(inspection=inspection)

    compile_inspection(inspection=inspection)
    shown = page(client, inspection)

    assert report_page_key(inspection=inspection) != key_before
    assert fresh_render(inspection) in shown


def test_the_checklist_drops_a_section_once_the_lead_approves_it(client, inspection):
    next_steps = section(inspection, "next-steps")
    waiting = f"Section “{next_steps.title[:70]}”: "
    assert waiting in page(client, inspection)

    section_status_set(section=next_steps, status=SectionStatus.APPROVED, user=inspection.lead)

    assert waiting not in page(client, inspection)
