"""An inspection whose content is all decided, at the judgments stage, with its HM Inspector named and
(unless asked otherwise) its factual accuracy check held and closed, with no comments."""

from django.utils import timezone

from factual_accuracy.services.checks import accuracy_check_close, accuracy_check_open
from peel.models import ApprovalState, FindingSummary, Inspection, InspectionStatus, Judgment
from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import hmi


def approved_inspection(*, accuracy_checked: bool = True, **kwargs) -> Inspection:
    inspection = inspection_with_drafts(hmi=hmi(), **kwargs)
    Judgment.objects.filter(inspection=inspection, grade="").update(grade="good")
    Judgment.objects.filter(inspection=inspection).update(
        state=ApprovalState.APPROVED, rationale="The force is good at keeping people safe."
    )
    FindingSummary.objects.filter(inspection=inspection).update(
        state=ApprovalState.APPROVED, text="The force protects vulnerable people well."
    )
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.JUDGMENTS)
    inspection = Inspection.objects.select_related("force", "programme", "lead", "hmi").get(pk=inspection.pk)
    if accuracy_checked:
        check = accuracy_check_open(inspection=inspection, user=inspection.lead, due_on=timezone.localdate())
        accuracy_check_close(inspection=inspection, user=inspection.lead, check_id=check.pk)
    return Inspection.objects.select_related("force", "programme", "lead", "hmi").get(pk=inspection.pk)
