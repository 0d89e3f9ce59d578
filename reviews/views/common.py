"""What several review pages share: loading a file of the inspection, and reporting a refusal."""

from django.contrib import messages
from django.db.models import OuterRef
from django.http import Http404

from peel.models import Inspection
from reviews.models import CaseFile
from reviews.selectors import audit_question_of
from reviews.services.refusals import Refused


def case_file_of(inspection: Inspection, file_id: int, *, with_reviewers: bool = False) -> CaseFile:
    """The inspection's file, or 404 (a file id from another inspection is not disclosed).

    With its crime and stratum, which every file page shows, its reviewers for the pages that name
    them, and ``audit_question``: the design's question if the inspection is an audit, else None. The
    file page loads what it shows of replacements and unusable files itself, for the few files that
    have them."""
    related = ["crime", "stratum", *(["reviewer", "second_reviewer"] if with_reviewers else [])]
    try:
        return (
            CaseFile.objects.select_related(*related)
            .annotate(audit_question=audit_question_of(OuterRef("inspection_id")))
            .get(inspection=inspection, pk=file_id)
        )
    except CaseFile.DoesNotExist:
        raise Http404("No such file in this inspection.") from None


def report_refusal(request, refusal: Refused) -> None:
    messages.error(request, refusal.message)


def page_context(request, inspection: Inspection, **extra) -> dict:
    return {"inspection": inspection, "is_lead": inspection.is_lead(request.user), **extra}
