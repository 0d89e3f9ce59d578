"""The authored narrative as the report shows it, and the report's content with it.

``authored_report_content`` is what the report page, its HTML document and its PDFs are made from
(the publication app calls it): the reports app's content (``report_content``) with every section's
rendered narrative, the programme's texts and the title page's details.

The programme's texts and the sections are rendered in the order the report shows them
(``parts_in_report_order``) with one ``References``, so footnotes and figures are numbered in one
sequence through the report. References stay live until publication: each render resolves
``{{result:CODE}}`` against the current file-review results and places the current figures. At
publication ``sections_freeze`` stores what each section rendered to, in the same order, and a published
report shows that stored HTML.
"""

from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from authoring.models import FixedSection, ProgrammeReportText, ReportSection
from authoring.selectors import details_of, sections_for
from figures.models import FORCE_AREA, FORCE_NAME
from figures.rendering import FigureRenderer, figure_renderer
from figures.selectors import figure_choices
from peel.markup import References, footnotes_counted, markup_render
from peel.models import Inspection, QuestionLevel
from reports.models import CriterionResult
from reports.services.report_content import (
    Narrative,
    NarrativeSection,
    ReportContent,
    TitleDetails,
    report_content,
)
from reports.wording import date_in_words


def result_in_words(result: CriterionResult) -> str:
    """A file-review result as a reference writes it: "36 of 60 files (60%)"."""
    files = "file" if result.n == 1 else "files"
    percent = f" ({result.percent_met:.0f}%)" if result.percent_met is not None else ""
    return f"{result.yes} of {result.n} {files}{percent}"


def references_for(*, inspection: Inspection) -> References:
    """What the inspection's sections may refer to: its criteria's file-review results and its
    programme's figures (two queries); the figures are drawn only when a section places one (the
    renderer loads them all at once, in a fixed number of queries)."""
    results = {
        result.criterion.code: result_in_words(result)
        for result in CriterionResult.objects.filter(inspection=inspection, stratum=None, n__gt=0)
        .select_related("criterion")
        .only("yes", "n", "proportion_met", "criterion__code")
    }
    renderer: list[FigureRenderer] = []

    def figure_html(key: str, number: int, calls: str) -> str:
        if not renderer:
            renderer.append(figure_renderer(programme_id=inspection.programme_id, force=inspection.force))
        figure = renderer[0].render(key=key, number=number)
        if figure is None:
            return f'<p><span class="unresolved-reference">[figure {key} cannot be drawn]</span>{calls}</p>'
        # calls: the caption's footnote calls, made by markup_render and cleaned by nh3.
        context = {"figure": figure, "caption_calls": mark_safe(calls)}  # noqa: S308
        return render_to_string("figures/_figure.html", context)

    return References(
        results=results,
        figures=dict(figure_choices_for(inspection=inspection)),
        figure_html=figure_html,
    )


def figure_choices_for(*, inspection: Inspection) -> list[tuple[str, str]]:
    """The figures the editor's insert menu offers: (key, title for the inspection's force)."""
    force = inspection.force
    return [
        (key, title.replace(FORCE_AREA, force.short_name).replace(FORCE_NAME, force.name))
        for key, title in figure_choices(programme=inspection.programme)
    ]


def heading_offset_of(section: ReportSection) -> int:
    """A sub-question's heading is the report's <h3>, so its sub-headings go one level down."""
    return 1 if section.question is not None and section.question.level == QuestionLevel.SUB else 0


def section_rendered(section: ReportSection, references: References) -> str:
    return markup_render(section.body, references=references, heading_offset=heading_offset_of(section))


@dataclass(frozen=True)
class NarrativePart:
    """One piece of written markup as the report places it: a section, or (``section`` None) the
    programme's own text of that key."""

    key: str
    body: str
    section: ReportSection | None = None


