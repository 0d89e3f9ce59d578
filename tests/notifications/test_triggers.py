"""The work that arrives for someone tells them: allocation, a section ready or returned, a report waiting
for sign-off and its decision, a factual accuracy comment."""

import pytest

from authoring.models import SectionStatus
from authoring.services.sections import section_body_save, section_status_set
from notifications.models import Notification, NotificationKind
from publication.selectors import report_content_digest
from publication.services.publishing import sign_off_approve, sign_off_return, sign_off_submit
from reviews.models import CaseFile, ReviewKind
from reviews.services.allocation import case_file_reassign, case_files_allocate
from tests.authoring.builders import authored, inspection_with_sections
from tests.factories.reviews import drawn_inspection
from tests.factories.users import inspector
from tests.factual_accuracy.builders import setting
from tests.publication.builders import approved_inspection

pytestmark = pytest.mark.django_db


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_each_reviewer_is_told_once_how_many_files_an_allocation_gave_them():
    inspection = drawn_inspection(3, allocate=False)

    case_files_allocate(inspection=inspection)
    case_files_allocate(inspection=inspection)  # nothing new: nobody is told again

    for member in inspection.team.all():
        given = CaseFile.objects.filter(inspection=inspection, reviewer=member).count()
        seconds = CaseFile.objects.filter(inspection=inspection, second_reviewer=member).count()
        notifications = Notification.objects.filter(recipient=member, kind=NotificationKind.FILES_ALLOCATED)
        assert notifications.count() == 1
        assert notifications.get().body.startswith(f"You were given {given + seconds} case file")


def test_the_inspector_given_a_reassigned_file_is_told_and_the_lead_is_not():
    inspection = drawn_inspection(3)
    newcomer = inspector(username="nia")
    inspection.team.add(newcomer)
    case_file = CaseFile.objects.filter(inspection=inspection).first()

    case_file_reassign(
        inspection=inspection, case_file_id=case_file.pk, kind=ReviewKind.FIRST, reviewer=newcomer
    )

    notification = Notification.objects.get(recipient=newcomer)
    assert notification.subject == f"Case file {case_file.crime_reference} is now yours to review"
    assert kinds_of(inspection.lead) == []


def test_the_lead_is_asked_to_approve_a_ready_section_and_its_author_hears_it_was_returned():
    inspection = inspection_with_sections()
    writer = inspection.team.first()
    item = authored(inspection, "q-1.1", writer)
    item = section_body_save(section=item, body="First words.", version=item.edit_version, user=writer)

    section_status_set(section=item, status=SectionStatus.READY_FOR_REVIEW, user=writer)
    section_status_set(
        section=item, status=SectionStatus.IN_PROGRESS, user=inspection.lead, comment="Add the figures."
    )

    assert kinds_of(inspection.lead) == [NotificationKind.APPROVAL_WANTED]
    returned = Notification.objects.get(recipient=writer, kind=NotificationKind.REVIEW_RETURNED)
    assert returned.body.endswith(": Add the figures.")
    assert returned.url == f"/inspections/{inspection.pk}/writing/{item.pk}/"


def test_the_hm_inspector_is_asked_to_sign_off_and_the_lead_hears_of_each_decision():
    inspection = approved_inspection()
    digest = report_content_digest(inspection=inspection)

    first = sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest)
    sign_off_return(
        inspection=inspection, user=inspection.hmi, sign_off_id=first.pk, digest=digest, comments="Shorter."
    )
    second = sign_off_submit(inspection=inspection, user=inspection.lead, digest=digest)
    sign_off_approve(inspection=inspection, user=inspection.hmi, sign_off_id=second.pk, digest=digest)

    assert kinds_of(inspection.hmi) == [NotificationKind.SIGNOFF_WANTED] * 2
    assert sorted(kinds_of(inspection.lead)) == [
        NotificationKind.REVIEW_RETURNED,
        NotificationKind.SIGNED_OFF,
    ]


def test_the_lead_is_told_of_each_factual_accuracy_comment_once():
    world = setting()
    check = world.open_check()

    comment = world.comment(check, text="The date is wrong.")

    notification = Notification.objects.get(recipient=world.lead, kind=NotificationKind.FA_COMMENT)
    assert notification.key == f"fa-comment:{comment.pk}"
    assert "The date is wrong." in notification.body
