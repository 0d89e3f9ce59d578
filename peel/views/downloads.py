"""A spreadsheet export as the browser downloads it."""

from django.http import HttpResponse

from peel.spreadsheets import ExportFile


def export_download(exported: ExportFile) -> HttpResponse:
    """``exported`` as an attachment named by its file name."""
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
