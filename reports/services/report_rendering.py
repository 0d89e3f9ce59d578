"""The report as a file: a self-contained HTML document, which a worker makes a PDF of
(``peel.services.pdf_renders.pdf_from_document``).

Both come from the same templates as the report page (``reports/report/_body.html``) and the same print
stylesheet (``static/reports/report-print.css``), inlined so the document needs nothing else; the charts
are inline SVG, and the fonts are the system's DejaVu family.
"""

from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from peel.models import Inspection
from reports.services.report_content import ReportContent, report_content

PRINT_STYLESHEET = "reports/report-print.css"


@cache
def print_stylesheet() -> str:
    path = finders.find(PRINT_STYLESHEET)
    if path is None:
        raise FileNotFoundError(f"static file {PRINT_STYLESHEET} is missing")
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def report_filename(*, inspection: Inspection, extension: str) -> str:
    draft = "" if inspection.is_published else "-draft"
    return f"{inspection.force.slug}-{inspection.programme.slug}{draft}.{extension}"


def report_document_html(
    *,
    inspection: Inspection,
    content: ReportContent | None = None,
    notices: list[tuple[str, str]] = (),
) -> str:
    """The report as one HTML document; ``notices`` are its published corrections, (date, text)."""
    content = content or report_content(inspection=inspection)
    return render_to_string(
        "reports/report_document.html",
        {
            "report": content,
            "stylesheet": print_stylesheet(),
            "notices": notices,
            # The document's metadata: WeasyPrint writes these <meta> elements into the PDF's Info and XMP.
            "author": settings.PEEL_REPORT_AUTHOR,
            # A draft is dated by the day, as its title page is: the document, and so its digest and
            # stored PDF, stay the same all day while its content does.
            "created": inspection.published_at or timezone.localdate(),
        },
    )
