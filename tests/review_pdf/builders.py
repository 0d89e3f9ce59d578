"""A file reviewed twice, moderated, adjudicated and discussed: everything its review's PDF shows."""

from reviews.models import Answer, CaseFile, ReviewKind
from reviews.services.discussion import message_post
from reviews.services.double_review import adjudication_save, double_review_select
from tests.factories.reviews import accepted_review, criteria_2016, drawn_inspection, submitted_review

FIRST_NOTE = "THRIVE recorded on the incident log at 14:02."
SECOND_NOTE = "No risk assessment found in the crime record."
REASON = "The risk assessment is in the incident log, not the crime record."
MESSAGE = "Where did you find the risk assessment?"


def c01():
    return next(criterion for criterion in criteria_2016() if criterion.code == "C01")


def reviewed_file() -> CaseFile:
    """The first review accepted (yes to every criterion), the blind second submitted (no on C01), each
    with a note on C01; C01 adjudicated; one message in the first review's thread."""
    inspection = drawn_inspection(3)
    double_review_select(inspection=inspection, share_percent=100, seed=2)
    case_file = (
        CaseFile.objects.filter(inspection=inspection, stratum__label="Robbery")
        .select_related("crime", "reviewer", "second_reviewer", "inspection__lead")
        .first()
    )
    accepted_review(case_file)
    submitted_review(case_file, ReviewKind.SECOND, overrides={"C01": "no"})
    for kind, note in ((ReviewKind.FIRST, FIRST_NOTE), (ReviewKind.SECOND, SECOND_NOTE)):
        Answer.objects.filter(review__case_file=case_file, review__kind=kind, criterion=c01()).update(
            note=note
        )
    adjudication_save(
        inspection=inspection,
        case_file_id=case_file.pk,
        decisions={c01().pk: ("yes", REASON)},
        user=inspection.lead,
    )
    message_post(inspection=inspection, case_file=case_file, author=inspection.lead, body=MESSAGE)
    return case_file
