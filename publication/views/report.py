"""The report page, with its way to publication, and its PDFs: a draft's (rendered by a worker and
kept under its digest) and each published version's (rendered once, stored, served from then on)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from peel.models.rendered_pdfs import RenderStatus
from peel.views.access import inspection_lead_required, inspection_member_required
from peel.views.downloads import pdf_download
from publication.forms import DecisionForm, SubmitForSignOffForm
from publication.models import DraftPdf, Publication
from publication.report_page_cache import kept_report, kept_report_body
from publication.report_sources import report_page_key
from publication.selectors import (
    current_draft_pdf,
    prepublication_checklist,
    publication_state,
)
from publication.services.pdf import draft_pdf_request, publication_pdf_retry
from reports.services.report_rendering import report_filename


@require_GET
@inspection_member_required
def report_page(request, inspection):
    """The report as it is now, kept rendered under the key of what it is made of (``report_page_key``),
    with where it stands on its way to publication."""
    kept = kept_report(inspection=inspection, key=report_page_key(inspection=inspection))
    state = publication_state(inspection=inspection, digest=kept.digest)
    is_lead, is_hmi = inspection.is_lead(request.user), inspection.is_hmi(request.user)
    context = {
        "inspection": inspection,
        "report_body": kept_report_body(inspection=inspection, kept=kept, notices=state.notices),
        "state": state,
        "is_lead": is_lead,
        "is_hmi": is_hmi,
        "draft_pdf": DraftPdf.objects.filter(inspection=inspection).defer("pdf", "document_html").first(),
    }
    if not inspection.is_published:
        context["checklist"] = prepublication_checklist(inspection=inspection, content=kept.checklist)
        context["submit_form"] = SubmitForSignOffForm(initial={"digest": state.digest})
        if state.is_waiting and is_hmi:
            context["decision_form"] = DecisionForm(
                initial={"sign_off_id": state.sign_off.pk, "digest": state.digest}
            )
        if state.sign_off_valid and is_lead:
            context["publish_url"] = reverse("publication:publish", kwargs={"pk": inspection.pk})
    return render(request, "publication/report.html", context)


@require_GET
@inspection_member_required
def report_pdf(request, inspection):
    """The PDF of the report as it is: the stored PDF of the published version, or the draft's once a
    worker has rendered it (otherwise back to the report page, where it is prepared)."""
    if inspection.is_published:
        publication = Publication.objects.filter(inspection=inspection).order_by("-version").first()
        if publication is not None:
            return version_pdf(request, inspection.pk, version=publication.version)
    draft = current_draft_pdf(inspection=inspection)
    if draft is not None and draft.is_ready:
        return pdf_download(
            pdf=draft.pdf,
            sha256=draft.pdf_sha256,
            filename=report_filename(inspection=inspection, extension="pdf"),
        )
    messages.info(request, "Prepare the PDF of the report as it is now, then download it from here.")
    return redirect(reverse("publication:report", kwargs={"pk": inspection.pk}) + "#report-pdf")


@require_POST
@inspection_member_required
def pdf_prepare(request, inspection):
    draft = draft_pdf_request(inspection=inspection, user=request.user)
    if draft.is_ready:
        messages.success(request, "The PDF of the report as it is now is ready to download.")
    return redirect(reverse("publication:report", kwargs={"pk": inspection.pk}) + "#report-pdf")


@require_GET
@inspection_member_required
def draft_pdf_download(request, inspection, draft_id: int):
    draft = DraftPdf.objects.filter(pk=draft_id, inspection=inspection, status=RenderStatus.READY).first()
    if draft is None:
        raise Http404("No such PDF of this report (a newer one may have replaced it).")
    return pdf_download(
        pdf=draft.pdf,
        sha256=draft.pdf_sha256,
        filename=report_filename(inspection=inspection, extension="pdf"),
    )


@require_GET
@inspection_member_required
def draft_pdf_progress(request, inspection, draft_id: int):
    draft = DraftPdf.objects.filter(pk=draft_id, inspection=inspection).defer("pdf", "document_html").first()
    if draft is None:
        raise Http404("No such PDF of this report.")
    return _progress(request, inspection, draft, "publication/_draft_pdf.html", {"draft_pdf": draft})


def _progress(request, inspection, render_row, template: str, context: dict):
    response = render(request, template, {"inspection": inspection, **context})
    if request.htmx and not render_row.is_active:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@inspection_member_required
def version_pdf(request, inspection, version: int):
    publication = Publication.objects.filter(inspection=inspection, version=version).first()
    if publication is None:
        raise Http404("No such published version of this report.")
    if not publication.is_ready:
        messages.info(request, f"The PDF of version {version} is not ready yet: its state is shown here.")
        return redirect(reverse("publication:report", kwargs={"pk": inspection.pk}) + "#published-versions")
    name = report_filename(inspection=inspection, extension="pdf").removesuffix(".pdf")
    return pdf_download(pdf=publication.pdf, sha256=publication.pdf_sha256, filename=f"{name}-v{version}.pdf")


@require_POST
@inspection_lead_required
def version_render(request, inspection, version: int):
    """Render a published version's PDF again after its render failed or its worker was lost."""
    publication = Publication.objects.filter(inspection=inspection, version=version).defer("pdf").first()
    if publication is None:
        raise Http404("No such published version of this report.")
    publication_pdf_retry(publication=publication)
    return redirect(reverse("publication:report", kwargs={"pk": inspection.pk}) + "#published-versions")


@require_GET
@inspection_member_required
def version_progress(request, inspection, version: int):
    publication = (
        Publication.objects.filter(inspection=inspection, version=version)
        .defer("pdf", "document_html")
        .first()
    )
    if publication is None:
        raise Http404("No such published version of this report.")
    return _progress(
        request, inspection, publication, "publication/_version_pdf.html", {"publication": publication}
    )
