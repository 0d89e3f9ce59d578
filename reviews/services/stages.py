"""The inspection's stage follows the case-file review: fieldwork once the files are allocated,
moderation once every review is submitted, judgments once every review is accepted."""

from peel.models import InspectionStatus
from peel.services.inspections import inspection_status_advance
from reviews.selectors import review_completion


def stage_follow_reviews(*, inspection_id: int) -> None:
    """Advance the inspection as far as its reviews allow (each step one stage, from where it is)."""
    done = review_completion(inspection_id=inspection_id)
    if not done["files"] or done["unallocated"]:
        return
    steps = [(InspectionStatus.SETUP, InspectionStatus.FIELDWORK)]
    if done["finished"] >= done["wanted"]:
        steps.append((InspectionStatus.FIELDWORK, InspectionStatus.MODERATION))
    if done["accepted"] >= done["wanted"]:
        steps.append((InspectionStatus.MODERATION, InspectionStatus.JUDGMENTS))
    for from_status, to_status in steps:
        inspection_status_advance(inspection_id=inspection_id, from_status=from_status, to_status=to_status)
