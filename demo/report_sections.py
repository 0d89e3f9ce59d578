"""The demo report's written narrative: the Cleveland 2016 reference report's text, loaded from markup
files (one per section, named by the section's key: ``q-1.md``, ``q-1.2.md``, ``introduction.md``) into
the inspection's sections through the authoring services, as its inspectors would have written it and
its lead approved it; its title-page details; and the programme's own introduction, Next steps and
Annex A, when the programme has none yet.

Every step is done only where it has not been, so ``seed_demo`` run twice leaves the same content.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from authoring.models import FixedSection, ProgrammeReportText, ReportDetails, ReportSection, SectionStatus
from authoring.services.details import programme_text_save, report_details_save
from authoring.services.sections import (
    section_authors_assign,
    section_body_save,
    section_status_set,
    sections_ensure,
)
from peel.models import Inspection, Programme

CLEVELAND_2016_CONTENT = Path(__file__).resolve().parent / "content" / "cleveland_2016"
PROGRAMME_TEXTS = Path(settings.BASE_DIR) / "peel" / "data" / "programme_texts"

# The reference's title page and last page.
CLEVELAND_2016_DETAILS = {
    "publication_date": datetime.date(2017, 3, 2),
    "copyright_line": "© HMIC 2017",
    "isbn": "978-1-78655-342-3",
    "web_address": "https://www.justiceinspectorates.gov.uk/hmic",
}

# Which inspector writes which core question (and its sub-questions) and the fixed sections'
# additions; the lead writes the overview.
_AUTHOR_OF_CORE = {"1": "inspector", "2": "inspector2", "3": "inspector", "4": "inspector2", "5": "inspector"}


def content_files(directory: Path) -> dict[str, str]:
    """The markup of each section a directory holds, by section key (the file's name without ``.md``)."""
    return {path.stem: path.read_text(encoding="utf-8").strip() for path in sorted(directory.glob("*.md"))}


def programme_texts_ensure(*, programme: Programme, directory: Path) -> int:
    """The programme's own introduction, Next steps and Annex A from ``directory`` (``<key>.md``), each
    only if the programme has none yet. Returns how many were added."""
    held = set(ProgrammeReportText.objects.filter(programme=programme).values_list("key", flat=True))
    added = 0
    for key, body in content_files(directory).items():
        if key not in FixedSection.values:
            raise ImproperlyConfigured(f"{directory / (key + '.md')}: {key!r} is not a programme text.")
        if key not in held:
            programme_text_save(programme=programme, key=key, body=body)
            added += 1
    return added


def _author_for(section: ReportSection, users: dict):
    code = section.question.code if section.question_id else ""
    core = code.split(".")[0]
    if not section.question_id:
        return users["inspector2"]
    return users[_AUTHOR_OF_CORE[core]] if core in _AUTHOR_OF_CORE else users["lead"]


def report_sections_load(*, inspection: Inspection, directory: Path, users: dict) -> None:
    """Write each section from its file as its author, mark it ready for review and approve it as the
    lead; a section with no file is approved empty (nothing to add). A section already approved is
    left as it is. Nothing is written once the inspection is published: its report is fixed."""
    if inspection.is_published:
        return
    lead = users["lead"]
    sections = {section.key: section for section in sections_ensure(inspection=inspection)}
    bodies = content_files(directory)
    unknown = sorted(set(bodies) - set(sections))
    if unknown:
        raise ImproperlyConfigured(f"{directory}: no section of the report has the key {', '.join(unknown)}.")
    authors = {section.pk: _author_for(section, users) for section in sections.values()}
    section_authors_assign(inspection=inspection, authors=authors, user=lead)
    for key, section in sections.items():
        section.refresh_from_db()
        if section.status == SectionStatus.APPROVED:
            continue
        author = authors[section.pk]
        body = bodies.get(key, "")
        if body:
            section = section_body_save(section=section, body=body, version=None, user=author)
            if section.status == SectionStatus.IN_PROGRESS:
                section = section_status_set(
                    section=section, status=SectionStatus.READY_FOR_REVIEW, user=author
                )
        section_status_set(section=section, status=SectionStatus.APPROVED, user=lead)


def report_details_ensure(*, inspection: Inspection, users: dict, details: dict) -> None:
    """The title page's date, copyright line, ISBN and web address, unless already set."""
    if inspection.is_published or ReportDetails.objects.filter(inspection=inspection).exists():
        return
    report_details_save(inspection=inspection, user=users["lead"], version="", **details)


def cleveland_report_content_ensure(*, inspection: Inspection, users: dict) -> None:
    """The reference report's narrative, title-page details and programme texts for Cleveland 2016."""
    programme_texts_ensure(
        programme=inspection.programme, directory=PROGRAMME_TEXTS / inspection.programme.slug
    )
    report_sections_load(inspection=inspection, directory=CLEVELAND_2016_CONTENT, users=users)
    report_details_ensure(inspection=inspection, users=users, details=CLEVELAND_2016_DETAILS)
