"""An inspection whose content is all decided, at the judgments stage, with its HM Inspector named."""

from peel.models import ApprovalState, FindingSummary, Inspection, InspectionStatus, Judgment
from tests.factories.inspections import inspection_with_drafts
from tests.factories.users import hmi


def approved_inspection(**kwargs) -> Inspection:
    inspection = inspection_with_drafts(hmi=hmi(), **kwargs)
    Judgment.objects.filter(inspection=inspection, grade="").update(grade="good")
    Judgment.objects.filter(inspection=inspection).update(
        state=ApprovalState.APPROVED, rationale="The force is good at keeping people safe."
    )
    FindingSummary.objects.filter(inspection=inspection).update(
        state=ApprovalState.APPROVED, text="The force protects vulnerable people well."
    )
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.JUDGMENTS)
    return Inspection.objects.select_related("force", "programme", "lead", "hmi").get(pk=inspection.pk)