def parts_in_report_order(sections: list[ReportSection], texts: dict[str, str]) -> list[NarrativePart]:
    """The programme's texts and the sections in the order the report shows them: the introduction's
    text, the sections but the two closing ones (the introduction section first), then Next steps' text
    and section, then Annex A's text and section. Footnotes and figures are numbered in this order."""
    closing = (FixedSection.NEXT_STEPS.value, FixedSection.ANNEX_A.value)
    by_key = {section.key: section for section in sections}

    def text(key: str) -> list[NarrativePart]:
        return [NarrativePart(key, texts[key])] if key in texts else []

    def section(key: str) -> list[NarrativePart]:
        return [NarrativePart(key, by_key[key].body, by_key[key])] if key in by_key else []

    parts = text(FixedSection.INTRODUCTION.value)
    parts += [NarrativePart(s.key, s.body, s) for s in sections if s.key not in closing]
    for key in closing:
        parts += text(key) + section(key)
    return parts


def parts_rendered(parts: list[NarrativePart], references: References, *, frozen: bool) -> list[str]:
    """Each part's HTML, with one running count of footnotes and figures through them all. A frozen
    section shows the HTML stored at publication (numbered in this same order by ``sections_freeze``);
    its footnotes are counted so the parts after it keep their numbers."""
    references.figures_number(part.body for part in parts)
    rendered = []
    for part in parts:
        if part.section is None:
            rendered.append(markup_render(part.body, references=references))
        elif frozen:
            footnotes_counted(part.body, references=references)
            # The stored HTML is what markup_render made (cleaned by nh3) when the report was published.
            rendered.append(mark_safe(part.section.published_html))  # noqa: S308
        else:
            rendered.append(section_rendered(part.section, references))
    return rendered


def _narrative_section(section: ReportSection, html: str) -> NarrativeSection:
    return NarrativeSection(
        title=section.title,
        html=html,
        status=section.status,
        status_label=section.get_status_display(),
        is_empty=not section.body.strip(),
    )


def _programme_texts(inspection: Inspection) -> dict[str, str]:
    return dict(
        ProgrammeReportText.objects.filter(programme_id=inspection.programme_id).values_list("key", "body")
    )


def report_narrative(*, inspection: Inspection) -> Narrative:
    """The programme's texts and every section rendered in report order, so figures and footnotes are
    numbered in one sequence across the report; and the title page's details."""
    sections = list(sections_for(inspection=inspection))
    parts = parts_in_report_order(sections, _programme_texts(inspection))
    rendered = parts_rendered(parts, references_for(inspection=inspection), frozen=inspection.is_published)
    details = details_of(inspection=inspection)
    return Narrative(
        sections={
            part.key: _narrative_section(part.section, html)
            for part, html in zip(parts, rendered, strict=True)
            if part.section is not None
        },
        programme_texts={
            part.key: html for part, html in zip(parts, rendered, strict=True) if part.section is None
        },
        details=TitleDetails(
            publication_date=date_in_words(details.publication_date)
            if details and details.publication_date
            else "",
            copyright_line=details.copyright_line if details else "",
            isbn=details.isbn if details else "",
            web_address=details.web_address if details else "",
        ),
    )


def authored_report_content(*, inspection: Inspection) -> ReportContent:
    """The report with its narrative: the one the page, the HTML document and the PDFs show."""
    return report_content(inspection=inspection, narrative=report_narrative(inspection=inspection))


def sections_freeze(*, inspection: Inspection) -> None:
    """At publication, store what each section renders to now, so the published report keeps showing
    exactly that (``report_narrative`` reads it while the inspection is published). The sections are
    rendered among the programme's texts in report order, as the report renders them, so each keeps the
    footnote and figure numbers the report gave it."""
    with transaction.atomic():
        sections = list(
            ReportSection.objects.select_for_update(of=("self",))
            .filter(inspection=inspection)
            .select_related("question")
            .order_by("order", "pk")
        )
        parts = parts_in_report_order(sections, _programme_texts(inspection))
        rendered = parts_rendered(parts, references_for(inspection=inspection), frozen=False)
        for part, html in zip(parts, rendered, strict=True):
            if part.section is not None:
                part.section.published_html = str(html)
        ReportSection.objects.bulk_update(sections, ["published_html"])
