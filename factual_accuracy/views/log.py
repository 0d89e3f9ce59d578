"""The log of the factual accuracy check, every round: a page, and its CSV and XLSX. Kept after the
check closes and after publication; a liaison reads their force's, members their inspection's."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from factual_accuracy.exports import log_csv, log_filename, log_xlsx
from factual_accuracy.selectors import check_for_user, checks_of, log_of
from peel.roles import is_liaison

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def check_log(request, check_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    inspection = check.inspection
    context = {
        "check": check,
        "inspection": inspection,
        "checks": list(checks_of(inspection=inspection)),
        "comments": list(log_of(inspection=inspection)),
        "for_liaison": is_liaison(request.user),
    }
    return render(request, "factual_accuracy/log.html", context)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def check_log_csv(request, check_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    return _download(
        log_csv(list(log_of(inspection=check.inspection))),
        content_type="text/csv; charset=utf-8",
        filename=log_filename(inspection=check.inspection, extension="csv"),
    )


@require_GET
def check_log_xlsx(request, check_id: int):
    check = check_for_user(user=request.user, check_id=check_id)
    return _download(
        log_xlsx(list(log_of(inspection=check.inspection))),
        content_type=XLSX,
        filename=log_filename(inspection=check.inspection, extension="xlsx"),
    )
