"""What several review pages share: loading a file of the inspection, and reporting a refusal."""

from django.contrib import messages
from django.http import Http404

from peel.models import Inspection
from reviews.models import CaseFile
from reviews.services.refusals import Refused


def case_file_of(inspection: Inspection, file_id: int) -> CaseFile:
    """The inspection's file, or 404 (a file id from another inspection is not disclosed)."""
    case_file = (
        CaseFile.objects.select_related(
            "crime", "stratum", "reviewer", "second_reviewer", "replaces__crime", "marked_unusable_by"
        )
        .filter(inspection=inspection, pk=file_id)
        .first()
    )
    if case_file is None:
        raise Http404("No such file in this inspection.")
    return case_file


def report_refusal(request, refusal: Refused) -> None:
    messages.error(request, refusal.message)


def page_context(request, inspection: Inspection, **extra) -> dict:
    return {"inspection": inspection, "is_lead": inspection.is_lead(request.user), **extra}
