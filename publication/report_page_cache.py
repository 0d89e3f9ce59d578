"""The report page's rendered report, its content digest and its pre-publication checklist, kept between
requests in Django's cache (Redis in production) under ``report_page_key``.

Building the whole report — every written section's markup and figures, the findings, the file-review
table — with its digest and checklist took nearly all of the page's time, on every request, although the
report changes far less often than it is read. The key is computed from the rows they are all made of
(``publication.report_sources``), so an entry is never out of date: an edit makes a new key, the next
request renders under it, and the old entry is never read again and expires. What is kept is exactly
what the templates and selectors make.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from authoring.report import authored_report_content
from peel.models import Inspection
from publication.selectors import Checklist, content_checklist, report_content_digest

# An entry is right for as long as it is read (its key changes with the report); one unread for a day
# goes (the Cleveland report's body is about 450 KB, and each edit keeps a new one).
KEPT_SECONDS = 24 * 60 * 60
BODY_TEMPLATE = "reports/report/_body.html"


def report_body_render(*, inspection: Inspection, notices: list[tuple[str, str]]) -> str:
    """The report as the page shows it, rendered now (what the cache keeps)."""
    return render_to_string(
        BODY_TEMPLATE, {"report": authored_report_content(inspection=inspection), "notices": notices}
    )


@dataclass
class KeptReport:
    """What the report page keeps under one key (``report_page_key``)."""

    key: str
    digest: str
    checklist: Checklist | None  # what waits in the content (``content_checklist``); None once published
    body: str = ""

    @property
    def body_html(self) -> SafeString:
        # The templates' own output, escaped by them; kept as it was rendered.
        return mark_safe(self.body)  # noqa: S308


def _names(key: str) -> dict[str, str]:
    return {part: f"report-page:{part}:{key}" for part in ("digest", "checklist", "body")}


def kept_report(*, inspection: Inspection, key: str) -> KeptReport:
    """The digest and checklist under ``key``, computed and kept if they are not kept yet (the body is
    rendered by ``kept_report_body``, once the page has the notices it prints). One read of the cache."""
    names = _names(key)
    kept = cache.get_many(names.values())
    digest = kept.get(names["digest"])
    if digest is None:
        digest = report_content_digest(inspection=inspection)
        cache.set(names["digest"], digest, KEPT_SECONDS)
    checklist = None
    if not inspection.is_published:
        checklist = kept.get(names["checklist"])
        if checklist is None:
            checklist = content_checklist(inspection=inspection)
            cache.set(names["checklist"], checklist, KEPT_SECONDS)
    return KeptReport(key=key, digest=digest, checklist=checklist, body=kept.get(names["body"], ""))


def kept_report_body(
    *, inspection: Inspection, kept: KeptReport, notices: list[tuple[str, str]]
) -> SafeString:
    """The rendered report under ``kept.key``, rendered and kept if it is not kept yet. ``notices`` are
    the published corrections, which the key's rows hold."""
    if not kept.body:
        kept.body = report_body_render(inspection=inspection, notices=notices)
        cache.set(_names(kept.key)["body"], kept.body, KEPT_SECONDS)
    return kept.body_html
