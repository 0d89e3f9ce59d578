"""The report: an HTML page and a PDF download, for everyone on the inspection."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from peel.views.access import inspection_member_required
from reports.services.report_content import report_content
from reports.services.report_rendering import report_filename, report_pdf_bytes


@require_GET
@inspection_member_required
def report_html(request, inspection):
    return render(
        request,
        "reports/report.html",
        {"inspection": inspection, "report": report_content(inspection=inspection)},
    )


@require_GET
@inspection_member_required
def report_pdf(request, inspection):
    response = HttpResponse(report_pdf_bytes(inspection=inspection), content_type="application/pdf")
    filename = report_filename(inspection=inspection, extension="pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
