"""An inspection with its report's sections set up, and helpers the authoring tests share."""

from authoring.models import ReportSection
from authoring.services.sections import section_author_assign, sections_ensure
from tests.factories.inspections import inspection_with_drafts


def inspection_with_sections(**kwargs):
    inspection = inspection_with_drafts(**kwargs)
    sections_ensure(inspection=inspection)
    return inspection


def section(inspection, key: str) -> ReportSection:
    return ReportSection.objects.select_related("inspection", "question").get(inspection=inspection, key=key)


def authored(inspection, key: str, author) -> ReportSection:
    section_author_assign(section=section(inspection, key), author=author, user=inspection.lead)
    return section(inspection, key)
