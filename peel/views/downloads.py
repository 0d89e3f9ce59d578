"""Files as the browser downloads them: a spreadsheet export, a worker-rendered PDF."""

from django.http import HttpResponse

from peel.spreadsheets import ExportFile


def export_download(exported: ExportFile) -> HttpResponse:
    """``exported`` as an attachment named by its file name."""
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def pdf_download(*, pdf: bytes, sha256: str, filename: str) -> HttpResponse:
    """A stored PDF as an attachment, with the SHA-256 it was stored under."""
    response = HttpResponse(bytes(pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-SHA256"] = sha256
    response["Cache-Control"] = "private, no-store"
    return response
